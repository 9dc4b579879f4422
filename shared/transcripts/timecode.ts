/**
 * Clock times in transcripts: "01:02:03.456" (WebVTT), "01:02:03,456"
 * (SubRip), "1:02:03", "02:03" and "0:03" (Zoom, Teams, Otter, aTrain), and
 * back again for labels: "[00:02]" under an hour, "[1:02:03]" beyond.
 */

/** The pattern of one clock time, for use inside larger expressions. */
export const TIMECODE = String.raw`(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;

const EXACT = new RegExp(String.raw`^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$`);

/** Milliseconds from a clock time, or null when it is not one (minutes or seconds of 60 and above included). */
export function parseTimecode(s: string): number | null {
  const m = EXACT.exec(s.trim());
  if (!m) return null;
  const hours = m[1] !== undefined ? Number(m[1]) : 0;
  const minutes = Number(m[2]);
  const seconds = Number(m[3]);
  // A bare "MM:SS" may run past 59 minutes in some tools ("75:12"); with hours present, minutes stay below 60.
  if (seconds > 59 || (m[1] !== undefined && minutes > 59)) return null;
  const fraction = m[4] !== undefined ? Number(m[4].padEnd(3, '0')) : 0;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** "00:02", "12:34", "1:02:03": how a moment reads in a quote label (whole seconds, rounded down). */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** "00:01:23.456": the WebVTT form, also used in messages so a user can find the cue in the file. */
export function formatTimecode(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  return `${two(h)}:${two(m)}:${two(s)}.${String(total % 1000).padStart(3, '0')}`;
}
