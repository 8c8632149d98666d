#include "topics/keyphrases_stage.h"

#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "analyze/table_writer.h"

namespace analyze {

namespace {

constexpr std::size_t kKeyphrases = 10;

class KeyphrasesStage final : public Stage {
 public:
  explicit KeyphrasesStage(KeyphraseExtractor extractor) : extractor_(std::move(extractor)) {}

  Status run(Document& doc) const override {
    KeyphraseLayer layer;
    if (english_or_warn(doc, "keyphrases")) {
      const TermLayer* terms = doc.layer<TermLayer>();
      if (!terms) return missing_layer("keyphrases", "terms");
      layer.keyphrases = extractor_.extract(doc, terms->terms, kKeyphrases);
    }
    doc.set_layer(std::move(layer));
    return Status::ok();
  }

  void write_json(const Document& doc, ArticleJsonWriter& out) const override {
    const KeyphraseLayer* layer = doc.layer<KeyphraseLayer>();
    if (!layer) return;
    out.key("keyphrases").begin_array();
    for (const Keyphrase& k : layer->keyphrases)
      out.begin_object().field("text", k.text).field("score", json_score(k.score)).field("count", k.count).end_object();
    out.end_array();
  }

  void write_table(const Document& doc, TableWriter& table) const override {
    const KeyphraseLayer* layer = doc.layer<KeyphraseLayer>();
    if (!layer) return;
    table.heading("Keyphrases");
    std::vector<std::vector<std::string>> rows;
    for (const Keyphrase& k : layer->keyphrases)
      rows.push_back({fmt::format("{:.2f}", k.score), std::to_string(k.count), k.text});
    table.table({"score", "count", "phrase"}, rows);
  }

 private:
  KeyphraseExtractor extractor_;
};

Result<std::unique_ptr<Stage>> create(const StageOptions& options) {
  auto background = KeyphraseBackground::load(options.data_dir / "models" / "keyphrases.bin");
  if (!background) return background.error();
  return std::unique_ptr<Stage>(new KeyphrasesStage(KeyphraseExtractor(std::move(background.value()))));
}

}  // namespace

const StageSpec& keyphrases_stage_spec() {
  static const StageSpec spec{
      "keyphrases",
      "the article's ten most important phrases (noun-phrase-like, plurals and case merged) with score and count; "
      "uses the person names of entities when that stage runs, and leaves out time expressions and quantities",
      {"paragraphs", "sentences", "tokens", "terms"},
      {"boilerplate", "language", "entities", "dates", "quantities"},
      {"keyphrases"},
      create,
  };
  return spec;
}

}  // namespace analyze
