// bench-pipeline: throughput of stage sets over the same corpus, in one process, one thread.
//
//   bench-pipeline [--runs 5] [--max-mb 6] [--batch 512] [--set LIST]... CORPUS.jsonl|DIR...
//
// Each --set is a comma-separated stage list ("default" = every stage); the first set is the
// baseline for the ratios. The corpus is loaded into memory first (not timed), then every set's
// pipeline. Articles go through a pipeline in batches as the binary sends them (up to --batch
// articles or BatchRunner::kBatchBytes of text, a stage at a time); --batch 1 runs one article at a
// time. Each of --runs rounds times one pass of every set, in an order rotated from round to round.
// Reported: the median over rounds of the thread's CPU time (other processes on a busy machine
// distort it less than wall time), words/s and MB/s, the ratio of that median to the baseline's,
// and the "paired" ratio: the median over rounds of the set's time over the baseline's in the same
// round, which a machine's drift over the run disturbs less. Peak RSS is that of the whole process,
// every set's models loaded.
#include <sys/resource.h>

#include <algorithm>
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analyze/article_reader.h"
#include "analyze/batch_runner.h"
#include "analyze/data_dir.h"
#include "analyze/model_heap.h"
#include "analyze/pipeline.h"

#include "thread_clock.h"

using namespace analyze;

namespace {

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    const std::size_t comma = std::min(s.find(',', start), s.size());
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Throughput of stage sets over one corpus, one thread"};
  std::vector<std::string> inputs, sets;
  int runs = 5;
  double max_mb = 6;
  std::size_t batch = BatchRunner::kBatchArticles;
  app.add_option("inputs", inputs, "JSONL files ({\"text\": ...} per line), text files or directories")->required();
  app.add_option("--set", sets, "a comma-separated stage list; repeatable; 'default' = all stages")->allow_extra_args(false);
  app.add_option("--runs", runs, "rounds; each times one pass of every set (median reported)")->capture_default_str();
  app.add_option("--max-mb", max_mb, "use at most this many MB of text")->capture_default_str();
  app.add_option("--batch", batch, "articles per batch (1: one at a time)")->capture_default_str()->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);
  if (sets.empty()) sets = {"normalize,segment", "default"};

  auto data_dir = find_data_dir();
  if (!data_dir) {
    fmt::print(stderr, "bench-pipeline: {}\n", data_dir.error().message);
    return 1;
  }
  StageOptions options;
  options.data_dir = *data_dir;

  std::vector<std::string> texts;
  std::size_t bytes = 0;
  ArticleReader reader(inputs, {});
  Article article;
  while (bytes < max_mb * 1e6 && reader.next(article)) {
    if (article.error) continue;
    bytes += article.doc.raw.size();
    texts.push_back(std::move(article.doc.raw));
  }

  // Words as the stats stage counts them, from one segmentation pass.
  std::uint64_t words = 0;
  {
    auto seg = segmentation_pipeline();
    for (const auto& t : texts) {
      Document d("bench", t);
      if (!seg->run(d)) continue;
      for (const auto& tok : d.tokens) words += tok.kind == TokenKind::kWord || tok.kind == TokenKind::kNumber;
    }
  }
  fmt::print("corpus: {} documents, {:.2f} MB, {} words; batches of up to {} articles; {} rounds of one pass per set (order rotated), median thread CPU time\n\n",
             texts.size(), bytes / 1e6, words, batch, runs);
  fmt::print("{:<64} {:>8} {:>11} {:>7} {:>7} {:>7}\n", "stages", "seconds", "words/s", "MB/s", "ratio", "paired");

  // As the binary does: the models' tables on large pages (room for every set's models at once).
  reserve_model_heap(sets.size() * (std::size_t{64} << 20));
  std::vector<Pipeline> pipelines;
  for (const auto& set : sets) {
    auto pipeline = Pipeline::create(set == "default" ? std::vector<std::string>{} : split(set), options);
    if (!pipeline) {
      fmt::print(stderr, "bench-pipeline: {}: {}\n", set, pipeline.error().message);
      return 1;
    }
    pipelines.push_back(std::move(pipeline.value()));
  }
  // One pass of `pipeline` over the corpus, in batches as the binary runs them; thread CPU seconds.
  std::vector<Document> docs;
  std::vector<Document*> pointers;
  std::vector<Status> statuses;
  const auto pass = [&](const Pipeline& pipeline) {
    const double t0 = cpu_seconds();
    for (std::size_t i = 0; i < texts.size();) {
      docs.clear();
      for (std::size_t bytes = 0; i < texts.size() && docs.size() < batch && bytes < BatchRunner::kBatchBytes; ++i) {
        docs.emplace_back("bench", texts[i]);
        bytes += texts[i].size();
      }
      pointers.clear();
      for (Document& d : docs) pointers.push_back(&d);
      pipeline.run(pointers, statuses);
    }
    return cpu_seconds() - t0;
  };
  // Rounds of one pass per set, the sets' order rotated each round: a slow spell of a shared
  // machine then falls on every set alike, so the ratios between sets hold.
  std::vector<std::vector<double>> times(sets.size());
  for (int r = 0; r < runs; ++r)
    for (std::size_t k = 0; k < sets.size(); ++k) {
      const std::size_t s = (k + static_cast<std::size_t>(r)) % sets.size();
      times[s].push_back(pass(pipelines[s]));
    }
  const auto median_of = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  const double baseline = median_of(times[0]);
  for (std::size_t s = 0; s < sets.size(); ++s) {
    // The ratio within each round, whose sets ran minutes apart at most, then its median: the
    // machine's drift over the whole run cancels out.
    std::vector<double> round_ratios;
    for (int r = 0; r < runs; ++r) round_ratios.push_back(times[s][r] / times[0][r]);
    const double median = median_of(times[s]);
    fmt::print("{:<64} {:>8.3f} {:>11.0f} {:>7.2f} {:>6.2f}x {:>6.3f}x\n", sets[s], median, words / median,
               bytes / 1e6 / median, median / baseline, median_of(round_ratios));
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  fmt::print("\npeak RSS: {:.0f} MB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
