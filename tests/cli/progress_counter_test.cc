#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyze/article_reader.h"
#include "analyze/batch_runner.h"
#include "cli/progress_counter.h"
#include "temp_dir.h"
#include "test_support.h"

using analyze::cli::ProgressCounter;
using analyze::testing::TempDir;

TEST_CASE("progress: the fraction is finished articles / total at every step", "[progress]") {
  ProgressCounter progress(4, 1000);
  CHECK(progress.fraction() == 0.0);
  const std::vector<std::uint64_t> sizes = {100, 700, 0, 200};  // an article that failed unread takes 0 bytes
  std::uint64_t bytes = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    progress.finished(sizes[i]);
    bytes += sizes[i];
    INFO("after article " << i + 1);
    CHECK(progress.articles() == i + 1);
    CHECK(progress.fraction() == Approx(double(i + 1) / 4));
    CHECK(progress.work_fraction() == Approx(double(bytes) / 1000));  // the ETA follows the bytes
  }
  CHECK(progress.fraction() == 1.0);
}

TEST_CASE("progress: without an article count the fraction is finished bytes / total, and without either it is unknown", "[progress]") {
  ProgressCounter jsonl(0, 400);  // JSONL records are counted only as they are read
  jsonl.finished(100);
  CHECK(jsonl.fraction() == Approx(0.25));
  CHECK(jsonl.work_fraction() == Approx(0.25));
  jsonl.finished(301);  // a last line without its newline is counted with one
  CHECK(jsonl.fraction() == 1.0);

  ProgressCounter text_on_stdin(1, 0);
  CHECK(text_on_stdin.work_fraction() == 0.0);
  text_on_stdin.finished(5000);
  CHECK(text_on_stdin.fraction() == 1.0);
  CHECK(text_on_stdin.work_fraction() == 1.0);

  ProgressCounter stream(0, 0);  // JSONL on stdin
  stream.finished(10);
  CHECK(stream.fraction() < 0);
  CHECK(stream.work_fraction() < 0);
}

// The workers read batches ahead of the output: fed with the results as the batch runner hands
// them out, the counter follows the output, not the reader.
TEST_CASE("progress: fed by the batch runner, the counter follows the results handed out, not the reads", "[progress][data]") {
  TempDir dir;
  std::uint64_t total_bytes = 0;
  for (int i = 0; i < 40; ++i) {
    const std::string text = std::string(static_cast<std::size_t>(50 + 37 * i), 'x') + " ends here.";
    dir.write("a" + std::to_string(100 + i) + ".txt", text);
    total_bytes += text.size();
  }
  const auto& pipeline = analyze::testing::pipeline_of("normalize,segment");
  for (const int jobs : {1, 2}) {
    INFO("--jobs " << jobs);
    analyze::ArticleReader reader({dir.path.string()}, {});
    REQUIRE(reader.articles_total() == 40);
    REQUIRE(reader.bytes_total() == total_bytes);
    ProgressCounter progress(reader.articles_total(), reader.bytes_total());
    std::uint64_t finished_bytes = 0, ahead = 0;
    const analyze::BatchRunner runner(pipeline, jobs);
    runner.run(
        reader, [](const analyze::Document&, const std::optional<analyze::Error>&) { return std::string(); },
        [&](analyze::ArticleResult& r, const analyze::BatchSummary& so_far) {
          progress.finished(r.input_bytes);
          finished_bytes += r.input_bytes;
          CHECK(progress.articles() == so_far.articles);
          CHECK(progress.fraction() == Approx(double(so_far.articles) / 40));
          CHECK(progress.work_fraction() == Approx(double(finished_bytes) / double(total_bytes)));
          ahead += reader.bytes_read() > finished_bytes;
          return true;
        });
    CHECK(finished_bytes == total_bytes);  // each article's input_bytes, summed
    CHECK(progress.fraction() == 1.0);
    CHECK(ahead > 0);  // the reader was ahead of the output: a fraction from bytes read would have run ahead
  }
}
