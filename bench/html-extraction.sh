#!/usr/bin/env bash
# HTML input's speed: the pages of a folder (default ../shared/data/html/pages) as one JSONL of
# "html" records, read, extracted and segmented on one thread (`--stages normalize,segment -j 1`),
# against a baseline in the same run: the same articles' extracted text as "text" records through
# the same stages. Runs take turns; prints each one's median wall time, pages/s and the ratio.
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
python3 - "$runs" "$build/analyze" "$tmp/html.jsonl" "$tmp/text.jsonl" <<'PY'
import statistics, subprocess, sys, time
runs, binary, inputs = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
pages = sum(1 for _ in open(inputs[0], encoding="utf-8"))
times = {i: [] for i in inputs}
for _ in range(runs):
    for i in inputs:
        start = time.perf_counter()
        subprocess.run([binary, "--stages", "normalize,segment", "-j", "1", "-f", "jsonl", i], stdout=subprocess.DEVNULL, check=True)
        times[i].append(time.perf_counter() - start)
html, text = (statistics.median(times[i]) for i in inputs)
print(f"{pages} pages, {runs} runs each, medians (one thread, normalize + segment):")
print(f"  html records (extraction + segmentation): {html:.3f} s, {pages / html:.0f} pages/s")
print(f"  text records (the extracted text, segmentation only): {text:.3f} s, {pages / text:.0f} pages/s")
print(f"  html / text: {html / text:.2f}x")
PY
