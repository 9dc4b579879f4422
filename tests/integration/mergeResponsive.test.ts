/**
 * Browser mode stays responsive while a merge preview's reader is stuck (it
 * spins as it would inside a SQLite query that never ends; see
 * stallingReader.ts — a file made to read for ever is refused by the schema
 * check before it is read): a cheap call answers within a second meanwhile,
 * Cancel ends the preview at once with "cancelled", and the server goes on.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';
import { startWebServer, type RunningServer } from '../../server/webServer.js';
import { apiCaller } from './webApiCall.js';
import { buildCoauthorFiles } from '../unit/coauthors/coauthorFiles.js';
import { STALLING_READER_SCRIPT } from '../unit/coauthors/stallingReader.js';

const base = mkdtempSync(join(tmpdir(), 'quarry-merge-responsive-'));
const session = new Session({ dataDir: join(base, 'data'), platform: 'web', backupCheckMs: 0 });
let server: RunningServer;
let endless: string;

const call = apiCaller(() => server);

/** Waits until the preview named `jobId` is reading the other file. */
async function readingStarted(jobId: string): Promise<void> {
  const phase = async () => ((await call<{ phase: string } | null>('jobs.get', { jobId })) as { ok: true; value: { phase: string } | null }).value?.phase;
  await expect.poll(phase, { timeout: 20_000 }).toBe('Reading the other file');
}

beforeAll(async () => {
  const files = await buildCoauthorFiles(base);
  endless = join(base, 'coauthor.quarry');
  copyFileSync(files.daniel, endless);
  // Every preview in this file gets the reader that never answers.
  process.env.QUARRY_FOREIGN_READER = STALLING_READER_SCRIPT;
  const staticDir = join(base, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Quarry</title>');
  server = await startWebServer({ dispatch: createDispatcher(session, () => undefined), staticDir });
  const opened = await call('project.open', { path: files.ruth });
  expect(opened.ok).toBe(true);
}, 120_000);

afterAll(async () => {
  session.close();
  await server.close();
});

describe('browser mode during a merge preview of an endless file', () => {
  it('answers a cheap call within a second meanwhile, and Cancel stops the preview at once', async () => {
    const preview = call('merge.preview', { path: endless, jobId: 'endless-preview' });
    await readingStarted('endless-preview');

    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      const info = await call<{ name: string } | null>('project.info');
      times.push(performance.now() - t0);
      expect(info.ok).toBe(true);
    }
    times.sort((a, b) => a - b);
    const median = times[20]!;
    const worst = times[39]!;
    console.log(`project.info during the preview: median ${median.toFixed(1)} ms, slowest ${worst.toFixed(1)} ms (40 calls)`);
    expect(worst).toBeLessThan(1000);

    const t0 = performance.now();
    const cancelled = await call<{ cancelled: boolean }>('jobs.cancel', { jobId: 'endless-preview' });
    expect(cancelled).toEqual({ ok: true, value: { cancelled: true } });
    const result = await preview;
    const cancelMs = performance.now() - t0;
    console.log(`Cancel ended the preview in ${cancelMs.toFixed(1)} ms`);
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(cancelMs).toBeLessThan(1000);
    expect((await call('jobs.get', { jobId: 'endless-preview' })) as unknown).toMatchObject({ ok: true, value: { outcome: 'cancelled' } });

    // The server and the project carry on: a change is accepted straight away.
    expect(await call('codes.create', { path: 'After the cancelled preview' })).toMatchObject({ ok: true });
  });

  it('closing the project during a preview stops the reader and ends the preview as cancelled', async () => {
    const preview = call('merge.preview', { path: endless, jobId: 'closed-under-it' });
    await readingStarted('closed-under-it');
    expect(await call('project.close')).toEqual({ ok: true, value: null });
    expect(await preview).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await call('project.info')).toEqual({ ok: true, value: null });
  });
});
