/**
 * GET /media/<sourceId>?t=<token>: the open project's recording of a
 * source, with Range support so the browser's player can seek. The token
 * travels in the query because <audio src> cannot send headers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mediaResponseHead, parseRange } from '../shared/media/byteRange.js';
import type { MediaStream } from '../shared/services/mediaService.js';

export type MediaOpener = (sourceId: number) => MediaStream;

export const MEDIA_PATH = /^\/media\/(\d{1,12})$/;

export async function serveMedia(req: IncomingMessage, res: ServerResponse, open: MediaOpener, sourceId: number): Promise<void> {
  let media: MediaStream;
  try {
    media = open(sourceId);
  } catch (err) {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(err instanceof Error ? err.message : 'No recording.');
    return;
  }
  const range = parseRange(req.headers.range, media.size);
  const head = mediaResponseHead(media.mime, media.size, range);
  res.statusCode = head.status;
  for (const [k, v] of Object.entries(head.headers)) res.setHeader(k, v);
  if (req.method === 'HEAD' || range.kind === 'unsatisfiable') {
    res.end();
    return;
  }
  const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, media.size - 1];
  for await (const piece of media.read(start, end)) {
    if (res.destroyed) return; // the player seeks away and drops the connection: stop reading
    if (!res.write(piece)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
  }
  res.end();
}
