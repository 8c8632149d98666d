#include "text/stats_stage.h"

#include <fmt/format.h>

#include "analyze/table_writer.h"
#include "core/utf8.h"

namespace analyze {

ArticleStats count_article(const Document& doc) {
  ArticleStats s;
  for (const auto& p : doc.paragraphs) {
    if (p.boilerplate) continue;
    ++s.paragraphs;
    s.characters += utf8::length(doc.slice(p.begin, p.end));
    s.sentences += p.sentence_end - p.sentence_begin;
    const std::uint32_t first = doc.sentences[p.sentence_begin].token_begin;
    const std::uint32_t last = doc.sentences[p.sentence_end - 1].token_end;
    for (std::uint32_t t = first; t < last; ++t)
      s.words += doc.tokens[t].kind == TokenKind::kWord || doc.tokens[t].kind == TokenKind::kNumber;
  }
  return s;
}

namespace {

class StatsStage final : public Stage {
 public:
  Status run(Document& doc) const override {
    doc.set_layer(count_article(doc));
    return Status::ok();
  }

  void write_json(const Document& doc, ArticleJsonWriter& out) const override {
    const auto* s = doc.layer<ArticleStats>();
    if (!s) return;
    out.key("stats")
        .begin_object()
        .field("characters", s->characters)
        .field("words", s->words)
        .field("sentences", s->sentences)
        .field("paragraphs", s->paragraphs)
        .end_object();
  }

  void write_table(const Document& doc, TableWriter& table) const override {
    const auto* s = doc.layer<ArticleStats>();
    if (!s) return;
    table.field("article", fmt::format("{} paragraphs, {} sentences, {} words, {} characters", s->paragraphs, s->sentences,
                                       s->words, s->characters));
  }
};

}  // namespace

const StageSpec& stats_stage_spec() {
  static const StageSpec spec{
      "stats",
      "characters, words, sentences and paragraphs of the article (boilerplate excluded)",
      {"paragraphs", "sentences", "tokens"},
      {"boilerplate"},
      {"stats"},
      [](const StageOptions&) -> Result<std::unique_ptr<Stage>> { return std::unique_ptr<Stage>(new StatsStage()); },
  };
  return spec;
}

}  // namespace analyze
