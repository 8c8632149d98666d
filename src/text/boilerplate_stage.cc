#include "text/boilerplate_stage.h"

#include <fmt/format.h>

#include "text/boilerplate_detector.h"
#include "analyze/table_writer.h"

namespace analyze {

namespace {

class BoilerplateStage final : public Stage {
 public:
  explicit BoilerplateStage(BoilerplateDetector detector) : detector_(std::move(detector)) {}

  Status run(Document& doc) const override {
    detector_.flag(doc);
    return Status::ok();
  }

  // The flags are written with the paragraphs by the segment stage.
  void write_json(const Document&, ArticleJsonWriter&) const override {}

  void write_table(const Document& doc, TableWriter& table) const override {
    std::string flagged;
    std::size_t count = 0;
    for (std::size_t i = 0; i < doc.paragraphs.size(); ++i) {
      if (!doc.paragraphs[i].boilerplate) continue;
      ++count;
      flagged += fmt::format("{}{}", flagged.empty() ? "" : " ", i + 1);
    }
    if (count) table.field("boilerplate", fmt::format("{} paragraph(s) skipped: {}", count, flagged));
  }

 private:
  BoilerplateDetector detector_;
};

}  // namespace

const StageSpec& boilerplate_stage_spec() {
  static const StageSpec spec{
      "boilerplate",
      "flags paragraphs that are not the article (Read more, Follow us, copyright, teaser links)",
      {"paragraphs", "sentences", "tokens"},
      {},
      {"boilerplate"},
      [](const StageOptions& options) -> Result<std::unique_ptr<Stage>> {
        auto detector = BoilerplateDetector::load(options.data_dir / "boilerplate.txt");
        if (!detector) return detector.error();
        return std::unique_ptr<Stage>(new BoilerplateStage(std::move(detector.value())));
      },
  };
  return spec;
}

}  // namespace analyze
