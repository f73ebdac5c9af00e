#!/usr/bin/env bash
# Prints the app's size and speed figures (never pass/fail): release wasm raw and gzip, and
# timings in headless Chromium, each beside its goal. `bash scripts/bench.sh 1000` (or
# BENCH_CUSTOMERS=1000) sets the portfolio's size (default 10,000); BENCH_PORT the server's port.
set -euo pipefail
cd "$(dirname "$0")/.."
customers="${1:-${BENCH_CUSTOMERS:-10000}}"
port="${BENCH_PORT:-4373}"
bash scripts/setup.sh test
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
[ -f dist/index.html ] || trunk build --release --offline
echo "== size"
# What a first visit downloads before the app runs (the page, its style, the JS glue and the
# main wasm), then what comes later: the pages' modules (fetched when a page is first opened,
# or when the app is idle) and the offline worker. gzip -9, as a static host would serve them.
gz() { gzip -9 -c "$1" | wc -c; }
first=0
for f in dist/index.html dist/*.css dist/kehu-weihu-*.js dist/*_bg.wasm; do
  size=$(gz "$f")
  first=$((first + size))
  printf '%-48s %9s bytes raw %9s bytes gzip\n' "$(basename "$f")" "$(wc -c < "$f")" "$size"
done
later=0
modules=0
for f in dist/split-*/* dist/sw.js; do
  later=$((later + $(gz "$f")))
  modules=$((modules + 1))
done
printf 'first load, gzip: %s bytes (goal <= 460800 now, 235520 later)\n' "$first"
printf 'pages loaded on demand and the offline worker (%s files), gzip: %s bytes\n' "$modules" "$later"
printf 'every file of the app, gzip: %s bytes\n' "$((first + later))"
echo "== speed"
(cd tests/e2e && E2E_PORT="$port" node static-server.js > /dev/null 2>&1 & echo $! > "/tmp/kehu-bench-server-$port.pid")
trap 'kill "$(cat "/tmp/kehu-bench-server-$port.pid")" 2>/dev/null || true' EXIT
sleep 1
(cd tests/e2e && BENCH_URL="http://127.0.0.1:$port/tools/crm/" node bench/bench.js "$customers")
