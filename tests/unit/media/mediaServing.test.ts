/**
 * Serving a recording to a player: Range requests parsed as the standard
 * says, browser mode's /media/<id> (token, 206 with the exact bytes, 416),
 * and the desktop app's quarry://app/media/<id> (the same answers, the
 * project chosen by path).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/appProtocol.js';
import { createMediaResponder } from '../../../electron/mediaProtocol.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { parseRange } from '../../../shared/media/byteRange.js';
import { MEDIA_CHUNK_BYTES } from '../../../shared/limits.js';
import { importRecording, openMediaStream } from '../../../shared/services/mediaService.js';
import { startWebServer, type RunningServer } from '../../../server/webServer.js';
import { tempDir } from '../db/testProject.js';
import { sineWav } from '../../media/mediaFixtures.js';

describe('Range headers', () => {
  it.each([
    [undefined, { kind: 'whole' }],
    ['bytes=0-99', { kind: 'part', start: 0, end: 99 }],
    ['bytes=100-', { kind: 'part', start: 100, end: 999 }],
    ['bytes=-10', { kind: 'part', start: 990, end: 999 }],
    ['bytes=900-5000', { kind: 'part', start: 900, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=50-10', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-9', { kind: 'whole' }],
    ['items=0-1', { kind: 'whole' }],
  ])('%s', (header, answer) => {
    expect(parseRange(header, 1000)).toEqual(answer);
  });
});

describe('serving a stored recording', () => {
  const dir = tempDir('quarry-media-serving-');
  const path = join(dir, 'p.quarry');
  // Longer than two storage pieces, so ranges cross piece boundaries.
  const wav = sineWav(150, 8000);
  let project: ProjectDb;
  let sourceId: number;
  let server: RunningServer;

  beforeAll(async () => {
    expect(wav.length).toBeGreaterThan(2 * MEDIA_CHUNK_BYTES);
    writeFileSync(join(dir, 'take.wav'), wav);
    project = ProjectDb.create(path);
    sourceId = (await importRecording({ project, coderName: 'T' }, { mediaPath: join(dir, 'take.wav') })).sourceId!;
    const staticDir = join(dir, 'static');
    server = await startWebServer({
      dispatch: async () => ({ ok: true, value: null }),
      staticDir,
      media: (id) => openMediaStream({ project, coderName: 'T' }, id),
    });
  });
  afterAll(async () => {
    await server.close();
    project.close();
  });

  it('stores it in 1 MiB pieces', () => {
    expect(project.db.prepare('SELECT count(*) FROM media_chunks WHERE source_id = ?').pluck().get(sourceId)).toBe(Math.ceil(wav.length / MEDIA_CHUNK_BYTES));
  });

  it('browser mode: token required; a range across pieces comes back exactly', async () => {
    const base = `http://127.0.0.1:${server.port}/media/${sourceId}`;
    expect((await fetch(base)).status).toBe(401);
    expect((await fetch(`${base}?t=wrong`)).status).toBe(401);
    const from = MEDIA_CHUNK_BYTES - 10;
    const r = await fetch(`${base}?t=${server.token}`, { headers: { Range: `bytes=${from}-${from + 19}` } });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe(`bytes ${from}-${from + 19}/${wav.length}`);
    expect(r.headers.get('accept-ranges')).toBe('bytes');
    expect(r.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await r.arrayBuffer()).equals(wav.subarray(from, from + 20))).toBe(true);
    const whole = await fetch(`${base}?t=${server.token}`);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(wav)).toBe(true);
    expect((await fetch(`${base}?t=${server.token}`, { headers: { Range: `bytes=${wav.length}-` } })).status).toBe(416);
    expect((await fetch(`http://127.0.0.1:${server.port}/media/999?t=${server.token}`)).status).toBe(404);
  });

  it('desktop app: quarry://app/media/<id>?project=<path>, only for an open project', async () => {
    const handle = createAppProtocolHandler(join(dir, 'static'), createMediaResponder((p) => (p === path ? { project, coderName: 'T' } : undefined)));
    const url = `quarry://app/media/${sourceId}?project=${encodeURIComponent(path)}`;
    const r = await handle(new Request(url, { headers: { Range: 'bytes=-100' } }));
    expect(r.status).toBe(206);
    expect(Buffer.from(await r.arrayBuffer()).equals(wav.subarray(wav.length - 100))).toBe(true);
    const whole = await handle(new Request(url));
    expect(whole.headers.get('content-length')).toBe(String(wav.length));
    expect(Buffer.from(await whole.arrayBuffer()).equals(wav)).toBe(true);
    expect((await handle(new Request(`quarry://app/media/${sourceId}?project=${encodeURIComponent('/elsewhere.quarry')}`))).status).toBe(404);
    expect((await handle(new Request(url, { headers: { Range: 'bytes=99999999-' } }))).status).toBe(416);
  });
});
