#!/usr/bin/env bash
# Peer benchmark: analyze against JavaScript NLP libraries (sbd, compromise, wink-nlp) on the same
# news corpus, in one run: sentence splitting, entities, sentiment and the whole pipeline.
#
#   bench/peers/run.sh [--bin build/analyze] [--shared ../shared/data] [--runs 5] [--startup-runs 30]
#                      [--corpus FILE.jsonl]   (another corpus instead of make-corpus.py's)
#
# Needs Node.js (>= 18) and npm, python3, ../shared/data (the corpus is assembled from it by
# make-corpus.py into a temporary folder and deleted afterwards: its texts may not be
# redistributed). The npm packages are installed from package-lock.json into bench/peers/node_modules.
# Every tool's time is divided by the same number: the corpus's words as analyze's stats stage
# counts them. analyze is timed as the wall time of one process over the corpus (start-up included,
# output to /dev/null); the peers in-process, on texts already in memory (see peers.js).
# Progress goes to stderr, the report (markdown) to stdout.
set -euo pipefail
peers=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$peers/../.." && pwd)
bin="$root/build/analyze"; shared="$root/../shared/data"; runs=5; startup_runs=30; own_corpus=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$2; shift 2 ;;
    --shared) shared=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --startup-runs) startup_runs=$2; shift 2 ;;
    --corpus) own_corpus=$(realpath "$2"); shift 2 ;;
    *) echo "run.sh: unknown argument $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done

fail() { echo "run.sh: $*" >&2; exit 1; }
for tool in node npm python3; do
  command -v "$tool" > /dev/null || fail "$tool not found: install Node.js >= 18 with npm (Debian: apt-get install nodejs npm) and python3"
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 18 ] || fail "Node.js $(node --version) is too old: need >= 18"
[ -x "$bin" ] || fail "$bin not found: build analyze first (cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build) or pass --bin"
[ -n "$own_corpus" ] || [ -d "$shared" ] || fail "$shared not found: pass --shared DIR (the folder holding ner/ and topics/)"

# The pinned packages; reinstalled only when package-lock.json changed since the last install.
if [ ! -f "$peers/node_modules/.package-lock.json" ] || [ "$peers/package-lock.json" -nt "$peers/node_modules/.package-lock.json" ]; then
  echo "installing the npm packages (npm ci) ..." >&2
  (cd "$peers" && npm ci --no-audit --no-fund >&2) || fail "npm ci failed in $peers"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/analyze-peers-XXXXXX")
trap 'rm -rf "$work"' EXIT
corpus="$work/corpus.jsonl"; results="$work/results.jsonl"
if [ -n "$own_corpus" ]; then
  corpus=$own_corpus; source="$own_corpus"
else
  python3 "$peers/make-corpus.py" --shared "$shared" "$corpus"
  source="CoNLL-2003 train+dev and the topics train+dev sets of ../shared/data, assembled by bench/peers/make-corpus.py"
fi
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# The smallest stage list that runs TARGET: it, and for each layer it requires the first stage (in
# run order) that provides it, recursively, as `analyze --list-stages` reports them. Prints nothing
# when this build has no such stage.
stage_set() {
  "$bin" --list-stages | awk -v target="$1" '
    $2 == "requires:" && $4 == "provides:" { n++; name[n] = $1; req[$1] = $3; prov[n] = "," $5 ","; known[$1] = 1 }
    function need(stage,   k, layers, i, j) {
      if (stage in wanted) return
      wanted[stage] = 1
      if (req[stage] == "-") return
      k = split(req[stage], layers, ",")
      for (i = 1; i <= k; i++)
        for (j = 1; j <= n; j++)
          if (index(prov[j], "," layers[i] ",")) { need(name[j]); break }
    }
    END {
      if (!(target in known)) exit
      need(target)
      for (j = 1; j <= n; j++) if (name[j] in wanted) out = out (out == "" ? "" : ",") name[j]
      print out
    }'
}

stats_stages=$(stage_set stats)
[ -n "$stats_stages" ] || fail "$bin has no stats stage: cannot count the corpus words"
all_stages=$("$bin" --list-stages | awk '$2 == "requires:" { out = out (out == "" ? "" : ",") $1 } END { print out }')

# Corpus words (and articles) as analyze's stats stage counts them; an article that fails stops the run.
read -r articles words < <("$bin" --stages "$stats_stages" --jobs 2 --no-progress --format jsonl "$corpus" |
  node -e '
    let articles = 0, words = 0;
    require("readline").createInterface({ input: process.stdin })
      .on("line", (l) => { const r = JSON.parse(l); if (r.error) { console.error(r.id, r.error); process.exit(1); } articles++; words += r.stats.words; })
      .on("close", () => console.log(articles, words));')
[ "${words:-0}" -gt 0 ] || fail "could not count the corpus words with $bin"
echo "corpus: $articles articles, $words words" >&2

json_times() { local IFS=,; echo "[$*]"; }

# analyze: one process over the whole corpus per run; wall time and CPU time (user + system, all threads).
time_analyze() {  # TASK STAGES JOBS
  local task=$1 stages=$2 jobs=$3 times=() cpu=() wall user sys r TIMEFORMAT='%3R %3U %3S'
  local args=(--jobs "$jobs" --no-progress --format jsonl)
  [ "$stages" = default ] || args+=(--stages "$stages")
  echo "analyze $task: --jobs $jobs ${stages} ..." >&2
  for ((r = 0; r < runs; r++)); do
    { time "$bin" "${args[@]}" "$corpus" > /dev/null 2> "$work/stderr"; } 2> "$work/time" ||
      fail "analyze ${args[*]} $corpus failed: $(head -3 "$work/stderr")"
    read -r wall user sys < "$work/time"
    times+=("$wall"); cpu+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')")
  done
  [ "$stages" = default ] && stages="default: $all_stages"
  printf '{"tool":"analyze","task":"%s","jobs":%s,"stages":"%s","times":%s,"cpu":%s}\n' "$task" "$jobs" "$stages" \
    "$(json_times "${times[@]}")" "$(json_times "${cpu[@]}")" >> "$results"
}

unavailable() {  # TASK STAGE: this build of analyze has no such stage
  echo "analyze $1: no '$2' stage in this build" >&2
  printf '{"tool":"analyze","task":"%s","missing":"%s"}\n' "$1" "$2" >> "$results"
}

for pair in sentences:segment entities:entities sentiment:stance; do
  task=${pair%%:*}; stage=${pair#*:}
  stages=$(stage_set "$stage")
  if [ -z "$stages" ]; then unavailable "$task" "$stage"; continue; fi
  for jobs in 1 2; do time_analyze "$task" "$stages" "$jobs"; done
done
for jobs in 1 2; do time_analyze all default "$jobs"; done

for pair in sbd:sentences compromise:sentences wink:sentences compromise:entities wink:entities wink:sentiment wink:all; do
  echo "$pair ..." >&2
  node "$peers/peers.js" "${pair%%:*}" "${pair#*:}" "$corpus" "$runs" >> "$results" || fail "node peers.js ${pair/:/ } failed"
done

# One small article, default stages, model loading included.
sample="$root/data/samples/election-runoff.txt"
echo "start-up: $sample ..." >&2
if command -v hyperfine > /dev/null; then
  hyperfine --style none --warmup 3 --runs "$startup_runs" --export-json "$work/startup.json" \
    "$(printf '%q %q' "$bin" "$sample")" > /dev/null
  startup=$(node -e 'const r = require(process.argv[1]).results[0]; console.log(JSON.stringify({method: "hyperfine", times: r.times}))' "$work/startup.json")
else
  times=()
  for ((r = 0; r < startup_runs; r++)); do
    start=$(date +%s%N); "$bin" "$sample" > /dev/null; end=$(date +%s%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.5f", (b - a) / 1e9 }')")
  done
  startup="{\"method\":\"a shell loop\",\"times\":$(json_times "${times[@]}")}"
fi
sample_words=$("$bin" --stages "$stats_stages" --format json "$sample" | node -e 'let s = ""; process.stdin.on("data", (d) => s += d).on("end", () => console.log(JSON.parse(s).stats.words))')
printf '{"tool":"startup","sample":"%s","bytes":%s,"words":%s,"result":%s}\n' "data/samples/$(basename "$sample")" \
  "$(wc -c < "$sample")" "$sample_words" "$startup" >> "$results"

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git -C "$root" status --porcelain 2>/dev/null)" ] || commit="$commit with uncommitted changes"
node "$peers/report.js" "$results" --articles "$articles" --words "$words" \
  --mb "$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])) / 1e6)' "$corpus")" \
  --source "$source" --runs "$runs" --load-start "$load_start" --load-end "$load_end" \
  --analyze-version "$("$bin" --version)" --commit "$commit"
