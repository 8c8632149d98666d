#include "analyze/batch_runner.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace analyze {

ArticleResult BatchRunner::process(Article& article, const Renderer& render) const {
  ArticleResult result;
  result.id = article.doc.id;
  result.output_name = std::move(article.output_name);
  try {
    if (!article.error) {
      if (Status s = pipeline_.run(article.doc); !s) article.error = s.error();
    }
    result.error = article.error;
    result.rendered = render(article.doc, article.error);
  } catch (const std::exception& e) {
    // A bug or exhausted memory costs this article only, never the batch.
    result.error = Error{"internal", std::string("internal error: ") + e.what()};
    result.rendered = render(article.doc, result.error);
  }
  return result;
}

BatchSummary BatchRunner::run(ArticleReader& reader, const Renderer& render, const Consumer& consume) const {
  BatchSummary summary;
  auto deliver = [&](ArticleResult& r) {
    ++summary.articles;
    summary.failed += r.error.has_value();
    if (!consume(r)) summary.stopped = true;
    return !summary.stopped;
  };

  if (jobs_ == 1) {
    Article article;
    while (!summary.stopped && reader.next(article)) {
      ArticleResult r = process(article, render);
      deliver(r);
    }
    return summary;
  }

  // Slots of a ring indexed by sequence number: the reader (this thread) fills slot `seq % window`
  // only when the consumer has taken result `seq - window`, which bounds memory. This thread wakes
  // for a batch of finished results, not for each one: with more threads than cores, a wake-up per
  // article cost a context switch per article (docs/PERFORMANCE.md, part 2).
  const std::size_t window = static_cast<std::size_t>(jobs_) * 4 + 4;
  const std::size_t batch = window / 2;
  struct Slot {
    Article article;
    std::optional<ArticleResult> result;
  };
  std::vector<Slot> slots(window);
  std::deque<std::uint64_t> queue;  // sequence numbers waiting for a worker
  std::mutex mutex;
  std::condition_variable work_ready, results_ready;
  bool done_reading = false;
  bool stopping = false;
  std::uint64_t next_in = 0, next_out = 0;  // shared: read and written under `mutex`
  // Results ready in order from next_out, and whether that is enough to wake this thread.
  const auto ready_in_order = [&] {
    std::uint64_t n = 0;
    while (next_out + n < next_in && slots[(next_out + n) % window].result) ++n;
    return n;
  };
  const auto worth_waking = [&] { return ready_in_order() >= std::min<std::uint64_t>(batch, next_in - next_out); };
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
      ArticleResult r = process(slot.article, render);
      bool wake;
      {
        std::lock_guard lock(mutex);
        slot.result = std::move(r);
        wake = worth_waking();
      }
      if (wake) results_ready.notify_one();
    }
  };
  std::vector<std::thread> workers;
  for (int i = 0; i < jobs_; ++i) workers.emplace_back(worker);
  bool more = true;
  std::vector<ArticleResult> finished;
  while (!summary.stopped) {
    // Fill free slots with new articles.
    while (more) {
      std::uint64_t seq;
      {
        std::lock_guard lock(mutex);
        if (next_in - next_out >= window) break;
        seq = next_in;
      }
      Slot& slot = slots[seq % window];  // free: no worker touches it until it is queued
      if (!reader.next(slot.article)) {
        more = false;
        break;
      }
      {
        std::lock_guard lock(mutex);
        queue.push_back(next_in++);
      }
      work_ready.notify_one();
    }
    // Take the next results in order, a batch at a time (or what is left at the end).
    {
      std::unique_lock lock(mutex);
      if (next_out == next_in) break;
      results_ready.wait(lock, worth_waking);
      for (std::uint64_t n = ready_in_order(); n > 0; --n) {
        Slot& slot = slots[next_out++ % window];
        finished.push_back(std::move(*slot.result));
        slot.result.reset();
      }
    }
    for (ArticleResult& r : finished)
      if (!deliver(r)) break;
    finished.clear();
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
