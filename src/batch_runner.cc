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
  // only when the consumer has taken result `seq - window`, which bounds memory.
  const std::size_t window = static_cast<std::size_t>(jobs_) * 4 + 4;
  struct Slot {
    Article article;
    std::optional<ArticleResult> result;
  };
  std::vector<Slot> slots(window);
  std::deque<std::uint64_t> queue;  // sequence numbers waiting for a worker
  std::mutex mutex;
  std::condition_variable work_ready, result_ready;
  bool done_reading = false;
  bool stopping = false;

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
      {
        std::lock_guard lock(mutex);
        slot.result = std::move(r);
      }
      result_ready.notify_all();
    }
  };
  std::vector<std::thread> workers;
  for (int i = 0; i < jobs_; ++i) workers.emplace_back(worker);

  std::uint64_t next_in = 0, next_out = 0;
  bool more = true;
  while (!summary.stopped && (more || next_out < next_in)) {
    // Fill free slots with new articles.
    while (more && next_in - next_out < window) {
      Slot& slot = slots[next_in % window];
      if (!reader.next(slot.article)) {
        more = false;
        break;
      }
      {
        std::lock_guard lock(mutex);
        slot.result.reset();
        queue.push_back(next_in++);
      }
      work_ready.notify_one();
    }
    if (next_out == next_in) break;
    // Hand over the next result in order.
    std::optional<ArticleResult> r;
    {
      std::unique_lock lock(mutex);
      Slot& slot = slots[next_out % window];
      result_ready.wait(lock, [&] { return slot.result.has_value(); });
      r = std::move(slot.result);
      slot.result.reset();
    }
    ++next_out;
    deliver(*r);
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
