// Runs a pipeline over a stream of articles on N worker threads and hands the results back in
// input order, so the output is byte-identical whatever N. Articles go to the workers in batches,
// which the pipeline runs a stage at a time (Pipeline::run on several documents): up to
// kBatchArticles / N articles or kBatchBytes of text, the first batches smaller so that a short
// input still reaches every worker, and the last ones too so that the workers finish together. The
// workers also parse the JSONL records. Of an input of unknown size (a pipe) the batches stay
// small with several workers (kStreamBatchArticles). At most a few batches are in flight, so
// memory stays bounded however long the input is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "analyze/article_reader.h"
#include "analyze/pipeline.h"

namespace analyze {

struct ArticleResult {
  std::string id;
  std::string output_name;
  std::string rendered;         // what the renderer made of it (JSON text, a table, ...)
  std::optional<Error> error;   // the article failed: unreadable, not text, ...
  std::uint64_t input_bytes = 0;  // Article::input_bytes: what it took of the input
};

struct BatchSummary {
  std::uint64_t articles = 0;  // results the consumer took (it did not ask to stop at them)
  std::uint64_t failed = 0;    // of those, the articles that failed
  bool stopped = false;        // the consumer asked to stop (e.g. stdout closed)
};

class BatchRunner {
 public:
  // Turns an analysed document (or a failed one, with its error) into output text. Runs on the
  // worker threads, so serialisation is parallel too.
  using Renderer = std::function<std::string(const Document& doc, const std::optional<Error>& error)>;
  // Receives each result in input order on the calling thread, with the summary so far counting
  // it (for progress); returns false to stop the batch, and the result is then not counted.
  using Consumer = std::function<bool(ArticleResult& result, const BatchSummary& so_far)>;

  static constexpr std::size_t kBatchArticles = 512;
  // With several workers on an input of unknown size (a pipe), where the batches cannot shrink
  // towards the end, at most this many articles a batch: the last one, which one worker may be
  // left to finish alone, stays short.
  static constexpr std::size_t kStreamBatchArticles = 64;
  static constexpr std::size_t kBatchBytes = std::size_t{1} << 20;

  BatchRunner(const Pipeline& pipeline, int jobs) : pipeline_(pipeline), jobs_(jobs < 1 ? 1 : jobs) {}

  BatchSummary run(ArticleReader& reader, const Renderer& render, const Consumer& consume) const;

 private:
  // Parses (the reader only reads: JSONL parsing runs here, on the workers), analyses and renders a
  // batch into `results`, in order, and frees the articles; never throws (an exception fails only
  // its article).
  void process(const ArticleReader& reader, std::vector<Article>& batch, const Renderer& render,
               std::vector<ArticleResult>& results) const;

  const Pipeline& pipeline_;
  int jobs_;
};

}  // namespace analyze
