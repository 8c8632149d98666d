// bench-segment: throughput of the `segment` stage beside ICU's raw sentence and word
// BreakIterators over the same texts, in the same run, on one thread.
//
//   bench-segment [--repeat 7] FILE.jsonl...     (a "text" key per line; each text is one article)
//
// The last row times the word segments the tokenizer starts from (word_breaker.h: the Latin
// scanner, ICU for paragraphs it does not handle), paragraph by paragraph as the stage calls it.
// Every row is the median of `repeat` timed passes over all texts (after one warm-up pass), in the
// thread's CPU time, so other processes on a busy machine distort it less. MB/s counts UTF-8 bytes
// of input; words/s counts the segment stage's word and number tokens (what `stats` reports as
// words), the same count for every row so the rows compare.

#include <algorithm>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "analyze/data_dir.h"
#include "text/paragraph_splitter.h"
#include "text/segment_stage.h"
#include "text/word_breaker.h"

#include "thread_clock.h"

using namespace analyze;

namespace {

int fail(const std::string& message) {
  fmt::print(stderr, "bench-segment: {}\n", message);
  return 1;
}

// Median CPU seconds of `repeat` passes of `pass` (after a warm-up pass).
double median_seconds(int repeat, const std::function<void()>& pass) {
  pass();
  std::vector<double> times;
  for (int r = 0; r < repeat; ++r) {
    const double start = cpu_seconds();
    pass();
    times.push_back(cpu_seconds() - start);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// Boundaries ICU's iterator finds over every text: what a caller of ICU alone pays.
std::size_t icu_pass(icu::BreakIterator& it, const std::vector<Document>& docs) {
  std::size_t count = 0;
  for (const Document& doc : docs) {
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, doc.text().data(), static_cast<int64_t>(doc.text().size()), &status);
    it.setText(&ut, status);
    for (int32_t b = it.first(); b != icu::BreakIterator::DONE; b = it.next()) ++count;
    utext_close(&ut);
  }
  return count;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Segmentation throughput beside ICU's raw BreakIterators"};
  std::vector<std::string> inputs;
  int repeat = 7;
  app.add_option("--repeat", repeat, "timed passes per row (the median is reported)")->capture_default_str();
  app.add_option("inputs", inputs, "JSONL files with a \"text\" key per line")->required();
  CLI11_PARSE(app, argc, argv);
  repeat = std::max(repeat, 1);

  auto data_dir = find_data_dir();
  if (!data_dir) return fail(data_dir.error().message);
  StageOptions options;
  options.data_dir = data_dir.value();
  auto stage = segment_stage_spec().create(options);
  if (!stage) return fail(stage.error().message);

  std::vector<Document> docs;
  std::size_t bytes = 0;
  for (const std::string& input : inputs) {
    std::ifstream in(input);
    if (!in) return fail("cannot read " + input);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      Document doc;
      doc.set_text(nlohmann::json::parse(line).at("text").get<std::string>());
      bytes += doc.text().size();
      docs.push_back(std::move(doc));
    }
  }

  std::size_t tokens = 0, words = 0, sentences = 0, paragraphs = 0;
  for (Document& doc : docs) {
    if (Status s = stage.value()->run(doc); !s) return fail(s.error().message);
    tokens += doc.tokens.size();
    for (const Token& t : doc.tokens) words += t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber;
    sentences += doc.sentences.size();
    paragraphs += doc.paragraphs.size();
  }
  fmt::print("{} texts, {:.2f} MB, {} paragraphs, {} sentences, {} tokens, {} words and numbers\n", docs.size(),
             static_cast<double>(bytes) / 1e6, paragraphs, sentences, tokens, words);

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> sentence(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
  std::unique_ptr<icu::BreakIterator> word(icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), status));
  if (U_FAILURE(status)) return fail("cannot create ICU's BreakIterators");

  auto row = [&](const char* name, double seconds) {
    fmt::print("{:<46} {:6.1f} MB/s {:10.0f} words/s  ({:.3f} s)\n", name, static_cast<double>(bytes) / 1e6 / seconds,
               static_cast<double>(words) / seconds, seconds);
  };
  fmt::print("median of {} passes, thread CPU time, one thread:\n", repeat);
  row("segment stage (paragraphs+tokens+sentences)", median_seconds(repeat, [&] {
        for (Document& doc : docs) (void)stage.value()->run(doc);
      }));
  row("ICU sentence BreakIterator alone", median_seconds(repeat, [&] { icu_pass(*sentence, docs); }));
  row("ICU word BreakIterator alone", median_seconds(repeat, [&] { icu_pass(*word, docs); }));
  std::vector<WordSegment> segments;
  row("word segments the tokenizer uses (break_words)", median_seconds(repeat, [&] {
        for (const Document& doc : docs)
          for (const auto& [begin, end] : split_paragraphs(doc.text())) break_words(doc.slice(begin, end), segments);
      }));
  return 0;
}
