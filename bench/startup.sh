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
python3 - "$runs" "$article" "${bins[@]}" <<'PY'
import resource, statistics, subprocess, sys, time
runs, article, bins = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times = {b: [] for b in bins}
cpu = {b: [] for b in bins}


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


for _ in range(runs):
    for b in bins:
        cpu_before, start = children_cpu(), time.perf_counter()
        subprocess.run([b, "--format", "json", article], stdout=subprocess.DEVNULL, check=True)
        times[b].append(time.perf_counter() - start)
        cpu[b].append(children_cpu() - cpu_before)
first = statistics.median(times[bins[0]])
first_cpu = statistics.median(cpu[bins[0]])
for b in bins:
    t = sorted(times[b])
    median = statistics.median(t)
    median_cpu = statistics.median(cpu[b])
    print(f"{b}: median {median * 1000:.1f} ms (quartiles {t[len(t) // 4] * 1000:.1f}-{t[3 * len(t) // 4] * 1000:.1f}), "
          f"{median / first:.2f}x the first; CPU (user + system) median {median_cpu * 1000:.1f} ms, "
          f"{median_cpu / first_cpu:.2f}x the first")
PY
