#include "text/segment_stage.h"

#include <fmt/format.h>

#include "text/headline.h"
#include "text/paragraph_splitter.h"
#include "text/sentence_segmenter.h"
#include "analyze/table_writer.h"
#include "text/tokenizer.h"

namespace analyze {

namespace {

// "headline": {"start", "end", "text"} (start and end null when a page's headline is not in its
// text), or null.
void write_headline(const Document& doc, ArticleJsonWriter& out) {
  out.key("headline");
  const auto headline = article_headline(doc);
  if (!headline) {
    out.value(Json());
    return;
  }
  out.begin_object();
  if (headline->span) out.field("start", doc.code_point(headline->span->first)).field("end", doc.code_point(headline->span->second));
  else out.key("start").value(Json()).key("end").value(Json());
  out.field("text", headline->text).end_object();
}

class SegmentStage final : public Stage {
 public:
  explicit SegmentStage(std::shared_ptr<const Abbreviations> abbreviations)
      : tokenizer_(abbreviations), segmenter_(abbreviations) {}

  Status run(Document& doc) const override {
    doc.paragraphs.clear();
    doc.sentences.clear();
    doc.tokens.clear();
    doc.forms.clear();
    std::vector<std::uint32_t> starts;
    for (const auto& [begin, end] : split_paragraphs(doc.text())) {
      const auto token_begin = static_cast<std::uint32_t>(doc.tokens.size());
      tokenizer_.tokenize(doc, begin, end);
      const auto token_end = static_cast<std::uint32_t>(doc.tokens.size());
      if (token_begin == token_end) continue;
      Paragraph p;
      p.begin = begin;
      p.end = end;
      p.sentence_begin = static_cast<std::uint32_t>(doc.sentences.size());
      const auto paragraph = static_cast<std::uint32_t>(doc.paragraphs.size());
      segmenter_.split(doc, begin, end, token_begin, token_end, starts);
      for (std::size_t i = 0; i < starts.size(); ++i) {
        Sentence s;
        s.token_begin = starts[i];
        s.token_end = i + 1 < starts.size() ? starts[i + 1] : token_end;
        s.begin = doc.tokens[s.token_begin].begin;
        s.end = doc.tokens[s.token_end - 1].end;
        s.paragraph = paragraph;
        const auto index = static_cast<std::uint32_t>(doc.sentences.size());
        for (std::uint32_t t = s.token_begin; t < s.token_end; ++t) doc.tokens[t].sentence = index;
        doc.sentences.push_back(s);
      }
      p.sentence_end = static_cast<std::uint32_t>(doc.sentences.size());
      doc.paragraphs.push_back(p);
    }
    return Status::ok();
  }

  void write_json(const Document& doc, ArticleJsonWriter& out) const override {
    write_headline(doc, out);
    out.key("paragraphs").begin_array();
    for (const auto& p : doc.paragraphs)
      out.begin_object()
          .field("start", doc.code_point(p.begin))
          .field("end", doc.code_point(p.end))
          .field("boilerplate", p.boilerplate)
          .end_object();
    out.end_array().key("sentences").begin_array();
    for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
      const Sentence& s = doc.sentences[i];
      out.begin_object()
          .field("start", doc.code_point(s.begin))
          .field("end", doc.code_point(s.end))
          .field("paragraph", s.paragraph)
          .field("text", doc.slice(s.begin, s.end));
      out.sentence_keys(doc, i);
      out.end_object();
    }
    out.end_array();
  }

  void write_table(const Document& doc, TableWriter& table) const override {
    table.field("segments", fmt::format("{} paragraphs, {} sentences, {} tokens", doc.paragraphs.size(),
                                        doc.sentences.size(), doc.tokens.size()));
  }

 private:
  Tokenizer tokenizer_;
  SentenceSegmenter segmenter_;
};

}  // namespace

const StageSpec& segment_stage_spec() {
  static const StageSpec spec{
      "segment",
      "paragraphs (one per line), sentences (ICU + news abbreviation rules), word tokens",
      {"text"},
      {},
      {"paragraphs", "sentences", "tokens"},
      [](const StageOptions& options) -> Result<std::unique_ptr<Stage>> {
        auto abbreviations = Abbreviations::load(options.data_dir);
        if (!abbreviations) return abbreviations.error();
        auto shared = std::make_shared<const Abbreviations>(std::move(abbreviations.value()));
        return std::unique_ptr<Stage>(new SegmentStage(shared));
      },
  };
  return spec;
}

}  // namespace analyze
