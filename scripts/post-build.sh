#!/usr/bin/env bash
# Trunk post-build hook: write a copy of index.html at <page>/index.html for every page, with
# its base pointing back at the app's root, so a deep link or a reload of any page is served
# by any static host (GitHub Pages, S3, nginx, a USB stick) without rewrite rules. Keep PAGES
# equal to src/ui/routes.rs `ENTRIES` (a native test checks).
set -euo pipefail
PAGES="today customers plan todos pipeline dashboard settings customers/new customers/review customer followup brief templates"
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
# The minifier may drop the quotes: <base href=./>.
base_re='<base href="\?\./"\?'
grep -q "$base_re" "$dir/index.html" || { echo "post-build: index.html lacks <base href=\"./\">" >&2; exit 1; }

# Split the pages opened later out of the first load (scripts/split-wasm.sh); in release
# builds also minify wasm-bindgen's JS (Trunk's minifier cannot parse it and leaves it as it
# is; terser takes it from 10.5 KB gzip to 8.2 KB). Then give index.html the new files'
# integrity hashes.
terser="${TRUNK_SOURCE_DIR:-.}/.tools/node_modules/.bin/terser"
# The sha384 of a file in base64, as Trunk writes it.
sri() {
  node -e 'const c = require("crypto"), fs = require("fs");
    process.stdout.write(c.createHash("sha384").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$1"
}
main_js=$(ls "$dir"/*.js)
main_wasm=$(ls "$dir"/*_bg.wasm)
old_js=$(sri "$main_js")
old_wasm=$(sri "$main_wasm")
for old in "$old_js" "$old_wasm"; do
  grep -q "sha384-$old" "$dir/index.html" || { echo "post-build: index.html lacks an integrity hash Trunk wrote" >&2; exit 1; }
done
bash "${TRUNK_SOURCE_DIR:-.}/scripts/split-wasm.sh" "$dir"
if [ "${TRUNK_PROFILE:-}" = release ]; then
  if [ -x "$terser" ]; then
    for js in "$main_js" "$dir"/split-*/*.js; do
      "$terser" "$js" --module --compress --mangle --output "$js.min"
      mv "$js.min" "$js"
    done
  else
    echo "post-build: $terser is missing (scripts/setup.sh installs it); JS left unminified" >&2
  fi
fi
# The imports' hashed names, ~8 KB of the first load's gzip, made short (after terser: it
# leaves property names as they are).
node "${TRUNK_SOURCE_DIR:-.}/scripts/short-imports.js" "$main_wasm" "$main_js"
sed -i -e "s|sha384-$old_js|sha384-$(sri "$main_js")|" -e "s|sha384-$old_wasm|sha384-$(sri "$main_wasm")|" "$dir/index.html"

# The page's Content-Security-Policy, with the hashes of its inline scripts as they now are.
node "${TRUNK_SOURCE_DIR:-.}/scripts/csp.js" "$dir/index.html"

for page in $PAGES; do
  up=$(echo "$page/" | sed 's|[^/]*/|../|g')
  mkdir -p "$dir/$page"
  sed "s|$base_re|<base href=\"$up\"|" "$dir/index.html" > "$dir/$page/index.html"
done

# Release builds work offline: the worker lists every file written above, with a version hashed
# from all of them (dev builds have no worker, so `trunk serve` always shows fresh code).
if [ "${TRUNK_PROFILE:-}" = release ]; then
  node "${TRUNK_SOURCE_DIR:-.}/scripts/offline.js" "$dir"
fi
