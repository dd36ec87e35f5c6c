#!/usr/bin/env bash
# `npm start`: install what is missing, build the wasm module and the page, and
# serve it on localhost (prints the URL). PORT=9000 npm start picks the port.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec node scripts/serve.mjs --root dist --port "${PORT:-8080}"
