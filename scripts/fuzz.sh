#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang + ASan + UBSan in
# build/fuzz and runs each one for a bounded time. `npm test` runs 20 s per
# target; `npm run fuzz -- 30m` runs as long as asked.
#   scripts/fuzz.sh [DURATION] [TARGET...]    DURATION per target: 90, 90s, 30m, 2h (default 60 s;
#                                             0: build and replay the saved inputs only)
#                                             TARGET: csv, model_json, names (default all)
#   FUZZ_KEEP_GOING=1 scripts/fuzz.sh 1h      collect every crash instead of stopping at the first
#                                             (libFuzzer's fork mode; artifacts in build/fuzz/artifacts/)
# First each target replays its seed corpus and the crash regressions in
# tests/fuzz/regressions/<target>/; then it fuzzes from the seeds plus what
# earlier runs found (build/fuzz/corpus/<target>/). Exits non-zero on any crash,
# leak, sanitizer report or timeout, and names the input that caused it.
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${1:-60}"
shift || true
case "$duration" in
  *h) seconds=$(( ${duration%h} * 3600 )) ;;
  *m) seconds=$(( ${duration%m} * 60 )) ;;
  *s) seconds=${duration%s} ;;
  *) seconds=$duration ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz: duration must be like 90, 90s, 30m or 2h, got \"$duration\"" >&2; exit 2; }
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv model_json names)

CC=clang CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=Debug -DNNPLAY_FUZZ=ON \
  -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" >/dev/null
cmake --build build/fuzz -j "$(nproc)" -- --quiet

# Per target: the longest input worth trying (a model file with weights needs more).
declare -A max_len=([csv]=8192 [model_json]=16384 [names]=256)
# Halt on the first UBSan report too, with a stack; leaks are crashes.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1
status=0
for t in "${targets[@]}"; do
  [ -n "${max_len[$t]:-}" ] || { echo "fuzz: unknown target \"$t\"; expected csv, model_json or names" >&2; exit 2; }
  bin=build/fuzz/fuzz_$t
  work=build/fuzz/corpus/$t
  artifacts=build/fuzz/artifacts/$t
  mkdir -p "$work" "$artifacts"
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  common=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=512 -max_len="${max_len[$t]}" "${dict[@]}"
          -artifact_prefix="$artifacts/")

  echo "== fuzz $t: replaying tests/fuzz/corpus/$t and tests/fuzz/regressions/$t =="
  if ! "$bin" "${common[@]}" -runs=0 "tests/fuzz/corpus/$t" "tests/fuzz/regressions/$t" >"$artifacts/replay.log" 2>&1; then
    tail -40 "$artifacts/replay.log"
    echo "fuzz $t: a saved input crashes (log: $artifacts/replay.log)" >&2
    status=1
    continue
  fi

  [ "$seconds" -gt 0 ] || continue
  echo "== fuzz $t: ${seconds} s =="
  mode=()
  [ "${FUZZ_KEEP_GOING:-0}" = 1 ] && mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  log="$artifacts/fuzz.log"
  if "$bin" "${common[@]}" "${mode[@]}" -max_total_time="$seconds" -print_final_stats=1 \
       "$work" "tests/fuzz/corpus/$t" >"$log" 2>&1 && ! grep -q "^==.*ERROR\|deadly signal\|crash-\|timeout-\|oom-\|leak-" "$log"; then
    # The last progress line: runs, coverage, corpus (fork mode prints its own kind).
    grep -E "^#[0-9]+" "$log" | tail -1 || true
  else
    tail -60 "$log"
    echo "fuzz $t: found a crash; inputs:" >&2
    ls -1 "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/leak-* 2>/dev/null >&2 || true
    echo "fuzz $t: reproduce with $bin <input>; log: $log" >&2
    status=1
  fi
done
exit $status
