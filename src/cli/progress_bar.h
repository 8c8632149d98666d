// The progress line on stderr for batches: done/total, rate and ETA, redrawn at most 10 times a
// second.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace analyze::cli {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  // `fraction` of the input consumed (by bytes), or a negative value when unknown.
  void update(std::uint64_t articles, std::uint64_t failed, double fraction, bool force = false);
  // Prints a line of its own above the bar (an article's error).
  void message(const std::string& line);
  // Clears the line.
  void finish();

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  bool drawn_ = false;
};

}  // namespace analyze::cli
