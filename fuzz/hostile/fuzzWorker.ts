/**
 * The process that runs fuzz cases (forked by the campaign with an IPC
 * channel). It builds the seed files and an open project once, then runs
 * the cases it is sent, regenerating each from (seed, index) so no bytes
 * travel between processes. A case that hangs or brings the process down
 * is caught by the campaign, which starts a new worker.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';
import { CaseFactory } from './cases.js';
import { runCase, type CaseEnv } from './runCase.js';
import { buildSeeds, CSV, TRANSCRIPT } from './seeds.js';

export type WorkerRequest = { type: 'run'; index: number };
export type WorkerMessage = { type: 'ready'; named: number } | { type: 'result'; result: Awaited<ReturnType<typeof runCase>> };

async function setUp(): Promise<{ env: CaseEnv; factory: CaseFactory }> {
  const seed = Number(process.argv[2] ?? 1);
  const dir = mkdtempSync(join(tmpdir(), 'quarry-fuzz-'));
  const session = new Session({ dataDir: join(dir, 'data'), platform: 'web', backupCheckMs: 0, log: () => undefined });
  session.settings.setBackups({ enabled: false });
  const dispatch = createDispatcher(session, () => undefined);
  const projectPath = join(dir, 'Fuzzed.quarry');
  const scratchDir = join(dir, 'refi');
  mkdirSync(scratchDir);
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  for (const [method, args] of [
    ['project.create', { path: projectPath }],
    ['sources.import', { files: [{ fileName: 'Interview 1.txt', dataBase64: b64(TRANSCRIPT) }] }],
    ['codes.create', { path: 'Trust' }],
    ['classification.import', { fileName: 'cases.csv', dataBase64: b64(CSV) }],
  ] as const) {
    const r = await dispatch(method, args);
    if (!r.ok) throw new Error(`fuzz set-up failed at ${method}: ${r.error.message}`);
  }
  return { env: { session, dispatch, projectPath, scratchDir }, factory: new CaseFactory(seed, buildSeeds()) };
}

const send = (m: WorkerMessage) => process.send!(m);

setUp().then(
  ({ env, factory }) => {
    process.on('message', (m: WorkerRequest) => {
      if (m.type !== 'run') return;
      void runCase(env, factory.make(m.index)).then((result) => send({ type: 'result', result }));
    });
    send({ type: 'ready', named: factory.namedCount });
  },
  (err: unknown) => {
    process.stderr.write(`fuzz worker could not start: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(3);
  },
);
