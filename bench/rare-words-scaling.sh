#!/usr/bin/env bash
# Rare-words scaling: the keyphrases stage's time per MB on one article made of N distinct words
# the background never saw, each after "the" or "to" (so the stage votes on each), for N = 25k,
# 50k, 100k and 200k. The time per MB must stay flat as N grows; it grew with N (quadratically in
# all) while the votes were kept in a list searched word by word (fixed in the commit that added
# this script).
#
#   bench/rare-words-scaling.sh [--build build]
#
# Needs python3 and a Release build with bench-pipeline. Exit status 1 when the time per MB at 200k
# words is more than 3 times that at 25k (linear: about 1; the list search gave 8 and more).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build="$here/build"
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

first=""
for n in 25000 50000 100000 200000; do
  python3 - "$n" "$tmp/$n.txt" <<'PY'
import random, string, sys
n, out = int(sys.argv[1]), sys.argv[2]
random.seed(n)
words = {"".join(random.choice(string.ascii_lowercase) for _ in range(10)) for _ in range(n)}
sentences = [f"The {w} went {'to' if i % 2 else 'past the'} {w}k." for i, w in enumerate(sorted(words))]
open(out, "w").write(" ".join(sentences))
PY
  mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1]) / 1e6)" "$tmp/$n.txt")
  times=$("$build/bench-pipeline" --runs 3 --max-mb 100 --set normalize,segment --set normalize,segment,keyphrases \
          "$tmp/$n.txt" 2>/dev/null | awk '$1 == "normalize,segment" {a = $2} $1 == "normalize,segment,keyphrases" {b = $2} END {print a, b}')
  read -r base with <<<"$times"
  per_mb=$(python3 -c "import sys; print(f'{(float(sys.argv[2]) - float(sys.argv[1])) / float(sys.argv[3]):.4f}')" "$base" "$with" "$mb")
  printf "%7d words  %6.2f MB  keyphrases %.3f s  (%s s per MB)\n" "$n" "$mb" "$(python3 -c "print(float('$with') - float('$base'))")" "$per_mb"
  [ -z "$first" ] && first=$per_mb
  last=$per_mb
done
ratio=$(python3 -c "import sys; print(f'{float(sys.argv[2]) / max(float(sys.argv[1]), 1e-9):.2f}')" "$first" "$last")
echo "time per MB at 200k words / at 25k words: ${ratio}x"
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) <= 3 else 1)" "$ratio"
