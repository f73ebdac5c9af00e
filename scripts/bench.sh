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
total=0
for f in dist/*.wasm dist/*.js dist/*.css dist/index.html; do
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  printf '%-48s %9s bytes raw %9s bytes gzip\n' "$(basename "$f")" "$(wc -c < "$f")" "$gz"
done
printf 'whole app, gzip: %s bytes (goal: <= 450 KB now, 230 KB later; see docs/wasm-size.md)\n' "$total"
echo "== speed"
(cd tests/e2e && E2E_PORT="$port" node static-server.js > /dev/null 2>&1 & echo $! > "/tmp/kehu-bench-server-$port.pid")
trap 'kill "$(cat "/tmp/kehu-bench-server-$port.pid")" 2>/dev/null || true' EXIT
sleep 1
(cd tests/e2e && BENCH_URL="http://127.0.0.1:$port/tools/crm/" node bench/bench.js "$customers")
