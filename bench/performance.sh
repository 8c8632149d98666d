#!/usr/bin/env bash
# The figures of docs/PERFORMANCE.md that are ours alone (the peer comparison is bench/peers/run.sh):
#  1. per-thread throughput of the stage sets the issues budget (bench-pipeline: thread CPU time,
#     median of --runs), on the peer-benchmark corpus (bench/peers/make-corpus.py, ../shared/data);
#  2. --jobs 1 against --jobs 2 on the same corpus, wall time of the real binary, output to /dev/null,
#     and two --jobs 1 processes at once (what the two cores allow at best);
#  3. start-up: wall time of one small article (model loading included), median of 30 runs;
#  4. the segment stage beside ICU's own iterators (bench-segment) on the sentence-boundary and
#     topics texts.
#
#   bench/performance.sh [--build build] [--shared ../shared/data] [--runs 5]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build"; shared="$root/../shared/data"; runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --shared) shared=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "performance.sh: unknown argument $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
for exe in analyze bench-pipeline bench-segment; do
  [ -x "$build/$exe" ] || { echo "performance.sh: $build/$exe not found: build in Release first (or pass --build)" >&2; exit 1; }
done
[ -d "$shared" ] || { echo "performance.sh: $shared not found: pass --shared DIR" >&2; exit 1; }

tmp=$(mktemp -d /tmp/analyze-performance-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
corpus="$tmp/corpus.jsonl"
python3 "$root/bench/peers/make-corpus.py" --shared "$shared" "$corpus" 2>/dev/null

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
wall() {  # wall seconds of one run of the command; bash's own clock, so no `date` process is timed too
  local start end
  start=${EPOCHREALTIME/,/.}; "$@" > /dev/null; end=${EPOCHREALTIME/,/.}
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus: $(python3 "$root/bench/peers/make-corpus.py" --describe)"
echo
echo "## 1. Stage sets, one thread (bench-pipeline)"
base=normalize,segment,boilerplate,language,stats
"$build/bench-pipeline" --runs "$runs" --max-mb 100 \
  --set normalize,segment \
  --set normalize,segment,entities \
  --set $base,entities,topics,keyphrases \
  --set $base,entities,stance \
  --set default \
  "$corpus"

echo
echo "## 2. Threads: the binary over the corpus (JSONL out to /dev/null), median wall of $runs runs each, alternating"
words=$("$build/analyze" --stages normalize,segment,stats --format jsonl "$corpus" |
  python3 -c 'import sys, json; print(sum(json.loads(l).get("stats", {}).get("words", 0) for l in sys.stdin))')
printf '%-6s %9s %12s %9s\n' jobs seconds words/s speed-up
# The runs alternate --jobs 1 and --jobs 2, so a slow spell of the shared machine falls on both.
for ((r = 0; r < runs; r++)); do
  for jobs in 1 2; do wall "$build/analyze" --jobs "$jobs" --no-progress --format jsonl "$corpus" >> "$tmp/jobs$jobs"; done
done
one=$(median < "$tmp/jobs1")
for jobs in 1 2; do
  m=$(median < "$tmp/jobs$jobs")
  awk -v j="$jobs" -v m="$m" -v w="$words" -v o="$one" 'BEGIN {printf "%-6s %9.2f %12.0f %8.2fx\n", j, m, w / m, o / m}'
done
echo "(words: the stats stage's count, boilerplate excluded: $words)"
# What two cores give at best: two separate --jobs 1 processes (nothing shared but the hardware)
# over the corpus at the same time do twice the work of one.
pair() {
  local start end
  start=$(date +%s.%N)
  "$build/analyze" --jobs 1 --no-progress --format jsonl "$corpus" > /dev/null &
  "$build/analyze" --jobs 1 --no-progress --format jsonl "$corpus" > /dev/null
  wait
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}
m=$(for ((r = 0; r < runs; r++)); do pair; done | median)
awk -v m="$m" -v o="$one" 'BEGIN {printf "two --jobs 1 processes at once: %.2f s for twice the work, %.2fx (the ceiling for --jobs 2)\n", m, 2 * o / m}'

echo
echo "## 3. Start-up: one small article, all stages, median wall of 30 runs"
for article in "$root"/data/samples/election-runoff.txt; do
  m=$(for ((r = 0; r < 30; r++)); do wall "$build/analyze" --format json "$article"; done | median)
  n=$(wc -w < "$article")
  awk -v m="$m" -v f="$(basename "$article")" -v n="$n" 'BEGIN {printf "%s (%d words): %.1f ms\n", f, n, m * 1000}'
done

echo
echo "## 4. Segmentation beside ICU (bench-segment)"
"$build/bench-segment" --repeat "$runs" "$shared"/sbd/gum_train.jsonl "$shared"/sbd/gum_dev.jsonl \
  "$shared"/sbd/ewt_train.jsonl "$shared"/sbd/ewt_dev.jsonl "$shared"/topics/topics_train.jsonl "$shared"/topics/topics_dev.jsonl
