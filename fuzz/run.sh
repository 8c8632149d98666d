#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and fuzzes one target, or each in turn, for
# MINUTES each; prints executions, coverage and corpus size. The corpus grows outside the
# repository, so later runs go on from where earlier ones stopped.
#
#   fuzz/run.sh TARGET|all MINUTES
#   TARGET: fuzz_pipeline, fuzz_jsonl_reader, fuzz_html_reader, fuzz_model_loaders
#
# Environment: ANALYZE_FUZZ_BUILD (build directory, default build-fuzz in the repository),
# ANALYZE_FUZZ_CORPUS (corpora and crash files, default ~/.cache/analyze-fuzz),
# ANALYZE_FUZZ_SECONDS (overrides MINUTES; fuzz/smoke.sh uses it).
# Exit status 1 when a target crashed: the input is in $ANALYZE_FUZZ_CORPUS/artifacts/; fix the
# bug, then add the input to fuzz/regressions/TARGET/ (ctest replays it in every build).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
targets=(fuzz_pipeline fuzz_jsonl_reader fuzz_html_reader fuzz_model_loaders)

if [ $# -ne 2 ]; then
  echo "usage: $0 TARGET|all MINUTES   (targets: ${targets[*]})" >&2
  exit 2
fi
if [ "$1" != all ]; then
  [[ " ${targets[*]} " == *" $1 "* ]] || { echo "$0: unknown target '$1' (targets: ${targets[*]})" >&2; exit 2; }
  targets=("$1")
fi
seconds="${ANALYZE_FUZZ_SECONDS:-$(($2 * 60))}"
build="${ANALYZE_FUZZ_BUILD:-$repo/build-fuzz}"
corpora="${ANALYZE_FUZZ_CORPUS:-${XDG_CACHE_HOME:-$HOME/.cache}/analyze-fuzz}"

cmake -S "$repo" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DANALYZE_FUZZ=ON -DANALYZE_SANITIZE=address,undefined -DANALYZE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
mkdir -p "$corpora/artifacts"
status=0
for target in "${targets[@]}"; do
  corpus="$corpora/$target"
  if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus")" ]; then
    mkdir -p "$corpus"
    ANALYZE_FUZZ_SEEDS="$corpus" "$build/fuzz/$target"  # the target writes its seeds from data/
  fi
  log="$corpora/$target.log"
  echo "== $target: fuzzing for ${seconds}s (corpus $corpus, log $log)"
  # The regressions are a second, read-only corpus: every run starts by replaying them.
  if nice "$build/fuzz/$target" "$corpus" "$repo/fuzz/regressions/$target" -max_total_time="$seconds" \
      -max_len=8192 -timeout=20 -rss_limit_mb=2560 -print_final_stats=1 \
      -artifact_prefix="$corpora/artifacts/$target-" >"$log" 2>&1; then
    result=clean
  else
    result="CRASHED (input and report: $log, $corpora/artifacts/)"
    status=1
    tail -n 40 "$log" >&2
  fi
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  files=$(find "$corpus" -type f | wc -l)
  size=$(du -sk "$corpus" | cut -f1)
  echo "$target: $result; ${execs:-?} execs, ${rate:-?} exec/s, cov ${cov:-?}, ft ${ft:-?}, corpus $files files ($size KB)"
done
exit $status
