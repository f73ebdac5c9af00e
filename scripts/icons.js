// Draws the app's icons from one geometry: pwa/icon.svg (rounded corners) and full-bleed PNGs
// at 192 and 512 px (the mark inside the central 80%, so they also serve as maskable icons).
// Run once after changing the mark: `node scripts/icons.js`. No dependencies.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const out = path.join(__dirname, '..', 'pwa');
const BG = [0x0f, 0x6e, 0x6a];
// The mark, on a 512 grid: a ring open at the top right, ending in an arrow (kept up, renewed),
// around a dot (the customer).
const C = 256, R = 120, W = 40, DOT = 34;
const FROM = 10, TO = 310; // degrees, clockwise from 3 o'clock
const rad = (d) => (d * Math.PI) / 180;
const at = (d, r = R) => [C + r * Math.cos(rad(d)), C + r * Math.sin(rad(d))];
const end = at(TO);
const tangent = [-Math.sin(rad(TO)), Math.cos(rad(TO))];
const radial = [Math.cos(rad(TO)), Math.sin(rad(TO))];
const tri = [
  [end[0] + 52 * tangent[0], end[1] + 52 * tangent[1]],
  [end[0] + 46 * radial[0], end[1] + 46 * radial[1]],
  [end[0] - 46 * radial[0], end[1] - 46 * radial[1]],
];
const f = (n) => Math.round(n * 10) / 10;

function inMark(x, y) {
  const dx = x - C, dy = y - C;
  const d = Math.hypot(dx, dy);
  if (d <= DOT) return true;
  let a = (Math.atan2(dy, dx) * 180) / Math.PI;
  if (a < 0) a += 360;
  if (Math.abs(d - R) <= W / 2 && a >= FROM && a <= TO) return true;
  const start = at(FROM);
  if (Math.hypot(x - start[0], y - start[1]) <= W / 2) return true;
  const s = (p, q, r) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const p = [x, y];
  const s1 = s(tri[0], tri[1], p), s2 = s(tri[1], tri[2], p), s3 = s(tri[2], tri[0], p);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

function png(size) {
  const rows = [];
  const k = 4; // 4×4 samples per pixel
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      let hit = 0;
      for (let i = 0; i < k; i++)
        for (let j = 0; j < k; j++) if (inMark(((x + (i + 0.5) / k) * 512) / size, ((y + (j + 0.5) / k) * 512) / size)) hit++;
      const a = hit / (k * k);
      for (let c = 0; c < 3; c++) row[1 + x * 3 + c] = Math.round(BG[c] * (1 - a) + 255 * a);
    }
    rows.push(row);
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const start = at(FROM);
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="112" fill="#0f6e6a"/>
<g fill="#fff"><path d="M${f(start[0])} ${f(start[1])}A${R} ${R} 0 1 1 ${f(end[0])} ${f(end[1])}" fill="none" stroke="#fff" stroke-width="${W}" stroke-linecap="round"/>
<path d="M${tri.map((p) => `${f(p[0])} ${f(p[1])}`).join('L')}Z"/><circle cx="${C}" cy="${C}" r="${DOT}"/></g>
</svg>
`;
fs.writeFileSync(path.join(out, 'icon.svg'), svg);
for (const size of [192, 512]) fs.writeFileSync(path.join(out, `icon-${size}.png`), png(size));
console.log('icons written to', out);
