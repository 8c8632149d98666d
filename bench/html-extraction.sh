#!/usr/bin/env bash
# HTML input's speed: the pages of a folder (default ../shared/data/html/pages) read as .html
# files, extracted and segmented on one thread (`--input-format html --stages normalize,segment
# -j 1`), against a baseline in the same run: the same articles' extracted text as JSONL "text"
# records through the same stages. Runs take turns; prints each one's median wall time and CPU time
# (user + system: on a busy machine the wall time mostly measures waiting), pages/s and the ratio.
#
#   bench/html-extraction.sh [--build build] [--runs 7] [--pages DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build="$here/build"
runs=7
pages="$here/../shared/data/html/pages"
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --pages) pages=$2; shift 2 ;;
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
PYTHONPATH="$here/bench" python3 - "$runs" "$build/analyze" "$pages" "$tmp/text.jsonl" <<'PY'
import statistics, sys
from timing import alternate
runs, binary, pages_dir, text = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
pages = sum(1 for _ in open(text, encoding="utf-8"))
commands = {"html": [binary, "--input-format", "html", "--stages", "normalize,segment", "-j", "1", "-f", "jsonl", pages_dir],
            "text": [binary, "--stages", "normalize,segment", "-j", "1", "-f", "jsonl", text]}
wall, cpu = alternate(commands, runs)
print(f"{pages} pages, {runs} runs each, medians (one thread, normalize + segment):")
for k, what in (("html", "html files (extraction + segmentation)"), ("text", "text records (the extracted text, segmentation only)")):
    w, c = statistics.median(wall[k]), statistics.median(cpu[k])
    print(f"  {what}: wall {w:.3f} s ({pages / w:.0f} pages/s), CPU {c:.3f} s ({pages / c:.0f} pages/s)")
print(f"  html / text, CPU: {statistics.median(cpu['html']) / statistics.median(cpu['text']):.2f}x")
PY
