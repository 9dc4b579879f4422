#!/usr/bin/env node
/**
 * Checks that a .docx renders: converts it to PDF with LibreOffice
 * (soffice --headless --convert-to pdf), rasterises the pages with
 * pdftoppm -png -r 60, and counts the non-white pixels of each page with a
 * minimal PNG reader (node:zlib), so a blank or broken page fails.
 *
 *   node scripts/check-docx-render.mjs <file.docx> [--keep DIR] [--json]
 *
 * --keep DIR copies the PDF and page PNGs there (to look at them).
 * Exit 0 when every page has ink; 1 when the conversion fails or a page is blank.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

/** Below this share of inked pixels a page counts as blank (a page with one short line is about 0.3%). */
const MIN_INK = 0.001;

/** Decodes an 8-bit PNG (grey, grey+alpha, RGB, RGBA or palette) to { width, height, channels, pixels }. */
export function decodePng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG file');
  let pos = 8;
  let ihdr;
  let palette;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') ihdr = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), depth: data[8], color: data[9], interlace: data[12] };
    else if (type === 'PLTE') palette = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  if (!ihdr) throw new Error('PNG without IHDR');
  if (ihdr.depth !== 8 || ihdr.interlace !== 0) throw new Error(`unsupported PNG (bit depth ${ihdr.depth}, interlace ${ihdr.interlace})`);
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[ihdr.color];
  if (!channels) throw new Error(`unsupported PNG colour type ${ihdr.color}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = ihdr.width * channels;
  const out = Buffer.alloc(ihdr.height * stride);
  for (let y = 0; y < ihdr.height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const prev = y > 0 ? out.subarray((y - 1) * stride, y * stride) : null;
    const cur = out.subarray(y * stride, (y + 1) * stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? cur[x - channels] : 0;
      const b = prev ? prev[x] : 0;
      const c = prev && x >= channels ? prev[x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[x] = v & 0xff;
    }
  }
  if (ihdr.color === 3) {
    const rgb = Buffer.alloc(ihdr.width * ihdr.height * 3);
    for (let i = 0; i < ihdr.width * ihdr.height; i++) palette.copy(rgb, i * 3, out[i] * 3, out[i] * 3 + 3);
    return { width: ihdr.width, height: ihdr.height, channels: 3, pixels: rgb };
  }
  return { width: ihdr.width, height: ihdr.height, channels, pixels: out };
}

/** Share of pixels that are not (nearly) white. */
export function inkShare(png) {
  const { width, height, channels, pixels } = png;
  const colour = channels >= 3 ? 3 : 1;
  let ink = 0;
  for (let i = 0; i < width * height; i++) {
    const o = i * channels;
    let dark = false;
    for (let k = 0; k < colour; k++) if (pixels[o + k] < 235) dark = true;
    if (dark) ink++;
  }
  return ink / (width * height);
}

export function checkDocxRender(docx, opts = {}) {
  const file = resolve(docx);
  if (!existsSync(file)) throw new Error(`${docx}: no such file`);
  // LibreOffice opens anything, garbage as plain text, so check the container first.
  const head = readFileSync(file);
  if (head.readUInt32LE(0) !== 0x04034b50 || !head.includes('word/document.xml')) throw new Error(`${basename(file)}: not a Word document (no word/document.xml in a zip container)`);
  const work = mkdtempSync(join(tmpdir(), 'quarry-render-'));
  try {
    // A private LibreOffice profile, so a running LibreOffice (or a parallel check) does not swallow the conversion.
    const profile = pathToFileURL(join(work, 'profile')).href;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, file], { stdio: 'pipe', timeout: 120_000 });
    const pdf = join(work, basename(file).replace(/\.docx$/i, '') + '.pdf');
    if (!existsSync(pdf)) throw new Error(`${basename(file)}: LibreOffice did not produce a PDF`);
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(work, 'page')], { stdio: 'pipe', timeout: 60_000 });
    const pngs = readdirSync(work).filter((f) => /^page-\d+\.png$/.test(f)).sort((a, b) => Number(a.match(/\d+/)[0]) - Number(b.match(/\d+/)[0]));
    if (pngs.length === 0) throw new Error(`${basename(file)}: pdftoppm produced no pages`);
    const pages = pngs.map((f) => {
      const png = decodePng(readFileSync(join(work, f)));
      const ink = inkShare(png);
      return { file: f, width: png.width, height: png.height, ink: Math.round(ink * 100000) / 100000, blank: ink < MIN_INK };
    });
    if (opts.keep) {
      mkdirSync(opts.keep, { recursive: true });
      copyFileSync(pdf, join(opts.keep, basename(pdf)));
      const stem = basename(file).replace(/\.docx$/i, '');
      for (const p of pages) copyFileSync(join(work, p.file), join(opts.keep, `${stem}-${p.file}`));
    }
    return { file, pages, ok: pages.every((p) => !p.blank) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const keepAt = args.indexOf('--keep');
  const keep = keepAt >= 0 ? args[keepAt + 1] : undefined;
  const file = args.find((a, i) => !a.startsWith('--') && !(keepAt >= 0 && i === keepAt + 1));
  if (!file) {
    console.error('usage: node scripts/check-docx-render.mjs <file.docx> [--keep DIR] [--json]');
    process.exit(2);
  }
  try {
    const result = checkDocxRender(file, { keep });
    if (json) console.log(JSON.stringify(result, null, 2));
    else for (const p of result.pages) console.log(`${p.file}: ${p.width}×${p.height}, ink ${(p.ink * 100).toFixed(2)}%${p.blank ? '  BLANK' : ''}`);
    if (!result.ok) {
      console.error(`${basename(file)}: a page rendered blank`);
      process.exit(1);
    }
  } catch (err) {
    console.error(`check-docx-render: ${err.message}`);
    process.exit(1);
  }
}
