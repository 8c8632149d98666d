// The progress line on stderr for batches: done/total, rate and ETA, redrawn at most 10 times a
// second.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "cli/progress_counter.h"

namespace analyze::cli {

class ProgressBar {
 public:
  // `erase_with_escape`: the terminal understands "erase to the end of the line" (not TERM=dumb);
  // without it a shorter line is padded with spaces instead.
  ProgressBar(bool enabled, bool erase_with_escape)
      : enabled_(enabled), escapes_(erase_with_escape), start_(std::chrono::steady_clock::now()) {}
  // Redraws the line from the counter (at most every 100 ms unless `force`).
  void update(const ProgressCounter& progress, std::uint64_t failed, bool force = false);
  // Prints a line of its own above the bar (an article's error).
  void message(const std::string& line);
  // Clears the line.
  void finish();

 private:
  void draw(const std::string& line);
  void clear();
  bool enabled_;
  bool escapes_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  bool drawn_ = false;
  std::size_t drawn_width_ = 0;
};

}  // namespace analyze::cli
