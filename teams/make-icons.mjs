// Draws the Teams app icons (rising queue bars) as PNGs with node:zlib only:
//   color.png   192x192, full colour (Teams' colour icon)
//   outline.png  32x32, white on transparent (Teams' outline icon must be only white and transparency)
// Run again after changing the drawing: node teams/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const ACCENT = [0x1f, 0x6f, 0xeb, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

/** Encodes RGBA pixels (`pixel(x, y)` -> [r, g, b, a]) as a PNG file. */
export function encodePng(width, height, pixel) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter set, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** Three bars of rising height, standing on a baseline, in a square of `size`. */
function bars(size, fg, bg) {
  const unit = size / 32;
  const shapes = [
    { x: 5, h: 10 },
    { x: 13, h: 16 },
    { x: 21, h: 22 },
  ].map((b) => ({ left: b.x * unit, right: (b.x + 6) * unit, top: (28 - b.h) * unit, bottom: 28 * unit }));
  return (x, y) => (shapes.some((s) => x >= s.left && x < s.right && y >= s.top && y < s.bottom) ? fg : bg);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = new URL('.', import.meta.url);
  writeFileSync(new URL('color.png', dir), encodePng(192, 192, bars(192, WHITE, ACCENT)));
  writeFileSync(new URL('outline.png', dir), encodePng(32, 32, bars(32, WHITE, CLEAR)));
  console.log('wrote teams/color.png (192x192) and teams/outline.png (32x32)');
}
