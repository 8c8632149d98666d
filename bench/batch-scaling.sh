#!/usr/bin/env bash
# Batch scaling: the same batch of small files with --jobs 1 and --jobs 2 (and more if asked),
# median wall time of several runs each, and the speed-up.
#
#   bench/batch-scaling.sh [--bin build/analyze] [--files 10000] [--runs 3] [--jobs "1 2"] [-- ANALYZE-ARGS]
#
# The files are the bundled samples (data/samples/*.txt) copied round-robin under new names, so the
# run needs nothing outside the repository.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$here/build/analyze"; files=10000; runs=3; jobs="1 2"
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$2; shift 2 ;;
    --files) files=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
extra=("$@")

corpus=$(mktemp -d /tmp/analyze-scaling-XXXXXX)
trap 'rm -rf "$corpus"' EXIT
samples=("$here"/data/samples/*.txt)
for ((i = 0; i < files; i++)); do
  cp "${samples[i % ${#samples[@]}]}" "$corpus/$(printf 'a%06d.txt' "$i")"
done
words=$("$bin" --stages normalize,segment,boilerplate,stats --format jsonl "$corpus" | python3 -c 'import sys,json; print(sum(json.loads(l)["stats"]["words"] for l in sys.stdin))')
echo "corpus: $files files ($(du -sh "$corpus" | cut -f1)), $words words; ${extra[*]:-default stages}; median of $runs runs (wall)"
printf '%-6s %10s %12s %9s\n' jobs seconds articles/s speed-up
base=""
for j in $jobs; do
  times=()
  for ((r = 0; r < runs; r++)); do
    start=$(date +%s.%N)
    "$bin" --jobs "$j" --no-progress --format jsonl "${extra[@]}" "$corpus" > /dev/null
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  [ -z "$base" ] && base=$median
  awk -v j="$j" -v m="$median" -v f="$files" -v b="$base" 'BEGIN {printf "%-6s %10.2f %12.0f %8.2fx\n", j, m, f / m, b / m}'
done
