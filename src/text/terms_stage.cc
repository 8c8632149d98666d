#include "text/terms_stage.h"

#include "text/terms.h"

namespace analyze {

namespace {

class TermsStage final : public Stage {
 public:
  Status run(Document& doc) const override {
    TermLayer layer;
    collect_terms(doc, layer.terms);
    doc.set_layer(std::move(layer));
    return Status::ok();
  }
  void write_json(const Document&, ArticleJsonWriter&) const override {}
};

}  // namespace

const StageSpec& terms_stage_spec() {
  static const StageSpec spec{
      "terms",
      "the article's words, case-folded and hashed once for topics and keyphrases (boilerplate excluded; no output)",
      {"paragraphs", "sentences", "tokens"},
      {"boilerplate"},
      {"terms"},
      [](const StageOptions&) -> Result<std::unique_ptr<Stage>> { return std::unique_ptr<Stage>(new TermsStage()); },
      /*added_when_required=*/true,
  };
  return spec;
}

}  // namespace analyze
