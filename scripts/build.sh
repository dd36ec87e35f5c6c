#!/usr/bin/env bash
# Builds everything from one CMakeLists.txt: the native engine, tests, CLI and
# benchmarks in build/native, the WebAssembly module in build/wasm, and copies
# the JavaScript API next to it in dist/.
#   scripts/build.sh            native + wasm
#   scripts/build.sh native     native only
#   scripts/build.sh wasm       wasm only
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
jobs="$(nproc)"

if [ "$what" = all ] || [ "$what" = native ]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release -DNNPLAY_BENCH=ON -DNNPLAY_SANITIZE=OFF >/dev/null
  cmake --build build/native -j "$jobs"
fi

if [ "$what" = all ] || [ "$what" = wasm ]; then
  # Debian's emscripten needs Debian's node modules (acorn) for its JS optimizer.
  export NODE_PATH=/usr/share/nodejs
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/wasm -j "$jobs"
  mkdir -p dist
  cp build/wasm/nnplay-core.mjs build/wasm/nnplay-core.wasm build/wasm/nnplay-core-single.mjs dist/
  cp wasm/js/*.js dist/
fi
