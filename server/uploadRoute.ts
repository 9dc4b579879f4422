/**
 * POST /api/upload?name=<file name>: a file the browser sends as a stream
 * (a REFI-QDA package, a co-author's project to merge) is written to a
 * private per-launch folder and answered with its path, which the caller
 * then names in the API call (`filePath` of refi.previewImport and
 * refi.importProject, `path` of merge.preview/apply). The file is never
 * held whole in memory nor sent as one JSON body, so its size is limited
 * only by MAX_UPLOAD_BYTES, not by the request-body limit of API calls.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { QuarryError, toErrorPayload } from '../shared/errors.js';
import { writePiecesAtomic } from '../shared/fsx/atomicWrite.js';
import { MAX_REFI_FILE_BYTES } from '../shared/limits.js';

export const UPLOAD_PATH = '/api/upload';

/** The largest file one upload may carry: the largest REFI-QDA file Quarry imports. */
export const MAX_UPLOAD_BYTES = MAX_REFI_FILE_BYTES;

/** A file name that stays one name inside the folder (no separators, no dot names). */
function safeName(raw: string | null): string {
  const name = (raw ?? '').replace(/[\\/\p{Cc}]+/gu, '_').trim().slice(0, 200);
  return name && name !== '.' && name !== '..' ? name : 'upload';
}

async function* limited(req: IncomingMessage, name: string): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_UPLOAD_BYTES) {
      throw new QuarryError('too_large', `${name}: the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, the most Quarry accepts.`);
    }
    yield chunk as Buffer;
  }
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

export async function receiveUpload(req: IncomingMessage, res: ServerResponse, uploadDir: string, url: URL): Promise<void> {
  const name = safeName(url.searchParams.get('name'));
  // A folder per upload: two uploads of files with the same name never meet.
  const dir = join(uploadDir, randomBytes(8).toString('hex'));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  try {
    const bytes = await writePiecesAtomic(path, limited(req, name), { replace: false, what: 'the uploaded file' });
    answer(res, 200, { ok: true, value: { path, bytes } });
  } catch (err) {
    // Stop reading what is left of a refused upload.
    req.resume();
    answer(res, err instanceof QuarryError && err.code === 'too_large' ? 413 : 400, { ok: false, error: toErrorPayload(err) });
  }
}
