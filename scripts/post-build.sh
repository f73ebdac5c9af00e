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

# Release builds: minify wasm-bindgen's JS (Trunk's minifier cannot parse it and leaves it
# as it is; this takes 10.5 KB gzip to 8.2 KB), then give index.html the new file's
# integrity hash. Without terser (scripts/setup.sh installs it) the JS stays as it was.
terser="${TRUNK_SOURCE_DIR:-.}/.tools/node_modules/.bin/terser"
# The sha384 of a file in base64, as Trunk writes it (node is there whenever terser is).
sri() {
  node -e 'const c = require("crypto"), fs = require("fs");
    process.stdout.write(c.createHash("sha384").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$1"
}
if [ "${TRUNK_PROFILE:-}" = release ]; then
  if [ -x "$terser" ]; then
    for js in "$dir"/*.js; do
      old=$(sri "$js")
      grep -q "sha384-$old" "$dir/index.html" || { echo "post-build: no integrity for $js" >&2; exit 1; }
      "$terser" "$js" --module --compress --mangle --output "$js.min"
      mv "$js.min" "$js"
      sed -i "s|sha384-$old|sha384-$(sri "$js")|" "$dir/index.html"
    done
  else
    echo "post-build: $terser is missing (scripts/setup.sh installs it); JS left unminified" >&2
  fi
fi

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
