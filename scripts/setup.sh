#!/usr/bin/env bash
# Installs what the build and tests need, only what is missing: Debian packages
# with apt, then the npm dependencies. Safe to run again and again; says what it
# installs, why, and about how long that takes.
#   scripts/setup.sh          everything: npm test, npm run bench
#   scripts/setup.sh site     only what building and serving the page needs (npm start)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"

# Debian packages and why nnplay needs each.
declare -A why=(
  [cmake]="the build (CMakeLists.txt)"
  [make]="the build (CMake's generator)"
  [g++]="the native engine, its tests and benchmarks"
  [libeigen3-dev]="the engine's linear algebra (Eigen, headers)"
  [nlohmann-json3-dev]="saving and loading models (JSON, headers)"
  [emscripten]="compiling the engine to WebAssembly (the page runs it)"
  [libgtest-dev]="the native tests (GoogleTest)"
  [libbenchmark-dev]="the native benchmarks (Google Benchmark)"
  [chromium]="the browser tests (headless)"
  [python3-numpy]="a test runs the page's NumPy code view"
  [fonts-wqy-microhei]="Chinese text in browser screenshots"
  [clang]="the fuzz targets (libFuzzer needs clang)"
  [libclang-rt-14-dev]="libFuzzer and its sanitizer runtimes"
)
site_packages=(cmake make libeigen3-dev nlohmann-json3-dev emscripten)
all_packages=(cmake g++ make libeigen3-dev nlohmann-json3-dev libgtest-dev libbenchmark-dev emscripten chromium python3-numpy fonts-wqy-microhei clang libclang-rt-14-dev)
case "$what" in
  site) apt_packages=("${site_packages[@]}") ;;
  all) apt_packages=("${all_packages[@]}") ;;
  *) echo "setup: unknown argument '$what'; expected 'site' or nothing" >&2; exit 2 ;;
esac

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing with apt (with their dependencies):"
  for p in "${missing[@]}"; do echo "  $p${why[$p]:+: ${why[$p]}}"; done
  # Figure from shared/TOOLCHAIN.md (emscripten, libeigen3-dev and chromium in
  # about 40 s on this project's Debian VMs); emscripten brings clang and LLVM.
  echo "setup: this usually takes under a minute or two (emscripten is the largest, ~40 s with chromium and Eigen)"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm dependencies: install when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package.json -nt node_modules/.package-lock.json ] || \
   { [ -f package-lock.json ] && [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  echo "setup: installing the npm dev dependencies (esbuild bundles the page; TypeDoc and TypeScript" \
       "build and check the API docs; playwright-core drives Chromium; TensorFlow.js is the tests' reference)" \
       "— usually 20-40 s"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
fi
