// sbd-predict: sentence predictions for a gold SBD file, in the format eval/score_sbd.py reads.
//
//   sbd-predict [--icu [--icu-locale en@ss=standard]] GOLD.jsonl > pred.jsonl
//   python3 ../shared/eval/score_sbd.py GOLD.jsonl pred.jsonl
//
// By default the project's `normalize,segment` stages segment each text (the same as
// `analyze --stages normalize,segment`, without the CLI). `--icu` gives the baseline: ICU's sentence
// BreakIterator alone over the whole text, as an application that used ICU directly would get it;
// `--icu-locale en@ss=standard` turns on ICU's own list of abbreviations that end no sentence.
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "analyze/pipeline.h"

using namespace analyze;

namespace {

int fail(const std::string& message) {
  fmt::print(stderr, "sbd-predict: {}\n", message);
  return 1;
}

// Code-point spans of ICU's sentences over the whole text.
nlohmann::json icu_sentences(const Document& doc, icu::BreakIterator& it) {
  nlohmann::json spans = nlohmann::json::array();
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, doc.text().data(), static_cast<int64_t>(doc.text().size()), &status);
  it.setText(&ut, status);
  for (int32_t b = it.first(), e = it.next(); e != icu::BreakIterator::DONE; b = e, e = it.next())
    spans.push_back({doc.code_point(static_cast<std::uint32_t>(b)), doc.code_point(static_cast<std::uint32_t>(e))});
  utext_close(&ut);
  return spans;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sentence predictions for a gold SBD file (eval/score_sbd.py format)"};
  bool icu_only = false;
  std::string input, locale = "en";
  app.add_flag("--icu", icu_only, "plain ICU sentence BreakIterator instead of the segment stage");
  app.add_option("--icu-locale", locale, "ICU locale for --icu")->capture_default_str();
  app.add_option("input", input, "gold JSONL ({\"id\", \"text\"} per line)")->required();
  CLI11_PARSE(app, argc, argv);

  auto pipeline = segmentation_pipeline();
  if (!pipeline) return fail(pipeline.error().message);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> icu(icu::BreakIterator::createSentenceInstance(icu::Locale(locale.c_str()), status));
  if (U_FAILURE(status)) return fail("cannot create ICU's sentence iterator");

  std::ifstream in(input);
  if (!in) return fail("cannot read " + input);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto record = nlohmann::json::parse(line);
    Document doc(record.at("id").get<std::string>(), record.at("text").get<std::string>());
    nlohmann::json spans = nlohmann::json::array();
    if (icu_only) {
      doc.set_text(doc.raw);  // gold texts are valid UTF-8 without a BOM
      spans = icu_sentences(doc, *icu);
    } else {
      if (Status s = pipeline->run(doc); !s) return fail(doc.id + ": " + s.error().message);
      for (const Sentence& s : doc.sentences) spans.push_back({doc.code_point(s.begin), doc.code_point(s.end)});
    }
    std::cout << nlohmann::json{{"id", doc.id}, {"sentences", spans}}.dump() << '\n';
  }
  return 0;
}
