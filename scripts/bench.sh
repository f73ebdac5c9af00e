#!/usr/bin/env bash
# Prints the app's size and speed figures (never pass/fail): the release build's files, and
# timings in headless Chromium, each beside its goal. `bash scripts/bench.sh 1000` (or
# BENCH_CUSTOMERS=1000) sets the portfolio's size (default 10,000); BENCH_PORT the server's port.
# BENCH_BIG_FILE sets the big backup's customers (default 30,000); BENCH_ONLY=big-file prints only its figures.
# BENCH_ONLY=sync prints only the sync figures (the test CouchDB server is started here);
# BENCH_SYNC=1000,10000 sets their portfolio sizes. BENCH_ONLY=first-paint prints only the
# returning visits (1,000 customers, and the size given). The static server gzips, as a host would.
set -euo pipefail
cd "$(dirname "$0")/.."
customers="${1:-${BENCH_CUSTOMERS:-10000}}"
port="${BENCH_PORT:-4373}"
bash scripts/setup.sh test
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
[ -f dist/index.html ] || trunk build --release --offline
echo "== size"
# What a first visit downloads before the app runs (the page, its style, the JS glue, the
# pages' loader and the main wasm), then what comes later: the pages' modules (fetched when a page is first opened)
# and the offline worker with the icons it caches. gzip -9, as a static host would serve them.
# (dist/<page>/index.html are copies of the page for addresses opened directly: not counted.)
gz() { gzip -9 -c "$1" | wc -c; }
first=0
for f in dist/index.html dist/*.css dist/kehu-weihu-*.js dist/split-*/*.js dist/*_bg.wasm; do
  size=$(gz "$f")
  first=$((first + size))
  printf '%-48s %9s bytes raw %9s bytes gzip\n' "$(basename "$f")" "$(wc -c < "$f")" "$size"
done
modules=0
on_demand=0
for f in dist/split-*/*.wasm; do
  on_demand=$((on_demand + $(gz "$f")))
  modules=$((modules + 1))
done
rest=0
for f in dist/sw.js dist/manifest.webmanifest dist/icon*; do rest=$((rest + $(gz "$f"))); done
printf 'first load, gzip: %s bytes (goal: <= 230 KB, 230000 bytes as scripts/test.sh counts, issue 26; docs/wasm-size.md)\n' "$first"
largest=$(for f in $(find dist -type f ! -path 'dist/*/index.html'); do printf '%s %s\n' "$(gz "$f")" "${f#dist/}"; done | sort -n | tail -1)
printf 'largest file of the app, gzip: %s bytes, %s (goal: every file <= 600 KB, the budget of scripts/test.sh: 600000 bytes)\n' ${largest}
printf 'pages loaded on demand (%s files), gzip: %s bytes\n' "$modules" "$on_demand"
printf 'offline worker, manifest and icons, gzip: %s bytes\n' "$rest"
printf 'every file of the app, gzip: %s bytes\n' "$((first + on_demand + rest))"
echo "== speed"
# `exec`, so the pid saved is the server's own and the trap below stops it.
(cd tests/e2e && exec env E2E_PORT="$port" E2E_GZIP=1 E2E_EXTRA=bench-floor.html=bench/floor.html node static-server.js > /dev/null 2>&1) &
echo $! > "/tmp/kehu-bench-server-$port.pid"
couch_port="${BENCH_COUCH_PORT:-5995}"
couch_log="/tmp/kehu-bench-couch-$port.log"
(cd tests/e2e && exec env COUCH_PORT="$couch_port" FAULT_PORT=off node couch/server.js > "$couch_log" 2>&1) &
echo $! > "/tmp/kehu-bench-couch-$port.pid"
trap 'kill "$(cat "/tmp/kehu-bench-server-$port.pid")" "$(cat "/tmp/kehu-bench-couch-$port.pid")" 2>/dev/null || true' EXIT
for _ in $(seq 300); do grep -q '^couch ready' "$couch_log" 2>/dev/null && break; sleep 0.1; done
(cd tests/e2e && BENCH_URL="http://127.0.0.1:$port/tools/crm/" BENCH_COUCH="http://127.0.0.1:$couch_port" node bench/bench.js "$customers")
