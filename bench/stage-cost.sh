#!/usr/bin/env bash
# What one stage costs the whole pipeline, for several builds taking turns: for each binary, the
# wall time of `--jobs 1` over the peer-benchmark corpus (bench/peers/make-corpus.py) with every
# stage and with every stage but the one named, output to /dev/null; the binaries and the two
# stage lists take turns so that the machine's drift hits them alike. Prints each binary's medians,
# the stage's cost (all / all but the stage) and that cost against the first binary's.
#
#   bench/stage-cost.sh [--stage stance] [--runs 7] [--max-mb 3] [--shared ../shared/data] BIN [BIN...]
#
# e.g. bench/stage-cost.sh /tmp/base/analyze build/analyze  (a build of an older commit first).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
stage=stance; runs=7; max_mb=3; shared="$here/../shared/data"
bins=()
while [ $# -gt 0 ]; do
  case "$1" in
    --stage) stage=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --max-mb) max_mb=$2; shift 2 ;;
    --shared) shared=$2; shift 2 ;;
    *) bins+=("$1"); shift ;;
  esac
done
[ ${#bins[@]} -gt 0 ] || { echo "stage-cost.sh: name at least one binary" >&2; exit 2; }
[ -d "$shared" ] || { echo "stage-cost.sh: $shared not found: pass --shared DIR" >&2; exit 2; }
tmp=$(mktemp -d /tmp/analyze-stage-cost-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/bench/peers/make-corpus.py" --shared "$shared" "$tmp/full.jsonl" 2> /dev/null
head -c $((max_mb * 1000000)) "$tmp/full.jsonl" | sed '$d' > "$tmp/corpus.jsonl"  # whole lines only
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus: $(wc -l < "$tmp/corpus.jsonl") articles, $(wc -c < "$tmp/corpus.jsonl") bytes; stage: $stage"
PYTHONPATH="$here/bench" python3 - "$runs" "$stage" "$tmp/corpus.jsonl" "${bins[@]}" <<'PY'
import statistics, subprocess, sys
from timing import alternate
runs, stage, corpus, bins = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]

def stages(binary):
    listing = subprocess.run([binary, "--list-stages"], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in listing.splitlines() if line and not line.startswith((" ", "stage", "-"))]
    return [n for n in names if n != "terms"]

def command(binary, stage_list):
    return [binary, "--jobs", "1", "--no-progress", "--format", "jsonl", "--input-format", "jsonl",
            "--stages", ",".join(stage_list), corpus]

lists = {}
for b in bins:
    every = stages(b)
    if stage not in every:
        sys.exit(f"stage-cost.sh: {b} has no stage {stage} (it lists {every})")
    lists[b] = (every, [s for s in every if s != stage])
times, _ = alternate({(b, k): command(b, lists[b][k]) for b in bins for k in (0, 1)}, runs)
first = None
for b in bins:
    with_stage, without = statistics.median(times[(b, 0)]), statistics.median(times[(b, 1)])
    cost = with_stage / without
    first = first or cost
    print(f"{b}: all stages {with_stage:.3f} s, without {stage} {without:.3f} s (medians of {runs}): "
          f"{stage} costs x{cost:.3f} ({(cost - 1) * 100:+.1f}%); against the first binary's cost {cost / first:.3f}")
PY
