#!/usr/bin/env bash
# CI's fuzzing smoke test: every target for 60 s from fresh seeds (plus fuzz/regressions/), in a
# corpus directory that is thrown away afterwards.
set -euo pipefail
corpora="$(mktemp -d)"
trap 'rm -rf "$corpora"' EXIT
ANALYZE_FUZZ_CORPUS="$corpora" ANALYZE_FUZZ_SECONDS="${ANALYZE_FUZZ_SECONDS:-60}" "$(dirname "$0")/run.sh" all 1
