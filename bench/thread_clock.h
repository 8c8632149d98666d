// The benchmarks' clock: CPU time of the calling thread, so a busy machine (these have 2 cores)
// slows a run less than it would wall time.
#pragma once

#include <ctime>

inline double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
