#!/usr/bin/env bash
# Prints the app's size and speed figures (never pass/fail): release wasm raw and gzip, and
# timings with a 5,000-customer portfolio in headless Chromium. BENCH_CUSTOMERS changes the size.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
[ -f dist/index.html ] || trunk build --release --offline
echo "== size"
total=0
for f in dist/*.wasm dist/*.js dist/*.css dist/index.html; do
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  printf '%-48s %9s bytes raw %9s bytes gzip\n' "$(basename "$f")" "$(wc -c < "$f")" "$gz"
done
printf 'whole app, gzip: %s bytes (goal < 235520)\n' "$total"
echo "== speed"
(cd tests/e2e && E2E_PORT=4373 node static-server.js > /dev/null 2>&1 & echo $! > /tmp/kehu-bench-server.pid)
trap 'kill "$(cat /tmp/kehu-bench-server.pid)" 2>/dev/null || true' EXIT
sleep 1
(cd tests/e2e && BENCH_URL=http://127.0.0.1:4373/tools/crm/ node bench/bench.js)
