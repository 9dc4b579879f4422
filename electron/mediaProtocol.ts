/**
 * quarry://app/media/<sourceId>?project=<path>: a recording of a project
 * open in one of the app's windows, with Range support so <audio>/<video>
 * can seek. The project path picks the window (the protocol handler is
 * shared by all windows); only projects already open are served.
 */
import { mediaResponseHead, parseRange } from '../shared/media/byteRange.js';
import { openMediaStream } from '../shared/services/mediaService.js';
import type { ServiceContext } from '../shared/services/context.js';

export const MEDIA_URL_PATH = /^\/media\/(\d{1,12})$/;

/** Finds the open project (its service context) by path, or undefined. */
export type ProjectByPath = (path: string) => ServiceContext | undefined;

function toStream(pieces: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = pieces[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await it.return?.();
    },
  });
}

export function createMediaResponder(projectByPath: ProjectByPath): (request: Request) => Response {
  return (request) => {
    const url = new URL(request.url);
    const m = MEDIA_URL_PATH.exec(url.pathname);
    const path = url.searchParams.get('project');
    const ctx = m && path ? projectByPath(path) : undefined;
    if (!m || !ctx) return new Response('No such recording.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    let media;
    try {
      media = openMediaStream(ctx, Number(m[1]));
    } catch (err) {
      return new Response(err instanceof Error ? err.message : 'No recording.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    const range = parseRange(request.headers.get('range'), media.size);
    const head = mediaResponseHead(media.mime, media.size, range);
    if (request.method === 'HEAD' || range.kind === 'unsatisfiable') return new Response(null, head);
    const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, media.size - 1];
    return new Response(toStream(media.read(start, end)), head);
  };
}
