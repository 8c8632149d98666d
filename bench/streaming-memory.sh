#!/usr/bin/env bash
# Streaming memory: peak RSS of `analyze` while it streams a ~200 MB JSONL with --jobs 2 (it must
# stay at or below 300 MB, however long the input), and of the 200 MB single-line cases, which must
# fail alone with `too-large` without the line ever sitting in memory:
#   1. a 200 MB JSONL (the bundled samples repeated with variations), `analyze FILE --jobs 2`
#   2. a 200 MB single-line plain text file, `analyze FILE`
#   3. the same bytes on a pipe, `cat FILE | analyze -` (size unknown until read)
#   4. a JSONL whose one record is a 200 MB line, between two small ones
#
#   bench/streaming-memory.sh [--bin build/analyze] [--mb 200] [--jobs 2] [--limit-mb 300] [-- ANALYZE-ARGS]
#
# Needs: GNU time at /usr/bin/time (Debian: `sudo apt-get install -y time`), python3, and about
# 2 x MB of free space in ${TMPDIR:-/tmp}. The generated files go into a temporary directory that is
# deleted afterwards. Exit status 1 when a peak RSS is over --limit-mb or a case did not behave.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$here/build/analyze"; mb=200; jobs=2; limit_mb=300
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$2; shift 2 ;;
    --mb) mb=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --limit-mb) limit_mb=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
extra=("$@")

if [ ! -x /usr/bin/time ] || ! /usr/bin/time -v true >/dev/null 2>&1; then
  echo "streaming-memory.sh needs GNU time at /usr/bin/time (for -v): sudo apt-get install -y time" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "streaming-memory.sh needs python3 (to generate the input)" >&2; exit 2; }
[ -x "$bin" ] || { echo "no analyze binary at $bin (build it, or pass --bin)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/analyze-memory-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The JSONL: every sample, its paragraphs rotated and its numbers changed per record, with meta
# keys and now and then a target, until the file has `mb` MB.
python3 - "$here/data/samples" "$tmp/corpus.jsonl" "$mb" <<'EOF'
import json, pathlib, re, sys
samples = [p.read_text() for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
paragraphs = [[q for q in s.split("\n\n") if q.strip()] for s in samples]
target = int(sys.argv[3]) << 20
written = n = 0
with open(sys.argv[2], "w") as out:
    while written < target:
        ps = paragraphs[n % len(paragraphs)]
        k = (n // len(paragraphs)) % len(ps)
        text = "\n\n".join(ps[k:] + ps[:k])
        text = re.sub(r"\d+", lambda m: str((int(m.group()) + n) % 10000), text)
        record = {"id": f"r{n:07d}", "text": text, "source": "bench", "n": n}
        if n % 7 == 0:
            record["targets"] = ["Reuters"]
        line = json.dumps(record, ensure_ascii=n % 2 == 0) + "\n"
        out.write(line)
        written += len(line.encode())
        n += 1
print(n, file=open(sys.argv[2] + ".count", "w"))
EOF
records=$(cat "$tmp/corpus.jsonl.count")

# The single line: words without a newline, `mb` MB; and a JSONL with that line as a record.
python3 - "$tmp/line.txt" "$tmp/line.jsonl" "$mb" <<'EOF'
import sys
size = int(sys.argv[3]) << 20
chunk = ("Officials met on Monday and agreed nothing at all " * 2000).encode()
with open(sys.argv[1], "wb") as f:
    left = size
    while left > 0:
        f.write(chunk[:left]); left -= len(chunk)
with open(sys.argv[2], "wb") as f:
    f.write(b'{"id": "before", "text": "A small record."}\n{"id": "huge", "text": "')
    left = size
    while left > 0:
        f.write(chunk[:left]); left -= len(chunk)
    f.write(b'"}\n{"id": "after", "text": "Another small record."}\n')
EOF

failures=0
# The single-line cases must be over --max-article-size (default 32 MB): small --mb runs lower it.
size_args=()
[ "$mb" -le 32 ] && size_args=(--max-article-size "$(( mb / 2 > 0 ? mb / 2 : 1 ))")
# run LABEL CMD...: runs CMD under GNU time, stdout to $tmp/out, and prints one line of figures.
run() {
  local label=$1; shift
  set +e
  /usr/bin/time -v -o "$tmp/time" "$@" > "$tmp/out" 2> "$tmp/err"
  status=$?
  set -e
  peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$tmp/time")
  peak_mb=$(awk -v k="$peak_kb" 'BEGIN {printf "%.1f", k / 1024}')
  local verdict=ok
  if awk -v k="$peak_kb" -v l="$limit_mb" 'BEGIN {exit !(k / 1024 > l)}'; then verdict="OVER ${limit_mb} MB"; failures=$((failures + 1)); fi
  printf '%-34s exit %-3s peak RSS %7s MB  wall %7.2f s  %s\n' "$label" "$status" "$peak_mb" "$wall" "$verdict"
}

echo "analyze: $bin ($("$bin" --version))"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); host: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
echo "limit: peak RSS <= ${limit_mb} MB; extra arguments: ${extra[*]:-(none, all stages)}"
echo

bytes=$(stat -c %s "$tmp/corpus.jsonl")
run "1. ${mb} MB JSONL, --jobs $jobs" "$bin" "$tmp/corpus.jsonl" --jobs "$jobs" --no-progress "${extra[@]}"
out_lines=$(wc -l < "$tmp/out")
errors=$(grep -c '"error"' "$tmp/out" || true)
awk -v b="$bytes" -v r="$records" -v w="$wall" -v o="$out_lines" -v e="$errors" 'BEGIN {
  printf "   input %.1f MB, %d records; output %d lines (%d errors); %.2f MB/s, %.0f records/s\n", b / 1048576, r, o, e, b / 1048576 / w, r / w }'
[ "$status" = 0 ] && [ "$out_lines" = "$records" ] || { echo "   UNEXPECTED: exit $status, $out_lines of $records records"; failures=$((failures + 1)); }

check_too_large() {  # the case must exit 1 with a too-large error and say so on stderr
  echo "   stderr: $(head -c 300 "$tmp/err" | tr '\n' '|')"
  if [ "$status" != 1 ] || ! grep -q '(too-large)' "$tmp/err"; then
    echo "   UNEXPECTED: expected exit 1 and a too-large error"; failures=$((failures + 1))
  fi
}
run "2. ${mb} MB single-line file" "$bin" "$tmp/line.txt" --jobs "$jobs" "${size_args[@]}" "${extra[@]}"
check_too_large
run "3. the same on stdin (a pipe)" bash -c 'f=$1 bin=$2; shift 2; cat "$f" | "$bin" - "$@"' _ "$tmp/line.txt" "$bin" --jobs "$jobs" "${size_args[@]}" "${extra[@]}"
check_too_large
run "4. ${mb} MB line inside a JSONL" "$bin" "$tmp/line.jsonl" --jobs "$jobs" --format jsonl "${size_args[@]}" "${extra[@]}"
check_too_large
echo "   output ids: $(python3 -c 'import json,sys; print(", ".join(json.loads(l)["id"] for l in open(sys.argv[1])))' "$tmp/out")"

echo
if [ "$failures" = 0 ]; then echo "all cases within ${limit_mb} MB and as expected"; else echo "$failures problem(s)"; exit 1; fi
