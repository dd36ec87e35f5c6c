#!/usr/bin/env bash
# `npm start`: install what is missing, build what serving the page needs (the
# wasm module, the page, the element and the API docs; no native targets: npm
# test and npm run bench build those) and serve it on localhost (prints the URL).
# PORT=9000 npm start picks the port.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh site
scripts/build.sh site
exec node scripts/serve.mjs --root dist --port "${PORT:-8080}"
