/**
 * Building hostile zips: real archives with fflate, then header fields
 * patched to lie (sizes, entry counts) the way crafted zip bombs do.
 */
import { deflateSync, strToU8, zipSync, type Zippable } from 'fflate';

export const u8 = (s: string): Uint8Array => strToU8(s);

export function zip(files: Record<string, Uint8Array | string>, level: 0 | 6 | 9 = 6): Uint8Array {
  const z: Zippable = {};
  for (const [name, data] of Object.entries(files)) z[name] = [typeof data === 'string' ? u8(data) : data, { level }];
  return zipSync(z);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function nameAt(bytes: Uint8Array, at: number, len: number): string {
  return new TextDecoder().decode(bytes.subarray(at, at + len));
}

/** Sets the uncompressed size an entry declares, in its local header and its central directory record. */
export function patchDeclaredSize(zipBytes: Uint8Array, entryName: string, size: number): Uint8Array {
  const out = zipBytes.slice();
  const v = view(out);
  for (let i = 0; i + 46 <= out.length; i++) {
    const sig = v.getUint32(i, true);
    if (sig === 0x04034b50 && i + 30 <= out.length) {
      const len = v.getUint16(i + 26, true);
      if (nameAt(out, i + 30, len) === entryName) v.setUint32(i + 22, size >>> 0, true);
    } else if (sig === 0x02014b50) {
      const len = v.getUint16(i + 28, true);
      if (nameAt(out, i + 46, len) === entryName) v.setUint32(i + 24, size >>> 0, true);
    }
  }
  return out;
}

/** Sets the entry count the end-of-central-directory record claims. */
export function patchEntryCount(zipBytes: Uint8Array, count: number): Uint8Array {
  const out = zipBytes.slice();
  const v = view(out);
  for (let i = out.length - 22; i >= 0; i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      v.setUint16(i + 8, Math.min(count, 0xffff), true);
      v.setUint16(i + 10, Math.min(count, 0xffff), true);
      break;
    }
  }
  return out;
}

/** A deflated run of `n` bytes of one value: megabytes that pack into kilobytes. */
let bombCache: { n: number; data: Uint8Array } | undefined;
export function bombPayload(n: number): Uint8Array {
  if (bombCache?.n === n) return bombCache.data;
  const data = deflateSync(new Uint8Array(n).fill(0x20), { level: 9 });
  bombCache = { n, data };
  return data;
}

/**
 * A zip with one entry holding `inflated` bytes of spaces (stored deflated),
 * built by hand so the declared size can be anything.
 */
export function bombZip(entryName: string, inflated: number, declared: number, others: Record<string, string> = {}): Uint8Array {
  const payload = bombPayload(inflated);
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const entries: { name: string; data: Uint8Array; size: number; method: number; crc: number }[] = [];
  for (const [name, text] of Object.entries(others)) {
    const raw = u8(text);
    entries.push({ name, data: raw, size: raw.length, method: 0, crc: crc32(raw) });
  }
  entries.push({ name: entryName, data: payload, size: declared, method: 8, crc: 0 });
  for (const e of entries) {
    const name = u8(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = view(local);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, e.method, true);
    lv.setUint32(14, e.crc, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.size >>> 0, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = view(cd);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(16, e.crc, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.size >>> 0, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    parts.push(local, e.data);
    central.push(cd);
    offset += local.length + e.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = view(eocd);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return concat([...parts, ...central, eocd]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

let table: Uint32Array | undefined;
export function crc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
