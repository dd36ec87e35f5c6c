#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: set-up, build, native ctest (plain
# and under ASan+UBSan, both replaying the fuzz targets' saved inputs), a short
# run of each libFuzzer target, the JS tests of the wasm module, the browser tests,
# the npm package as users get it (pack, install, use from Node, TypeScript, a
# bundler), and a 2-minute soak of the page and a lesson.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh

echo "== native tests (ctest) =="
ctest --test-dir build/native --output-on-failure -j "$(nproc)"

echo "== native tests under AddressSanitizer + UndefinedBehaviorSanitizer =="
cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=Debug -DNNPLAY_SANITIZE=ON -DNNPLAY_BENCH=OFF >/dev/null
cmake --build build/sanitize -j "$(nproc)"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/sanitize --output-on-failure -j "$(nproc)"

echo "== fuzzing: libFuzzer + ASan/UBSan, ${NNPLAY_FUZZ_SECONDS:-20} s per target (longer: npm run fuzz -- 30m) =="
scripts/fuzz.sh "${NNPLAY_FUZZ_SECONDS:-20}"

if [ -d tests/js ]; then
  echo "== JS tests of the wasm module (node --test) =="
  node --test tests/js/
fi

echo "== browser tests of the page (node --test tests/browser/; headless Debian chromium) =="
node --test tests/browser/

echo "== the npm package: pack, install into a temporary folder, use (node --test tests/package/) =="
node --test tests/package/

echo "== soak: the page and a four-playground lesson for 2 minutes, memory and DOM flat (npm run soak: 60 minutes) =="
node scripts/soak.mjs --minutes 2 --every 15
