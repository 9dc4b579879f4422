/**
 * The process the crash harness kills. It opens the project through the
 * API (taking over the lock its killed predecessor left), says "ready",
 * and performs random operations until it is killed, logging each intent
 * and each acknowledgement durably. Arguments: one JSON object (ChildArgs).
 */
import { createDispatcher } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';
import { rng } from '../../shared/seededRandom.js';
import { DurableLog } from './crashLog.js';
import { randomOperation } from './crashOps.js';

export interface ChildArgs {
  projectPath: string;
  logPath: string;
  workDir: string;
  dataDir: string;
  seed: number;
  run: number;
  ops: number;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
  const session = new Session({ dataDir: args.dataDir, platform: 'web', backupCheckMs: 0, log: () => undefined });
  session.settings.setCoder('Crash Tester');
  const dispatch = createDispatcher(session, (err) => process.stderr.write(`internal: ${String(err)}\n`));
  const opened = await dispatch('project.open', { path: args.projectPath });
  if (!opened.ok) throw new Error(`open failed: ${opened.error.message}`);
  process.stdout.write('ready\n');
  const log = new DurableLog(args.logPath);
  const ctx = { dispatch, rng: rng(args.seed), log, projectPath: args.projectPath, workDir: args.workDir };
  for (let n = 0; n < args.ops; n++) {
    await randomOperation(ctx, `r${args.run}o${n}#`);
    // The harness may wait for a few operations before it arms its kill (see crashCampaign.ts).
    process.stdout.write('op\n');
  }
  await dispatch('project.close', {});
  log.close();
  process.stdout.write('done\n');
}

main().catch((err) => {
  process.stderr.write(`crash child failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(3);
});
