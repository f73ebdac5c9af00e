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
for page in $PAGES; do
  up=$(echo "$page/" | sed 's|[^/]*/|../|g')
  mkdir -p "$dir/$page"
  sed "s|$base_re|<base href=\"$up\"|" "$dir/index.html" > "$dir/$page/index.html"
done
