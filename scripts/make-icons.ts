// Draws the app and tray icons (PNG, and ICO wrapping PNGs) so they are reproducible from source:
//   node scripts/make-icons.ts
// build/  — the installer/app icon electron-builder converts per platform (icon.png 1024 px, icon.ico).
// resources/tray/ — tray icons per state: macOS Template images (16 px + 32 px @2x, black + alpha),
//                   Windows .ico (16 + 32 px), Linux PNG (32 px, coloured).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type RGBA = [number, number, number, number];
type Shader = (x: number, y: number, size: number) => RGBA;

function png(size: number, shade: Shader): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = shade(x + 0.5, y + 0.5, size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO whose images are PNG-compressed (supported since Windows Vista). */
function ico(images: Array<{ size: number; data: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

// Coverage of a shape given its signed distance in pixels (negative inside), antialiased over 1 px.
const cover = (d: number): number => Math.max(0, Math.min(1, 0.5 - d));

type State = 'running' | 'stopped' | 'error';

/** The tray glyph: a ring; running fills the centre, error crosses it out. Returns 0..1 coverage. */
function glyph(state: State, x: number, y: number, size: number): number {
  const c = size / 2;
  const dx = x - c;
  const dy = y - c;
  const r = Math.hypot(dx, dy);
  const outer = size * 0.44;
  const width = Math.max(1.5, size * 0.11);
  const ring = cover(Math.abs(r - (outer - width / 2)) - width / 2);
  let inner = 0;
  if (state === 'running') inner = cover(r - size * 0.2);
  if (state === 'error') {
    const w = Math.max(1.5, size * 0.12);
    const bar = (ax: number, ay: number): number =>
      cover(Math.abs(ax * dx + ay * dy) / Math.SQRT2 - w / 2);
    inner = r < outer - width ? Math.max(bar(1, -1), bar(1, 1)) : 0;
  }
  return Math.max(ring, inner);
}

const colours: Record<State, [number, number, number]> = {
  running: [34, 160, 90],
  stopped: [128, 128, 128],
  error: [210, 50, 50],
};

const root = resolve(import.meta.dirname, '..');
const trayDir = join(root, 'resources', 'tray');
const buildDir = join(root, 'build');
mkdirSync(trayDir, { recursive: true });
mkdirSync(buildDir, { recursive: true });

for (const state of ['running', 'stopped', 'error'] as const) {
  const template: Shader = (x, y, s) => [0, 0, 0, Math.round(255 * glyph(state, x, y, s))];
  const [cr, cg, cb] = colours[state];
  const coloured: Shader = (x, y, s) => [cr, cg, cb, Math.round(255 * glyph(state, x, y, s))];
  writeFileSync(join(trayDir, `tray-${state}Template.png`), png(16, template));
  writeFileSync(join(trayDir, `tray-${state}Template@2x.png`), png(32, template));
  writeFileSync(join(trayDir, `tray-${state}.png`), png(32, coloured));
  writeFileSync(
    join(trayDir, `tray-${state}.ico`),
    ico([16, 32].map((size) => ({ size, data: png(size, coloured) }))),
  );
}

// App icon: a rounded blue square with the running glyph in white.
const appIcon: Shader = (x, y, s) => {
  const half = s * 0.45;
  const radius = s * 0.2;
  const qx = Math.abs(x - s / 2) - (half - radius);
  const qy = Math.abs(y - s / 2) - (half - radius);
  const box = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  const bg = cover(box);
  const g = glyph('running', (x - s / 2) * 1.6 + s / 2, (y - s / 2) * 1.6 + s / 2, s);
  const mix = (a: number, b: number): number => Math.round(a * (1 - g) + b * g);
  return [mix(30, 255), mix(90, 255), mix(200, 255), Math.round(255 * bg)];
};
writeFileSync(join(buildDir, 'icon.png'), png(1024, appIcon));
writeFileSync(
  join(buildDir, 'icon.ico'),
  ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: png(size, appIcon) }))),
);
console.log(`icons written to ${trayDir} and ${buildDir}`);
