// Gives the main wasm's JS imports short names (post-build.sh, after split-wasm.sh).
//
// wasm-bindgen names each import `__wbg_<name>_<16 hex digits>` and puts all ~300 of them
// under the module "./<app>-<hash>_bg.js", in the wasm's import section and again as the keys
// of the JS glue's imports object. The hex digits do not compress: they were ~5 KB of the
// first load's gzip (docs/wasm-size.md). Both sides are renamed together, `$0`, `$1`, … and
// the module `w`; every old name must occur in the JS exactly once, as a key, or nothing is
// changed and the build fails.
'use strict';
const fs = require('fs');

const [wasmPath, jsPath] = process.argv.slice(2);
if (!wasmPath || !jsPath) {
  console.error('usage: short-imports.js MAIN_BG_WASM MAIN_JS');
  process.exit(2);
}
const fail = (why) => {
  console.error(`short-imports: ${why}`);
  process.exit(1);
};

function readU32(buf, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

const name = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([u32(bytes.length), bytes]);
};

const wasm = fs.readFileSync(wasmPath);
let js = fs.readFileSync(jsPath, 'utf8');
if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a wasm module`);

// Find the import section.
let at = 8;
let section = null;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, body] = readU32(wasm, at + 1);
  if (id === 2) section = { start: at, body, end: body + size };
  at = body + size;
}
if (!section) fail('no import section');

// Read every import, keeping each one's descriptor bytes as they are.
let p = section.body;
let count;
[count, p] = readU32(wasm, p);
const imports = [];
for (let i = 0; i < count; i++) {
  let len;
  [len, p] = readU32(wasm, p);
  const module = wasm.toString('utf8', p, p + len);
  p += len;
  [len, p] = readU32(wasm, p);
  const field = wasm.toString('utf8', p, p + len);
  p += len;
  const descStart = p;
  const kind = wasm[p++];
  if (kind === 0) {
    [, p] = readU32(wasm, p); // function: type index
  } else if (kind === 1) {
    p++; // table: element type, then limits
    const flags = wasm[p++];
    [, p] = readU32(wasm, p);
    if (flags & 1) [, p] = readU32(wasm, p);
  } else if (kind === 2) {
    const flags = wasm[p++]; // memory: limits
    [, p] = readU32(wasm, p);
    if (flags & 1) [, p] = readU32(wasm, p);
  } else if (kind === 3) {
    p += 2; // global: value type, mutability
  } else {
    fail(`import ${field}: unknown kind ${kind}`);
  }
  imports.push({ module, field, desc: wasm.subarray(descStart, p) });
}
if (p !== section.end) fail('the import section did not parse to its end');

const glueModule = imports.map((i) => i.module).find((m) => /^\.\/.+_bg\.js$/.test(m));
if (!glueModule) fail('no import from the JS glue ("./…_bg.js")');
// Quoted either way (terser writes double quotes; wasm-bindgen's own output may not).
const moduleKeys = [JSON.stringify(glueModule), `'${glueModule}'`].filter((k) => js.includes(k));
if (moduleKeys.length !== 1 || js.split(moduleKeys[0]).length !== 2) fail(`"${glueModule}" is not once in ${jsPath}`);
js = js.replace(moduleKeys[0], '"w"');

let n = 0;
const parts = [u32(count)];
for (const imp of imports) {
  let { module, field } = imp;
  if (module === glueModule) {
    const short = `$${(n++).toString(36)}`;
    // The key as the JS writes it: `name:` (a plain identifier key), once.
    const re = new RegExp(`(?<![\\w$])${field.replace(/\$/g, '\\$')}(?=:)`, 'g');
    const found = js.match(re) || [];
    if (found.length !== 1) fail(`import ${field} is ${found.length} times in ${jsPath}, not once`);
    js = js.replace(re, short);
    module = 'w';
    field = short;
  }
  parts.push(name(module), name(field), imp.desc);
}
const body = Buffer.concat(parts);
const out = Buffer.concat([
  wasm.subarray(0, section.start),
  Buffer.from([2]),
  u32(body.length),
  body,
  wasm.subarray(section.end),
]);
fs.writeFileSync(wasmPath, out);
fs.writeFileSync(jsPath, js);
console.log(`short-imports: ${n} imports renamed (${wasm.length - out.length} bytes fewer in the wasm)`);
