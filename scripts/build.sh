#!/usr/bin/env bash
# Builds everything from one CMakeLists.txt: the native engine, tests, CLI and
# benchmarks in build/native, the WebAssembly module in build/wasm, and copies
# the JavaScript API next to it in dist/.
#   scripts/build.sh            native + wasm + web (npm test, npm run bench)
#   scripts/build.sh site       wasm + web: what serving the page needs (npm start, npm pack)
#   scripts/build.sh native     native only
#   scripts/build.sh wasm       wasm only
#   scripts/build.sh web        the page, the <nn-playground> element and the API docs (needs the wasm files in dist/)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
jobs="$(nproc)"

if [ "$what" = all ] || [ "$what" = native ]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release -DNNPLAY_BENCH=ON -DNNPLAY_SANITIZE=OFF >/dev/null
  cmake --build build/native -j "$jobs"
fi

if [ "$what" = all ] || [ "$what" = site ] || [ "$what" = wasm ]; then
  # Debian's emscripten needs Debian's node modules (acorn) for its JS optimizer.
  export NODE_PATH=/usr/share/nodejs
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/wasm -j "$jobs"
  mkdir -p dist
  cp build/wasm/nnplay-core.mjs build/wasm/nnplay-core.wasm build/wasm/nnplay-core-single.mjs dist/
  cp wasm/js/*.js dist/
  cp -p wasm/js/index.d.ts dist/  # -p: the docs step below rebuilds only when it changed
fi

if [ "$what" = all ] || [ "$what" = site ] || [ "$what" = web ]; then
  # The page: web/ bundled by esbuild into dist/ next to the wasm module:
  # app.js (the page) and worker.js (a module worker). The worker bundles the JS
  # API and its Emscripten glue ('nnplay' = this package's dist/nnplay.js), so
  # it fetches nothing but nnplay-core.wasm, which the glue finds next to it.
  [ -x node_modules/.bin/esbuild ] || { echo "build: esbuild is missing; run scripts/setup.sh" >&2; exit 1; }
  [ -x node_modules/.bin/typedoc ] || { echo "build: typedoc is missing; run scripts/setup.sh" >&2; exit 1; }
  [ -f dist/nnplay.js ] || { echo "build: dist/nnplay.js is missing; run scripts/build.sh wasm first" >&2; exit 1; }
  # The engine's tables (datasets, features, activations, ...) as a module the
  # page bundles: web/src/generated/engineTables.js (a build output).
  node scripts/gen-tables.mjs
  node_modules/.bin/esbuild app=web/src/main.js worker=web/src/worker.js \
    --bundle --format=esm --minify --sourcemap --target=es2020 \
    --outdir=dist --log-level=warning
  # The <nn-playground> element: one script that is also its own worker, with
  # the page's CSS inside (adopted by each shadow root). nn-playground.js
  # fetches nnplay-core.wasm from beside it; nn-playground-single.js embeds it.
  node_modules/.bin/esbuild nn-playground=web/src/embed.js nn-playground-single=web/src/embed-single.js \
    --bundle --format=esm --minify --sourcemap --target=es2020 --loader:.css=text --loader:.wasm=binary \
    --outdir=dist --log-level=warning
  # The package's element entry for bundlers and the element's types (see package.json exports).
  cp web/element-bundled.js dist/
  cp -p web/element.d.ts dist/
  cp web/index.html web/style.css web/favicon.svg dist/
  mkdir -p dist/examples
  cp web/examples/*.html web/examples/*.css web/examples/*.js dist/examples/
  # The API reference and the guides (TypeDoc: the declarations' doc comments and
  # web/docs/*.md) into dist/docs/, linked from the page's footer. ~10-20 s, so
  # only when an input is newer than the last output.
  docs_inputs=(dist/index.d.ts dist/element.d.ts web/docs package.json)
  if [ ! -f dist/docs/index.html ] || [ -n "$(find "${docs_inputs[@]}" -newer dist/docs/index.html -print -quit)" ]; then
    node_modules/.bin/typedoc --options web/docs/typedoc.json
  fi
fi
