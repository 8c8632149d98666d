#include "analyze/batch_runner.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
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
  // Delivers a batch's results in order; false once the consumer asked to stop.
  auto deliver = [&](std::vector<ArticleResult>& results) {
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
  };
  // With N workers, batches of up to kBatchArticles / N: the last batch, which one worker may be
  // left to finish alone, then takes no longer than a share of the others' (docs/PERFORMANCE.md).
  const std::size_t max_batch = std::max(kFirstBatch, kBatchArticles / static_cast<std::size_t>(jobs_));
  std::size_t batch_size = kFirstBatch;
  auto next_size = [&] { return std::exchange(batch_size, std::min(2 * batch_size, max_batch)); };

  if (jobs_ == 1) {
    std::vector<Article> batch;
    std::vector<ArticleResult> results;
    while (!summary.stopped && read_batch(reader, next_size(), jobs_, batch)) {
      process(reader, batch, render, results);
      deliver(results);
    }
    return summary;
  }

  // Slots of a ring of batches indexed by sequence number: the reader (this thread) fills slot
  // `seq % window` only when the consumer has taken batch `seq - window`, which bounds memory.
  const std::size_t window = static_cast<std::size_t>(jobs_) * 2 + 2;
  struct Slot {
    std::vector<Article> batch;
    std::vector<ArticleResult> results;
    bool done = false;
  };
  std::vector<Slot> slots(window);
  std::deque<std::uint64_t> queue;  // sequence numbers waiting for a worker
  std::mutex mutex;
  std::condition_variable work_ready, results_ready;
  bool done_reading = false;
  bool stopping = false;
  std::uint64_t next_in = 0, next_out = 0;  // shared: read and written under `mutex`
  auto worker = [&] {
    while (true) {
      std::uint64_t seq;
      {
        std::unique_lock lock(mutex);
        work_ready.wait(lock, [&] { return !queue.empty() || done_reading || stopping; });
        if (queue.empty()) return;
        seq = queue.front();
        queue.pop_front();
      }
      Slot& slot = slots[seq % window];
      process(reader, slot.batch, render, slot.results);
      bool wake;
      {
        std::lock_guard lock(mutex);
        slot.done = true;
        wake = seq == next_out;
      }
      if (wake) results_ready.notify_one();
    }
  };
  std::vector<std::thread> workers;
  for (int i = 0; i < jobs_; ++i) workers.emplace_back(worker);
  bool more = true;
  std::vector<ArticleResult> finished;
  while (!summary.stopped) {
    // Fill free slots with new batches.
    while (more) {
      std::uint64_t seq;
      bool in_flight;
      {
        std::lock_guard lock(mutex);
        if (next_in - next_out >= window) break;
        seq = next_in;
        in_flight = next_in != next_out;
      }
      // Input that has not arrived yet is waited for only once the results in flight are out.
      if (in_flight && reader.would_wait()) break;
      Slot& slot = slots[seq % window];  // free: no worker touches it until it is queued
      if (!read_batch(reader, next_size(), jobs_, slot.batch)) {
        more = false;
        break;
      }
      {
        std::lock_guard lock(mutex);
        queue.push_back(next_in++);
      }
      work_ready.notify_one();
    }
    // Take the next batch's results, in order.
    {
      std::unique_lock lock(mutex);
      if (next_out == next_in) break;
      Slot& slot = slots[next_out % window];
      results_ready.wait(lock, [&] { return slot.done; });
      finished.swap(slot.results);
      slot.done = false;
      ++next_out;
    }
    deliver(finished);
  }
  {
    std::lock_guard lock(mutex);
    done_reading = true;
    stopping = summary.stopped;
    if (stopping) queue.clear();
  }
  work_ready.notify_all();
  for (auto& t : workers) t.join();
  return summary;
}

}  // namespace analyze
