#!/usr/bin/env bash
# Every Trunk build: the first load carries the shell and Today only; every other page (the
# split points in src/ui/on_demand.rs) is split into modules fetched when it is first opened
# (not on a first visit; once the offline worker has them, on_demand.rs compiles them when the
# browser is idle). Trunk has no step between cargo and wasm-bindgen, so
# this re-does its last two steps on cargo's output (linked with --emit-relocs, see
# .cargo/config.toml): wasm-split-cli, wasm-bindgen (keeping the exports the modules share),
# wasm-opt on every module. The main module and its JS keep Trunk's names; the split modules
# live in split-<build>/, so a cache never mixes two releases. Debug builds are split too (an
# unsplit build cannot load a lazy page: its loader import is a placeholder) but not optimised.
# Usage (from scripts/post-build.sh): split-wasm.sh STAGING_DIR
set -euo pipefail
dir="${1:?usage: split-wasm.sh STAGING_DIR}"
root="${TRUNK_SOURCE_DIR:-.}"
profile="${TRUNK_PROFILE:-release}"
# Cargo's output, wherever CARGO_TARGET_DIR puts it (relative to the project, as cargo reads it).
target_dir="${CARGO_TARGET_DIR:-target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
linked="$target_dir/wasm32-unknown-unknown/$profile/kehu-weihu.wasm"
[ -f "$linked" ] || { echo "split-wasm: cargo's output $linked is missing" >&2; exit 1; }
wasm_opt="$root/.tools/node_modules/.bin/wasm-opt"
# Same settings as measured in docs/wasm-size.md.
opt_args=(-Oz --low-memory-unused --converge)

for tool in wasm-split-cli wasm-bindgen "$wasm_opt"; do
  command -v "$tool" >/dev/null || { echo "split-wasm: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done
main_wasm=$(ls "$dir"/*_bg.wasm)
name=$(basename "$main_wasm" _bg.wasm)   # kehu-weihu-<hash>, as Trunk named it
split_dir="split-${name##*-}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

wasm-split-cli "$linked" "$work/split" --out-name "$name" --target web
wasm-bindgen --target web --keep-lld-exports --no-typescript --out-dir "$work/bg" --out-name "$name" "$work/split/$name.wasm"
rm "$work/split/$name.wasm"

# A failed load is shown on the page with a retry (src/ui/on_demand.rs); one cut short by leaving
# or reloading the page is no error at all. The loader's own report is a warning, not an error.
grep -q 'console\.error(e)' "$work/split/__wasm_split.js" || { echo "split-wasm: the loader's report of a failed load has changed" >&2; exit 1; }
sed -i 's|console\.error(e)|console.warn(e)|' "$work/split/__wasm_split.js"

# The loader sits in split-<build>/ with its modules: it imports the main JS from one level up,
# and the main JS imports it from there.
sed -i "s|from \"\./$name\.js\"|from \"../$name.js\"|" "$work/split/__wasm_split.js"
grep -q "from \"\.\./$name\.js\"" "$work/split/__wasm_split.js" || { echo "split-wasm: loader does not import ./$name.js" >&2; exit 1; }
# (Only the import statements: the wasm's own import name stays "./__wasm_split.js".)
sed -i "s|from \"\./__wasm_split\.js\"|from \"./$split_dir/__wasm_split.js\"|g" "$work/bg/$name.js"
grep -q "$split_dir/__wasm_split.js" "$work/bg/$name.js" || { echo "split-wasm: main JS does not import the loader" >&2; exit 1; }

mkdir -p "$dir/$split_dir"
cp "$work/bg/$name.js" "$dir/$name.js"
cp "$work/split/__wasm_split.js" "$dir/$split_dir/"
if [ "$profile" != release ]; then
  cp "$work/bg/${name}_bg.wasm" "$main_wasm"
  cp "$work/split"/*.wasm "$dir/$split_dir/"
else
  "$wasm_opt" "${opt_args[@]}" "$work/bg/${name}_bg.wasm" -o "$main_wasm" &
  main_opt=$!
  # The split modules are small: two at a time beside the main one, with the same settings
  # (--converge takes 1.2 KB gzip more off them).
  ls "$work/split"/*.wasm | xargs -P 2 -I{} sh -c '"$0" -Oz --low-memory-unused --converge "$1" -o "$2/$(basename "$1")"' "$wasm_opt" {} "$dir/$split_dir"
  wait "$main_opt"
fi
echo "split-wasm: $(ls "$dir/$split_dir"/*.wasm | wc -l) modules loaded on demand in $split_dir/"
