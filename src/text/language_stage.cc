#include "text/language_stage.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including it
#include <cld2/public/compact_lang_det.h>
#include <fmt/format.h>

#include "analyze/table_writer.h"

namespace analyze {

namespace {

// CLD2 is reliable on a few hundred bytes of prose; a 2 KB sample keeps it at a fraction of the
// cost of segmentation (bench-pipeline).
constexpr std::size_t kSampleBytes = 2048;
// Percent of the text the top language must hold to count as reliably identified.
constexpr int kReliableShare = 60;

class LanguageStage final : public Stage {
 public:
  Status run(Document& doc) const override {
    std::string sample;
    for (const auto& p : doc.paragraphs) {
      if (p.boilerplate) continue;
      sample.append(doc.slice(p.begin, p.end));
      sample += '\n';
      if (sample.size() >= kSampleBytes) break;
    }
    // Cut at a character boundary so CLD2 sees valid UTF-8.
    std::size_t n = std::min(sample.size(), kSampleBytes);
    while (n > 0 && n < sample.size() && (static_cast<unsigned char>(sample[n]) & 0xC0) == 0x80) --n;
    CLD2::Language top3[3];
    int percent3[3];
    int text_bytes = 0;
    bool reliable = false;
    const CLD2::Language lang = CLD2::DetectLanguageSummary(sample.data(), static_cast<int>(n), true, top3, percent3,
                                                           &text_bytes, &reliable);
    Language result;
    // With too little text CLD2 still answers English, but with no share at all: that is "und".
    if (lang == CLD2::UNKNOWN_LANGUAGE || text_bytes == 0 || top3[0] == CLD2::UNKNOWN_LANGUAGE) {
      result.code = "und";
    } else {
      // CLD2's summary can name a language that holds a minority of a mixed text (an English
      // results table full of Serbian club names: en 50%, sr 49%, summary "sr", "reliable"). Report
      // the language with the largest share, reliable only when it holds most of the text.
      const int share = percent3[0];
      result.code = CLD2::LanguageCode(top3[0]);
      result.reliable = reliable && share >= kReliableShare;
      result.confidence = share / 100.0 * (result.reliable ? 1.0 : 0.5);
    }
    doc.language = result;
    return Status::ok();
  }

  void write_json(const Document& doc, ArticleJsonWriter& out) const override {
    if (!doc.language) return;
    out.key("language")
        .begin_object()
        .field("code", doc.language->code)
        .field("confidence", std::round(doc.language->confidence * 100) / 100)
        .end_object();
  }

  void write_table(const Document& doc, TableWriter& table) const override {
    if (!doc.language) return;
    table.field("language", fmt::format("{} ({:.2f}{})", doc.language->code, doc.language->confidence,
                                        doc.language->reliable ? "" : ", unreliable"));
  }
};

}  // namespace

const StageSpec& language_stage_spec() {
  static const StageSpec spec{
      "language",
      "language identification (CLD2); English-only stages skip other languages with a warning",
      {"paragraphs"},
      {"boilerplate"},
      {"language"},
      [](const StageOptions&) -> Result<std::unique_ptr<Stage>> { return std::unique_ptr<Stage>(new LanguageStage()); },
  };
  return spec;
}

}  // namespace analyze
