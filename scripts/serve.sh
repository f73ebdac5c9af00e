#!/usr/bin/env bash
# Installs what is missing, builds the release app and serves it at http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh build
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
echo "Serving 客户维护 at http://127.0.0.1:8080 (Ctrl+C stops)"
exec trunk serve --release --offline
