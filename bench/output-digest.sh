#!/usr/bin/env bash
# Output digest: the md5 of the whole default pipeline's JSONL on a fixed corpus, to show that a
# change meant to keep the output (a refactoring, a speed-up) keeps it byte for byte. Run it with
# the build before and the build after; the two lines must be equal.
#
#   bench/output-digest.sh [--bin build/analyze] [--shared ../shared/data]
#
# The corpus is the peer benchmark's (bench/peers/make-corpus.py: CoNLL-2003 train and dev, the
# topics train and dev sets; 8,563 articles, 8 MB), assembled in a temporary folder and deleted,
# followed by the samples of data/samples/ one by one. Prints one line per part and exits 0;
# exit 2 when the binary or the shared data is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$here/build/analyze"
shared="$here/../shared/data"
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$2; shift 2 ;;
    --shared) shared=$2; shift 2 ;;
    *) echo "output-digest.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x "$bin" ] || { echo "output-digest.sh: no binary at $bin" >&2; exit 2; }
[ -d "$shared" ] || { echo "output-digest.sh: no shared data at $shared" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/bench/peers/make-corpus.py" --shared "$shared" "$tmp/corpus.jsonl" 2> /dev/null
echo "corpus  $("$bin" --format jsonl --input-format jsonl --no-progress "$tmp/corpus.jsonl" | md5sum | cut -d' ' -f1)"
for f in "$here"/data/samples/*.txt; do "$bin" --format jsonl --no-progress "$f"; done > "$tmp/samples.jsonl"
echo "samples $(md5sum < "$tmp/samples.jsonl" | cut -d' ' -f1)"
