#!/usr/bin/env node
// `node scripts/make-icons.mjs`: renders resources/icons/quarry.svg into the
// icons electron-builder packages (build-resources/, committed so `npm run
// dist` needs no browser):
//   icons/<N>x<N>.png  16–1024 px (Linux; electron-builder picks them by size)
//   icon.png           1024 px (fallback for any platform)
//   icon.ico           16–256 px, PNG-compressed entries (Windows app and .quarry files)
//   icon.icns          16–1024 px, PNG-compressed entries (macOS app and .quarry files)
// The SVG is rendered by Debian's Chromium through playwright-core (both
// already used by the tests); ICO and ICNS are plain containers written here.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, 'resources', 'icons', 'quarry.svg');
const OUT = join(ROOT, 'build-resources');
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS element types holding PNG data, by pixel size (Apple's "icp4"… "ic10"; the @2x types reuse a size).
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/** ICO: a directory of images; since Windows Vista an entry may be a whole PNG. Width/height 0 mean 256. */
export function writeIco(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.data)]);
}

/** ICNS: 'icns' + total length, then elements of type + length (header included) + data, big-endian. */
export function writeIcns(elements) {
  const parts = elements.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

async function renderPngs() {
  const svg = readFileSync(SOURCE, 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const pngs = new Map();
    for (const size of PNG_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const html = `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`;
      await page.setContent(html);
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
      await page.close();
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

async function main() {
  const pngs = await renderPngs();
  mkdirSync(join(OUT, 'icons'), { recursive: true });
  for (const [size, data] of pngs) writeFileSync(join(OUT, 'icons', `${size}x${size}.png`), data);
  writeFileSync(join(OUT, 'icon.png'), pngs.get(1024));
  writeFileSync(join(OUT, 'icon.ico'), writeIco(ICO_SIZES.map((size) => ({ size, data: pngs.get(size) }))));
  writeFileSync(join(OUT, 'icon.icns'), writeIcns(ICNS_TYPES.map(([type, size]) => ({ type, data: pngs.get(size) }))));
  console.log(`Icons written to ${OUT}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
