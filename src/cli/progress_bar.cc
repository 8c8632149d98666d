#include "cli/progress_bar.h"

#include <cstdio>
#include <fmt/format.h>
#include <string>

namespace analyze::cli {

namespace {

std::string bar_text(double fraction) {
  const int width = 24;
  const int filled = static_cast<int>(fraction * width + 0.5);
  return fmt::format("[{}{}] {:3.0f}% ", std::string(static_cast<std::size_t>(filled), '#'),
                     std::string(static_cast<std::size_t>(width - filled), '.'), fraction * 100);
}

}  // namespace

void ProgressBar::update(const ProgressCounter& progress, std::uint64_t failed, bool force) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? progress.articles() / seconds : 0;
  std::string line;
  if (progress.fraction() >= 0) line = bar_text(progress.fraction());
  line += fmt::format("{} articles", progress.articles());
  if (failed) line += fmt::format(", {} failed", failed);
  line += fmt::format(", {:.0f}/s", rate);
  if (const double work = progress.work_fraction(); work > 0.001 && work < 1) {
    const auto eta = static_cast<long>(seconds * (1 - work) / work);
    line += fmt::format(", ETA {}:{:02}:{:02}", eta / 3600, eta / 60 % 60, eta % 60);
  }
  draw(line);
}

void ProgressBar::draw(const std::string& line) {
  if (escapes_) {
    std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
  } else {
    const std::size_t pad = drawn_width_ > line.size() ? drawn_width_ - line.size() : 0;
    std::fprintf(stderr, "\r%s%s", line.c_str(), std::string(pad, ' ').c_str());
  }
  std::fflush(stderr);
  drawn_ = true;
  drawn_width_ = line.size();
}

void ProgressBar::clear() {
  if (!enabled_ || !drawn_) return;
  if (escapes_) std::fputs("\r\x1b[K", stderr);
  else std::fprintf(stderr, "\r%s\r", std::string(drawn_width_, ' ').c_str());
  drawn_ = false;
}

void ProgressBar::message(const std::string& line) {
  clear();
  std::fprintf(stderr, "%s\n", line.c_str());
}

void ProgressBar::finish() { clear(); }

}  // namespace analyze::cli
