#include "analyze/batch_runner.h"

#include <algorithm>
#include <csignal>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <utility>
#include <vector>

namespace analyze {

namespace {

// The first batch's size in articles; each next one is twice as large, up to kBatchArticles.
constexpr std::size_t kFirstBatch = 4;
// The smallest byte budget of a batch near the end of the input.
constexpr std::size_t kMinBatchBytes = 16 << 10;

// Reads the next batch: up to `articles` articles or BatchRunner::kBatchBytes of text, and no
// further than the input has arrived. Near the end of inputs of known size, batches shrink to a
// share of what is left (guided scheduling), so no worker is left alone with a large last batch.
// False when the reader had nothing left.
bool read_batch(ArticleReader& reader, std::size_t articles, int jobs, std::vector<Article>& batch) {
  batch.clear();
  std::size_t max_bytes = BatchRunner::kBatchBytes;
  if (reader.bytes_total() > reader.bytes_read())
    max_bytes = std::clamp<std::size_t>((reader.bytes_total() - reader.bytes_read()) / (4 * static_cast<std::size_t>(jobs)),
                                        kMinBatchBytes, BatchRunner::kBatchBytes);
  std::size_t bytes = 0;
  while (batch.size() < articles && bytes < max_bytes && (batch.empty() || !reader.would_wait())) {
    Article& article = batch.emplace_back();
    if (!reader.read(article)) {
      batch.pop_back();
      break;
    }
    bytes += article.doc.raw.size() + article.record.size();
  }
  return !batch.empty();
}

// Batch sizes: the first batch kFirstBatch articles, each next one twice as large up to `max`.
class BatchSizes {
 public:
  explicit BatchSizes(std::size_t max) : max_(max) {}
  std::size_t next() { return std::exchange(size_, std::min(2 * size_, max_)); }

 private:
  std::size_t size_ = kFirstBatch;
  std::size_t max_;
};

// Hands the results to the consumer in order, each with the summary that counts it, until the
// consumer asks to stop (a result it refuses is not counted); empties `results`. False once the
// consumer asked to stop.
bool deliver(std::vector<ArticleResult>& results, const BatchRunner::Consumer& consume, BatchSummary& summary) {
  for (ArticleResult& r : results) {
    BatchSummary with_result = summary;
    ++with_result.articles;
    with_result.failed += r.error.has_value();
    if (!consume(r, with_result)) {
      summary.stopped = true;
      break;
    }
    summary = with_result;
  }
  results.clear();
  return !summary.stopped;
}

// The batches in flight with several workers: slots of a ring indexed by sequence number. The
// reader (the calling thread) fills slot `seq % window` only when the consumer has taken batch
// `seq - window`, which bounds memory; the workers process batches in any order and the consumer
// takes their results in input order.
class BatchRing {
 public:
  // Processes one batch into its results; runs on the workers.
  using Process = std::function<void(std::vector<Article>& batch, std::vector<ArticleResult>& results)>;

  BatchRing(int jobs, Process process)
      : window_(static_cast<std::size_t>(jobs) * 2 + 2), slots_(window_), process_(std::move(process)) {
    start_workers(jobs);
  }

  // Reads batches into the free slots and queues them for the workers. Input that has not arrived
  // yet is waited for only once the results in flight are out. False once the reader is exhausted.
  bool fill(ArticleReader& reader, BatchSizes& sizes, int jobs);
  // Waits for the results of the oldest batch in flight and swaps them into `results`; false when
  // no batch is in flight.
  bool take(std::vector<ArticleResult>& results);
  // Lets the workers finish (or, when `stopped`, drop the batches still queued) and joins them.
  void finish(bool stopped);

 private:
  struct Slot {
    std::vector<Article> batch;
    std::vector<ArticleResult> results;
    bool done = false;
  };
  void start_workers(int jobs);
  void work();

  const std::size_t window_;
  std::vector<Slot> slots_;
  Process process_;
  std::deque<std::uint64_t> queue_;  // sequence numbers waiting for a worker
  std::mutex mutex_;
  std::condition_variable work_ready_, results_ready_;
  bool done_reading_ = false;
  bool stopping_ = false;
  std::uint64_t next_in_ = 0, next_out_ = 0;  // shared: read and written under `mutex_`
  std::vector<std::thread> workers_;
};

// The workers block the signals a user sends to stop a program (SIGINT, SIGTERM, SIGHUP,
// SIGQUIT), so the calling thread receives them: its blocking read of a stream then returns at
// once, and the caller's handler sees the signal while the batch can still stop cleanly.
void BatchRing::start_workers(int jobs) {
  sigset_t user_signals, caller_mask;
  sigemptyset(&user_signals);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&user_signals, signal);
  pthread_sigmask(SIG_BLOCK, &user_signals, &caller_mask);  // threads inherit the mask
  for (int i = 0; i < jobs; ++i) workers_.emplace_back([this] { work(); });
  pthread_sigmask(SIG_SETMASK, &caller_mask, nullptr);
}

void BatchRing::work() {
  while (true) {
    std::uint64_t seq;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [&] { return !queue_.empty() || done_reading_ || stopping_; });
      if (queue_.empty()) return;
      seq = queue_.front();
      queue_.pop_front();
    }
    Slot& slot = slots_[seq % window_];
    process_(slot.batch, slot.results);
    bool wake;
    {
      std::lock_guard lock(mutex_);
      slot.done = true;
      wake = seq == next_out_;
    }
    if (wake) results_ready_.notify_one();
  }
}

bool BatchRing::fill(ArticleReader& reader, BatchSizes& sizes, int jobs) {
  while (true) {
    std::uint64_t seq;
    bool in_flight;
    {
      std::lock_guard lock(mutex_);
      if (next_in_ - next_out_ >= window_) return true;
      seq = next_in_;
      in_flight = next_in_ != next_out_;
    }
    if (in_flight && reader.would_wait()) return true;
    Slot& slot = slots_[seq % window_];  // free: no worker touches it until it is queued
    if (!read_batch(reader, sizes.next(), jobs, slot.batch)) return false;
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(next_in_++);
    }
    work_ready_.notify_one();
  }
}

bool BatchRing::take(std::vector<ArticleResult>& results) {
  std::unique_lock lock(mutex_);
  if (next_out_ == next_in_) return false;
  Slot& slot = slots_[next_out_ % window_];
  results_ready_.wait(lock, [&] { return slot.done; });
  results.swap(slot.results);
  slot.done = false;
  ++next_out_;
  return true;
}

void BatchRing::finish(bool stopped) {
  {
    std::lock_guard lock(mutex_);
    done_reading_ = true;
    stopping_ = stopped;
    if (stopping_) queue_.clear();
  }
  work_ready_.notify_all();
  for (auto& t : workers_) t.join();
}

}  // namespace

void BatchRunner::process(const ArticleReader& reader, std::vector<Article>& batch, const Renderer& render,
                          std::vector<ArticleResult>& results) const {
  std::vector<Document*> docs;
  for (Article& article : batch) {
    try {
      reader.finish(article);
    } catch (const std::exception& e) {  // exhausted memory parsing a record: that article only
      article.error = internal_error(e);
    }
    if (!article.error) docs.push_back(&article.doc);
  }
  std::vector<Status> statuses;
  pipeline_.run(docs, statuses);
  results.clear();
  std::size_t analysed = 0;
  for (Article& article : batch) {
    if (!article.error && !statuses[analysed++]) article.error = statuses[analysed - 1].error();
    ArticleResult& result = results.emplace_back();
    result.id = article.doc.id;
    result.output_name = std::move(article.output_name);
    result.error = article.error;
    result.input_bytes = article.input_bytes;
    try {
      result.rendered = render(article.doc, article.error);
    } catch (const std::exception& e) {
      result.error = internal_error(e);  // this article only, never the batch
      result.rendered = render(article.doc, result.error);
    }
  }
  batch.clear();  // the analyses are rendered: only the output waits for its turn
}

BatchSummary BatchRunner::run(ArticleReader& reader, const Renderer& render, const Consumer& consume) const {
  BatchSummary summary;
  // With N workers, batches of up to kBatchArticles / N: the last batch, which one worker may be
  // left to finish alone, then takes no longer than a share of the others' (docs/PERFORMANCE.md).
  std::size_t most = kBatchArticles / static_cast<std::size_t>(jobs_);
  if (jobs_ > 1 && reader.bytes_total() == 0) most = std::min(most, kStreamBatchArticles);
  BatchSizes sizes(std::max(kFirstBatch, most));
  std::vector<ArticleResult> results;
  if (jobs_ == 1) {
    std::vector<Article> batch;
    while (!summary.stopped && read_batch(reader, sizes.next(), jobs_, batch)) {
      process(reader, batch, render, results);
      deliver(results, consume, summary);
    }
    return summary;
  }
  BatchRing ring(jobs_, [&](std::vector<Article>& batch, std::vector<ArticleResult>& out) {
    process(reader, batch, render, out);
  });
  bool more = true;
  while (!summary.stopped) {
    if (more) more = ring.fill(reader, sizes, jobs_);
    if (!ring.take(results)) break;
    deliver(results, consume, summary);
  }
  ring.finish(summary.stopped);
  return summary;
}

}  // namespace analyze
