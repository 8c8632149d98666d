#!/usr/bin/env bash
# Start-up against a baseline in the same run: the wall time of one small article (all stages,
# model loading included) for each binary given, the binaries taking turns so that the machine's
# drift hits them alike; prints each binary's median, quartiles and its ratio to the first, and the
# same for the CPU time (user + system) of the process, which a loaded machine inflates less.
#
#   bench/startup.sh [--runs 60] [--article data/samples/election-runoff.txt] BIN [BIN...]
#
# e.g. bench/startup.sh /tmp/base/build/analyze build/analyze  (a build of an older commit first).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=60
article="$here/data/samples/election-runoff.txt"
bins=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --article) article=$2; shift 2 ;;
    *) bins+=("$1"); shift ;;
  esac
done
[ ${#bins[@]} -gt 0 ] || { echo "startup.sh: name at least one binary" >&2; exit 2; }
PYTHONPATH="$here/bench" python3 - "$runs" "$article" "${bins[@]}" <<'PY'
import statistics, sys
from timing import alternate, quartiles
runs, article, bins = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times, cpu = alternate({b: [b, "--format", "json", article] for b in bins}, runs)
first = statistics.median(times[bins[0]])
first_cpu = statistics.median(cpu[bins[0]])
for b in bins:
    median, (q1, q3) = statistics.median(times[b]), quartiles(times[b])
    median_cpu = statistics.median(cpu[b])
    print(f"{b}: median {median * 1000:.1f} ms (quartiles {q1 * 1000:.1f}-{q3 * 1000:.1f}), "
          f"{median / first:.2f}x the first; CPU (user + system) median {median_cpu * 1000:.1f} ms, "
          f"{median_cpu / first_cpu:.2f}x the first")
PY
