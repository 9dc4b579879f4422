/**
 * WebM / Matroska (EBML): Segment → Info → TimecodeScale and Duration;
 * a track of type 1 makes it a video. Clusters (the media itself) are
 * never read.
 */
import { view } from './byteSources.js';
import { damaged, type ByteSource, type MediaKind } from './mediaTypes.js';

const EBML = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_TYPE = 0x83;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;
const CLUSTER = 0x1f43b675;

interface Element {
  id: number;
  start: number;
  /** Payload end; the container's end when the size is "unknown" (live recordings). */
  end: number;
}

function vint(b: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } {
  const first = b[at];
  if (first === undefined || first === 0) return damaged('an element header is damaged');
  const length = Math.clz32(first) - 23;
  if (at + length > b.length) damaged('an element header is cut short');
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[at + i]!;
    if (b[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function* elements(src: ByteSource, from: number, to: number): Generator<Element> {
  let pos = from;
  while (pos < to) {
    const h = src.read(pos, 12);
    if (h.length < 2) return;
    const id = vint(h, 0, true);
    const size = vint(h, id.length, false);
    const start = pos + id.length + size.length;
    const end = size.unknown ? to : start + size.value;
    if (end > to && !size.unknown) damaged('an element runs past the end of the file');
    yield { id: id.value, start, end };
    if (size.unknown) return;
    pos = end;
  }
}

const uint = (b: Uint8Array): number => b.reduce((n, x) => n * 256 + x, 0);

export function webmProbe(src: ByteSource): { durationMs: number; kind: MediaKind } {
  const top: Element | undefined = elements(src, 0, Math.min(src.size, 64 * 1024)).next().value ?? undefined;
  if (!top || top.id !== EBML) return damaged('it does not start like a WebM file');
  let segment: Element | undefined;
  for (const e of elements(src, top.end, src.size)) {
    if (e.id === SEGMENT) {
      segment = e;
      break;
    }
  }
  if (!segment) return damaged('it has no segment');
  let scale = 1_000_000;
  let duration: number | null = null;
  let kind: MediaKind = 'audio';
  for (const e of elements(src, segment.start, segment.end)) {
    if (e.id === CLUSTER) break;
    if (e.id === INFO) {
      for (const f of elements(src, e.start, e.end)) {
        const payload = src.read(f.start, f.end - f.start);
        if (f.id === TIMECODE_SCALE) scale = uint(payload);
        if (f.id === DURATION) duration = payload.length === 4 ? view(payload).getFloat32(0) : payload.length === 8 ? view(payload).getFloat64(0) : damaged('its duration is stored in an unknown form');
      }
    } else if (e.id === TRACKS) {
      for (const t of elements(src, e.start, e.end)) {
        if (t.id !== TRACK_ENTRY) continue;
        for (const f of elements(src, t.start, t.end)) if (f.id === TRACK_TYPE && uint(src.read(f.start, f.end - f.start)) === 1) kind = 'video';
      }
    }
  }
  // Browsers' MediaRecorder writes WebM without a duration; such a file cannot be timed without decoding it.
  if (duration === null || !Number.isFinite(duration) || duration < 0) return damaged('it does not say how long it is (recordings saved by a browser often do not); convert it to .mp4, .m4a or .ogg and import that');
  return { durationMs: Math.round((duration * scale) / 1_000_000), kind };
}
