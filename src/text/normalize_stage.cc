#include "text/normalize_stage.h"

#include <fmt/format.h>

#include "core/text_decoder.h"

namespace analyze {

namespace {

bool only_whitespace(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

class NormalizeStage final : public Stage {
 public:
  Status run(Document& doc) const override {
    auto decoded = decode_text(doc.raw);
    std::string().swap(doc.raw);  // the bytes are not needed again; free them early
    if (!decoded) return decoded.error();
    if (decoded->repaired)
      doc.warnings.push_back({"invalid-utf8", fmt::format("{} invalid {} sequence(s) replaced with U+FFFD", decoded->repaired,
                                                          decoded->source_encoding == "utf-8" ? "UTF-8" : "UTF-16")});
    if (only_whitespace(decoded->text)) doc.warnings.push_back({"empty", "the text is empty or only whitespace"});
    doc.set_text(std::move(decoded->text));
    return Status::ok();
  }
  void write_json(const Document&, ArticleJsonWriter&) const override {}
};

}  // namespace

const StageSpec& normalize_stage_spec() {
  static const StageSpec spec{
      "normalize",
      "decode the input: BOM removed, UTF-16 decoded, invalid UTF-8 repaired, binary rejected",
      {},
      {},
      {"text"},
      [](const StageOptions&) -> Result<std::unique_ptr<Stage>> { return std::unique_ptr<Stage>(new NormalizeStage()); },
  };
  return spec;
}

}  // namespace analyze
