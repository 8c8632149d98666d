#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "analyze/batch_runner.h"
#include "analyze/output_writer.h"
#include "temp_dir.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

// A JSONL file in `dir` of `n` varied articles, some of them bad.
fs::path make_corpus(const analyze::testing::TempDir& dir, int n) {
  const fs::path file = dir.path / "corpus.jsonl";
  std::ofstream out(file);
  for (int i = 0; i < n; ++i) {
    if (i % 17 == 5) {
      out << "{\"id\": \"broken" << i << "\", \"text\": \n";
      continue;
    }
    std::string text;
    for (int k = 0; k < 1 + (i * 7) % 23; ++k) text += "Sentence number " + std::to_string(k) + " of article " + std::to_string(i) + ". ";
    out << "{\"id\": \"a" << i << "\", \"text\": \"" << text << "\"}\n";
  }
  return file;
}

std::string run_batch(const fs::path& corpus, int jobs, analyze::BatchSummary& summary) {
  const auto& pipeline = analyze::testing::pipeline_of("normalize,segment,stats");
  analyze::ArticleReader reader({corpus.string()}, {});
  analyze::BatchRunner runner(pipeline, jobs);
  std::string out;
  summary = runner.run(
      reader,
      [&](const analyze::Document& doc, const std::optional<analyze::Error>& error) {
        return analyze::render(pipeline, doc, error, {analyze::OutputFormat::kJsonl});
      },
      [&](analyze::ArticleResult& r, const analyze::BatchSummary&) {
        out += r.rendered + "\n";
        return true;
      });
  return out;
}

}  // namespace

TEST_CASE("output is in input order and identical whatever the number of workers", "[batch][data]") {
  const analyze::testing::TempDir dir;
  const fs::path corpus = make_corpus(dir, 300);
  analyze::BatchSummary s1, s2, s4;
  const std::string one = run_batch(corpus, 1, s1);
  const std::string two = run_batch(corpus, 2, s2);
  const std::string four = run_batch(corpus, 4, s4);
  CHECK(one == two);
  CHECK(one == four);
  CHECK(s1.articles == 300);
  CHECK(s1.failed == 18);  // every 17th from 5: 5, 22, ..., 294
  CHECK(s4.failed == s1.failed);
  // First lines in order.
  CHECK(one.rfind("{\"schema\":\"analyze/1\",\"id\":\"a0\"", 0) == 0);
}

TEST_CASE("the consumer can stop a batch early", "[batch][data]") {
  const analyze::testing::TempDir dir;
  const fs::path corpus = make_corpus(dir, 200);
  const auto& pipeline = analyze::testing::pipeline_of("normalize,segment");
  analyze::ArticleReader reader({corpus.string()}, {});
  analyze::BatchRunner runner(pipeline, 2);
  int seen = 0;
  const auto summary = runner.run(
      reader, [](const analyze::Document&, const std::optional<analyze::Error>&) { return std::string(); },
      [&](analyze::ArticleResult&, const analyze::BatchSummary& so_far) {
        CHECK(so_far.articles == static_cast<std::uint64_t>(seen + 1));  // this result counted
        return ++seen < 3;
      });
  CHECK(seen == 3);
  CHECK(summary.stopped);
  CHECK(summary.articles == 2);  // the result it stopped at is not taken
}
