/**
 * Compression for browser mode: the built app (~700 KB of JavaScript) is
 * compressed once per file and kept, API answers above a size are compressed
 * quickly on the way out. Brotli where the browser takes it, else gzip.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type ContentEncoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text-like files worth compressing; images and fonts already are. */
const COMPRESSIBLE = /\.(html|js|css|svg|json|txt|ico)$/;

export function chooseEncoding(acceptEncoding: string | string[] | undefined): ContentEncoding | null {
  const header = (Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '')).toLowerCase();
  const offered = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    offered.set(name.trim(), q ? Number(q.slice(2)) : 1);
  }
  const accepts = (e: string) => (offered.get(e) ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

export function compressBody(body: Buffer, encoding: ContentEncoding, effort: 'fast' | 'best'): Promise<Buffer> {
  if (encoding === 'gzip') return gz(body, { level: effort === 'fast' ? 1 : 9 });
  return brotli(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: effort === 'fast' ? 1 : 9,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

const cache = new Map<string, Promise<Buffer>>();

/** The compressed bytes of a static file, made once per file version and encoding; null if not worth it. */
export function compressedStatic(file: string, mtimeMs: number, body: Buffer, encoding: ContentEncoding): Promise<Buffer> | null {
  if (!COMPRESSIBLE.test(file) || body.length < 1024) return null;
  const key = `${encoding}\0${mtimeMs}\0${file}`;
  let packed = cache.get(key);
  if (!packed) {
    packed = compressBody(body, encoding, 'best');
    cache.set(key, packed);
    packed.catch(() => cache.delete(key));
  }
  return packed;
}
