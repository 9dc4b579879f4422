import type { CliApi } from '../contractSession.js';

/** Each passage's recording time ([first ms, last ms], or null when untimed), in the passages' order. */
export async function passageTimes(api: CliApi, passages: readonly { sourceId: number; start: number; end: number }[]): Promise<([number, number] | null)[]> {
  if (passages.length === 0) return [];
  return api.call('sources.spanTimes', { spans: passages.map((x) => ({ sourceId: x.sourceId, start: x.start, end: x.end })) });
}
