#include "progress_bar.h"

#include <cstdio>
#include <fmt/format.h>
#include <string>

namespace analyze::cli {

void ProgressBar::update(std::uint64_t articles, std::uint64_t failed, double fraction, bool force) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? articles / seconds : 0;
  std::string line;
  if (fraction >= 0) {
    const int width = 24;
    const int filled = static_cast<int>(fraction * width + 0.5);
    line = fmt::format("[{}{}] ", std::string(static_cast<std::size_t>(filled), '#'),
                       std::string(static_cast<std::size_t>(width - filled), '.'));
    line += fmt::format("{:3.0f}% ", fraction * 100);
  }
  line += fmt::format("{} articles", articles);
  if (failed) line += fmt::format(", {} failed", failed);
  line += fmt::format(", {:.0f}/s", rate);
  if (fraction > 0.001 && fraction < 1) {
    const auto eta = static_cast<long>(seconds * (1 - fraction) / fraction);
    line += fmt::format(", ETA {}:{:02}:{:02}", eta / 3600, eta / 60 % 60, eta % 60);
  }
  std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
  std::fflush(stderr);
}

void ProgressBar::message(const std::string& line) {
  if (enabled_ && drawn_) std::fputs("\r\x1b[K", stderr);
  std::fprintf(stderr, "%s\n", line.c_str());
  drawn_ = false;
}

void ProgressBar::finish() {
  if (enabled_ && drawn_) std::fputs("\r\x1b[K", stderr);
}

}  // namespace analyze::cli
