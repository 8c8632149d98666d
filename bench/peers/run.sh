#!/usr/bin/env bash
# Peer benchmark: analyze against JavaScript NLP libraries (sbd, compromise, wink-nlp) on the same
# news corpus, in one run: sentence splitting, entities, sentiment and the whole pipeline, plus the
# wall time of `analyze` on one small article (start-up and model loading included).
#
#   bench/peers/run.sh [--bin build/analyze] [--shared ../shared/data] [--runs 5] [--startup-runs 30]
#                      [--corpus FILE.jsonl]   (another corpus instead of make-corpus.py's)
#
# Needs Node.js (>= 18) and npm, python3, ../shared/data (make-corpus.py assembles the corpus from
# it into a temporary folder, deleted afterwards: its texts may not be redistributed), and
# hyperfine for the start-up figure (else a shell loop times it). The npm packages are installed
# with `npm ci` from package-lock.json (pinned versions, integrity-checked) into bench/peers/node_modules.
#
# Fairness: every tool reads the same texts (the corpus JSONL), and every tool's time is divided by
# the same number: the corpus's words as analyze's stats stage counts them (word and number tokens,
# punctuation not counted; run without the boilerplate stage, so every paragraph counts). analyze is
# timed as a real process over the corpus JSONL (start-up, model loading, reading and JSON output
# to /dev/null included), with the smallest stage list that does the task (from --list-stages) and
# with no --stages for the whole default pipeline, each with --jobs 1 and --jobs 2. The peers are
# timed in-process over texts already in memory, after a warm-up (see peers.js): that favours them.
# The runs are interleaved: each round runs every configuration once (in an order rotated by one
# each round), so drifting background load hits every tool alike; the report gives medians.
# Progress goes to stderr, the report (markdown) to stdout.
set -euo pipefail
peers=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$peers/../.." && pwd)
bin="$root/build/analyze"; shared="$root/../shared/data"; runs=5; startup_runs=30; own_corpus=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$(realpath "$2"); shift 2 ;;
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
[ "$runs" -ge 1 ] && [ "$startup_runs" -ge 1 ] || fail "--runs and --startup-runs must be >= 1"

# The pinned packages: (re)installed unless node_modules holds exactly the versions package.json pins.
pinned_ok() {
  (cd "$peers" && node -e '
    const deps = require("./package.json").dependencies;
    for (const [name, want] of Object.entries(deps)) {
      let have; try { have = require(`./node_modules/${name}/package.json`).version; } catch { process.exit(1); }
      if (have !== want) process.exit(1);
    }' 2> /dev/null)
}
if ! pinned_ok; then
  echo "installing the pinned npm packages (npm ci) ..." >&2
  (cd "$peers" && npm ci --no-audit --no-fund >&2) || fail "npm ci failed in $peers"
  pinned_ok || fail "node_modules does not hold the versions package.json pins after npm ci"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/analyze-peers-XXXXXX")
trap 'rm -rf "$work"' EXIT
corpus="$work/corpus.jsonl"; results="$work/results.jsonl"
if [ -n "$own_corpus" ]; then
  corpus=$own_corpus; source="$own_corpus"
else
  python3 "$peers/make-corpus.py" --shared "$shared" "$corpus"
  source=$(python3 "$peers/make-corpus.py" --describe)
fi
load_start=$(cut -d' ' -f1-3 /proc/loadavg); started=$(date -u '+%Y-%m-%d %H:%M')
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git -C "$root" status --porcelain 2>/dev/null)" ] || commit="$commit with uncommitted changes"
built=$(date -u -r "$bin" '+%Y-%m-%d %H:%M')

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

# Corpus articles, bytes of text and words as analyze's stats stage counts them (the boilerplate
# stage is not in the list, so no paragraph is left out); an article that fails stops the run.
read -r articles words < <("$bin" --stages "$stats_stages" --jobs 2 --no-progress --format jsonl "$corpus" |
  node -e '
    let articles = 0, words = 0;
    require("readline").createInterface({ input: process.stdin })
      .on("line", (l) => { const r = JSON.parse(l); if (r.error) { console.error(r.id, r.error); process.exit(1); } articles++; words += r.stats.words; })
      .on("close", () => console.log(articles, words));')
[ "${words:-0}" -gt 0 ] || fail "could not count the corpus words with $bin"
mb=$(node -e 'let b = 0; for (const l of require("fs").readFileSync(process.argv[1], "utf8").split("\n")) if (l) b += Buffer.byteLength(JSON.parse(l).text); console.log((b / 1e6).toFixed(2))' "$corpus")
echo "corpus: $articles articles, $mb MB of text, $words words" >&2

# analyze's configurations: TASK|STAGES|JOBS (STAGES "default": no --stages).
analyze_configs=()
for pair in sentences:segment entities:entities sentiment:stance; do
  task=${pair%%:*}; stage=${pair#*:}
  stages=$(stage_set "$stage")
  if [ -z "$stages" ]; then
    echo "analyze $task: no '$stage' stage in this build" >&2
    printf '{"tool":"analyze","task":"%s","missing":"%s"}\n' "$task" "$stage" >> "$results"
    continue
  fi
  for jobs in 1 2; do analyze_configs+=("$task|$stages|$jobs"); done
done
for jobs in 1 2; do analyze_configs+=("all|default|$jobs"); done
peer_configs=(sbd:sentences compromise:sentences wink:sentences compromise:entities wink:entities wink:sentiment wink:all)
configs=()
for c in "${analyze_configs[@]}"; do configs+=("analyze|$c"); done
for c in "${peer_configs[@]}"; do configs+=("peer|$c"); done

# What analyze produced (not timed; one pass with the sentiment task's stages, or the largest task
# this build has): sentences, entity mentions, and sentiment scores (one per article with a tone,
# one per sentence with a polarity), for the report's "items" column.
count_stages=$(stage_set stance); [ -n "$count_stages" ] || count_stages=$(stage_set entities); [ -n "$count_stages" ] || count_stages=$(stage_set segment)
"$bin" --stages "$count_stages" --jobs 2 --no-progress --format jsonl "$corpus" | node -e '
  let sentences = 0, mentions = 0, scores = 0;
  require("readline").createInterface({ input: process.stdin })
    .on("line", (l) => {
      const r = JSON.parse(l);
      sentences += (r.sentences || []).length;
      for (const e of r.entities || []) mentions += e.mentions.length;
      if (r.stance && r.stance.tone) scores++;
      for (const s of r.sentences || []) if (s.sentiment) scores++;
    })
    .on("close", () => console.log(JSON.stringify({ tool: "analyze-items", stages: process.argv[1], sentences, mentions, scores })));' \
  "$count_stages" >> "$results"

# One timed run of analyze: one process over the whole corpus; wall time and CPU time (user +
# system, all threads).
run_analyze() {  # ROUND TASK STAGES JOBS
  local round=$1 task=$2 stages=$3 jobs=$4 wall user sys TIMEFORMAT='%3R %3U %3S'
  local args=(--jobs "$jobs" --no-progress --format jsonl)
  [ "$stages" = default ] || args+=(--stages "$stages")
  { time "$bin" "${args[@]}" "$corpus" > /dev/null 2> "$work/stderr"; } 2> "$work/time" ||
    fail "analyze ${args[*]} $corpus failed: $(head -3 "$work/stderr")"
  read -r wall user sys < "$work/time"
  [ "$stages" = default ] && stages="default: $all_stages"
  printf '{"tool":"analyze","task":"%s","jobs":%s,"stages":"%s","round":%s,"wall":%s,"cpu":%s}\n' "$task" "$jobs" "$stages" \
    "$round" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')" >> "$results"
}

run_peer() {  # ROUND TOOL TASK
  local line
  line=$(node "$peers/peers.js" "$2" "$3" "$corpus") || fail "node peers.js $2 $3 failed"
  echo "${line%\}},\"round\":$1}" >> "$results"
}

n=${#configs[@]}
for ((r = 0; r < runs; r++)); do
  for ((i = 0; i < n; i++)); do
    IFS='|' read -r kind a b c <<< "${configs[(i + r) % n]}"
    echo "round $((r + 1))/$runs: $kind $a $b $c" >&2
    if [ "$kind" = analyze ]; then run_analyze "$r" "$a" "$b" "$c"; else run_peer "$r" "${a%%:*}" "${a#*:}"; fi
  done
done

# One small article, default stages, model loading included.
sample="$root/data/samples/election-runoff.txt"
echo "start-up: $sample ..." >&2
if command -v hyperfine > /dev/null; then
  hyperfine --shell=none --style none --warmup 3 --runs "$startup_runs" --export-json "$work/startup.json" \
    --output null "$(printf '%q %q' "$bin" "$sample")" > /dev/null
  startup=$(node -e 'const r = require(process.argv[1]).results[0]; console.log(JSON.stringify({method: "hyperfine --shell=none, 3 warm-up runs", times: r.times, cpu_mean: r.user + r.system}))' "$work/startup.json")
else
  times=()
  for ((r = 0; r < 3; r++)); do "$bin" "$sample" > /dev/null; done
  for ((r = 0; r < startup_runs; r++)); do
    start=${EPOCHREALTIME/,/.}; "$bin" "$sample" > /dev/null; end=${EPOCHREALTIME/,/.}  # no `date` process timed too
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.5f", b - a }')")
  done
  startup="{\"method\":\"a shell loop (bash EPOCHREALTIME), 3 warm-up runs\",\"times\":[$(IFS=,; echo "${times[*]}")]}"
fi
sample_words=$("$bin" --stages "$stats_stages" --format json "$sample" | node -e 'let s = ""; process.stdin.on("data", (d) => s += d).on("end", () => console.log(JSON.parse(s).stats.words))')
printf '{"tool":"startup","sample":"%s","bytes":%s,"words":%s,"result":%s}\n' "data/samples/$(basename "$sample")" \
  "$(wc -c < "$sample")" "$sample_words" "$startup" >> "$results"

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
node "$peers/report.js" "$results" --articles "$articles" --words "$words" --mb "$mb" \
  --source "$source" --runs "$runs" --load-start "$load_start" --load-end "$load_end" \
  --analyze-version "$("$bin" --version)" --commit "$commit" --built "$built" --started "$started"
