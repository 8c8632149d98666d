#include "quotes/quotes_stage.h"

#include <fmt/format.h>

#include "analyze/entity.h"
#include "analyze/quote.h"
#include "analyze/table_writer.h"
#include "quotes/quote_extractor.h"

namespace analyze {

namespace {

constexpr std::size_t kTableRows = 12;
constexpr std::size_t kTableWords = 12;  // the first words of a quote the table shows

void write_span(const Document& doc, const std::optional<TextSpan>& span, JsonWriter& out) {
  if (!span) {
    out.value(Json());
    return;
  }
  out.begin_object()
      .field("start", doc.code_point(span->begin))
      .field("end", doc.code_point(span->end))
      .field("text", doc.slice(span->begin, span->end))
      .end_object();
}

std::string first_words(std::string_view text, std::size_t words) {
  std::size_t seen = 0, i = 0;
  for (; i < text.size(); ++i)
    if (text[i] == ' ' && ++seen == words) break;
  std::string out(text.substr(0, i));
  for (char& c : out)
    if (c == '\n') c = ' ';
  return i < text.size() ? out + " …" : out;
}

class QuotesStage final : public Stage {
 public:
  explicit QuotesStage(QuoteModel model) : model_(std::move(model)) {}

  Status run(Document& doc) const override {
    if (!english_or_warn(doc, "quotes")) {
      doc.set_layer(QuoteLayer{});
      return Status::ok();
    }
    const EntityLayer* entities = doc.layer<EntityLayer>();
    if (!entities) return missing_layer("quotes", "entities");
    doc.set_layer(extract_quotes(doc, model_, entities));
    return Status::ok();
  }

  void write_json(const Document& doc, ArticleJsonWriter& out) const override {
    const auto* layer = doc.layer<QuoteLayer>();
    if (!layer) return;
    out.key("quotes").begin_array();
    for (const Quote& q : layer->quotes) {
      out.begin_object()
          .field("start", doc.code_point(q.content.begin))
          .field("end", doc.code_point(q.content.end))
          .field("text", doc.slice(q.content.begin, q.content.end))
          .field("direct", q.direct)
          .key("cue");
      write_span(doc, q.cue, out);
      out.key("speaker");
      write_span(doc, q.speaker, out);
      out.key("entity");
      if (q.entity) out.value(*q.entity);
      else out.value(Json());
      out.end_object();
    }
    out.end_array();
  }

  void write_entity_keys(const Document& doc, std::size_t entity, JsonWriter& out) const override {
    const auto* layer = doc.layer<QuoteLayer>();
    if (!layer) return;
    std::vector<std::uint32_t> indices;
    for (std::uint32_t i = 0; i < layer->quotes.size(); ++i)
      if (layer->quotes[i].entity == entity) indices.push_back(i);
    out.field("quoted", indices.size()).field("quotes", indices);
  }

  void write_table(const Document& doc, TableWriter& table) const override {
    const auto* layer = doc.layer<QuoteLayer>();
    if (!layer || layer->quotes.empty()) return;
    table.heading("Quotes");
    const auto* entities = doc.layer<EntityLayer>();
    std::vector<std::vector<std::string>> rows;
    for (const Quote& q : layer->quotes) {
      if (rows.size() == kTableRows) break;
      std::string speaker = q.speaker ? std::string(doc.slice(q.speaker->begin, q.speaker->end)) : "-";
      if (q.entity && entities && *q.entity < entities->entities.size() && speaker != entities->entities[*q.entity].name)
        speaker += " (" + entities->entities[*q.entity].name + ")";
      const std::string cue = q.cue ? std::string(doc.slice(q.cue->begin, q.cue->end)) : "-";
      const std::string text = first_words(doc.slice(q.content.begin, q.content.end), kTableWords);
      rows.push_back({speaker, cue, q.direct ? "“" + text + "”" : text});
    }
    table.table({"speaker", "cue", "quote"}, rows);
    if (layer->quotes.size() > kTableRows)
      table.line(fmt::format("  … and {} more (--format json lists them all)", layer->quotes.size() - kTableRows));
  }

 private:
  QuoteModel model_;
};

Result<std::unique_ptr<Stage>> create(const StageOptions& options) {
  auto model = QuoteModel::load(options.data_dir / "models" / "quotes.bin");
  if (!model) return model.error();
  return std::unique_ptr<Stage>(new QuotesStage(std::move(model.value())));
}

}  // namespace

const StageSpec& quotes_stage_spec() {
  static const StageSpec spec{
      "quotes",
      "quotations and reported speech: content, cue, speaker as written and the speaker's entity",
      {"paragraphs", "sentences", "tokens", "entities"},
      {"boilerplate", "language"},
      {"quotes"},
      create,
  };
  return spec;
}

}  // namespace analyze
