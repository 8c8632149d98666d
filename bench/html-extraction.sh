#!/usr/bin/env bash
# HTML input's speed: the pages of a folder (default ../shared/data/html/pages) read as .html
# files, extracted and segmented on one thread (`--input-format html --stages normalize,segment
# -j 1`), against a baseline in the same run: the same articles' extracted text as JSONL "text"
# records through the same stages. Runs take turns; prints each one's median wall time and CPU time
# (user + system: on a busy machine the wall time mostly measures waiting), pages/s and the ratio.
# --baseline BIN adds another build's binary reading the same pages, in the same turns (its html
# / this one's html: the speed-up).
#
#   bench/html-extraction.sh [--build build] [--runs 7] [--pages DIR] [--baseline BIN]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build="$here/build"
runs=7
pages="$here/../shared/data/html/pages"
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --pages) pages=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$pages" "$tmp/html.jsonl" <<'PY'
import json, os, sys
pages, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as o:
    for name in sorted(os.listdir(pages)):
        if name.endswith((".html", ".htm")):
            with open(os.path.join(pages, name), "rb") as f:
                o.write(json.dumps({"id": name, "html": f.read().decode("utf-8", "replace")}) + "\n")
PY
"$build/analyze" --stages normalize,segment -j 1 -f jsonl "$tmp/html.jsonl" |
  python3 -c 'import json, sys
for line in sys.stdin:
    d = json.loads(line)
    print(json.dumps({"id": d["id"], "text": d.get("text", "")}))' > "$tmp/text.jsonl"
PYTHONPATH="$here/bench" python3 - "$runs" "$build/analyze" "$pages" "$tmp/text.jsonl" "$baseline" <<'PY'
import statistics, sys
from timing import alternate
runs, binary, pages_dir, text, baseline = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
pages = sum(1 for _ in open(text, encoding="utf-8"))
commands = {"html": [binary, "--input-format", "html", "--stages", "normalize,segment", "-j", "1", "-f", "jsonl", pages_dir],
            "text": [binary, "--stages", "normalize,segment", "-j", "1", "-f", "jsonl", text]}
rows = [("html", "html files (extraction + segmentation)"), ("text", "text records (the extracted text, segmentation only)")]
if baseline:
    commands["baseline"] = [baseline] + commands["html"][1:]
    rows.append(("baseline", f"html files, baseline {baseline}"))
wall, cpu = alternate(commands, runs)
print(f"{pages} pages, {runs} runs each, medians (one thread, normalize + segment):")
for k, what in rows:
    w, c = statistics.median(wall[k]), statistics.median(cpu[k])
    print(f"  {what}: wall {w:.3f} s ({pages / w:.0f} pages/s), CPU {c:.3f} s ({pages / c:.0f} pages/s)")
print(f"  html / text, CPU: {statistics.median(cpu['html']) / statistics.median(cpu['text']):.2f}x")
if baseline:
    print(f"  baseline / html, CPU: {statistics.median(cpu['baseline']) / statistics.median(cpu['html']):.2f}x, "
          f"wall: {statistics.median(wall['baseline']) / statistics.median(wall['html']):.2f}x")
PY
