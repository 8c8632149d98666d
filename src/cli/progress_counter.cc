#include "cli/progress_counter.h"

#include <algorithm>

namespace analyze::cli {

namespace {

double share(std::uint64_t done, std::uint64_t total) { return std::min(1.0, double(done) / double(total)); }

}  // namespace

double ProgressCounter::fraction() const {
  if (articles_total_) return share(articles_, articles_total_);
  if (bytes_total_) return share(bytes_, bytes_total_);
  return -1;
}

double ProgressCounter::work_fraction() const { return bytes_total_ ? share(bytes_, bytes_total_) : fraction(); }

}  // namespace analyze::cli
