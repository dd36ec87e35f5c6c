#!/usr/bin/env bash
# `npm pack` and `npm publish` run this first (package.json "prepack"): builds
# what the package holds when missing or out of date (the wasm module, the
# element bundles, the docs; incremental, so a built checkout takes seconds),
# then copies the page into playground/, the package's `nnplay/playground/`
# (a course can serve that folder from node_modules). npm prints the tarball's
# size after packing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh site
scripts/build.sh site >/dev/null
rm -rf playground
mkdir -p playground
cp dist/index.html dist/app.js dist/worker.js dist/style.css dist/favicon.svg dist/nnplay-core.wasm playground/
cp -r dist/docs playground/docs
