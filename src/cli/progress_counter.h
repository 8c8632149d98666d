// What the progress bar shows, counted from finished articles (those handed to the output), never
// from what the reader has read ahead: the workers read batches before they analyse them, so a
// count of bytes read runs ahead of the work done.
#pragma once

#include <cstdint>

namespace analyze::cli {

class ProgressCounter {
 public:
  // The totals the input announces; 0 when unknown (the records of a JSONL input, stdin's size).
  ProgressCounter(std::uint64_t articles_total, std::uint64_t bytes_total)
      : articles_total_(articles_total), bytes_total_(bytes_total) {}

  // One more article finished, which took `input_bytes` of the input.
  void finished(std::uint64_t input_bytes) {
    ++articles_;
    bytes_ += input_bytes;
  }

  std::uint64_t articles() const { return articles_; }
  // The bar's fraction: finished articles / total when the total is known, else finished bytes /
  // total bytes; negative when neither is known. Never above 1.
  double fraction() const;
  // The share of the work done, for the ETA: finished bytes / total bytes when the size is known
  // (an article's cost grows with its length), else fraction().
  double work_fraction() const;

 private:
  std::uint64_t articles_total_, bytes_total_;
  std::uint64_t articles_ = 0, bytes_ = 0;
};

}  // namespace analyze::cli
