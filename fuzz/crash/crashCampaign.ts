/**
 * The crash harness: a child process works on a project and is killed with
 * SIGKILL at a random moment; the project is then reopened and verified.
 * Repeated `runs` times over a few generations of fresh projects (so each
 * verification stays quick and early states are exercised too).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupFolderFor } from '../../shared/backup/backupLocation.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { mutate } from '../../shared/services/context.js';
import { storeDocument } from '../../shared/services/sourceService.js';
import { rng, type Rng } from '../../shared/seededRandom.js';
import type { ChildArgs } from './crashChild.js';
import { crashTranscript } from './crashOps.js';
import { isClean, verifyProject, type VerifyResult } from './crashVerify.js';

export interface CampaignOptions {
  runs: number;
  seed: number;
  /** The command that starts a child: e.g. [process.execPath, 'build/fuzz/crash/crashChild.js']. */
  childCommand: string[];
  /** Runs per project before a fresh one is started. */
  runsPerProject?: number;
  /** Kill no later than this many ms after the child is ready (or has finished the few operations the run waits for). */
  maxKillDelayMs?: number;
  /** Operations a child would perform if never killed. */
  opsPerChild?: number;
  workDir?: string;
  onRun?(run: RunReport): void;
}

export interface RunReport {
  run: number;
  killed: boolean;
  /** Killed before the child said it was ready (while opening). */
  killedWhileOpening: boolean;
  delayMs: number;
  verify: VerifyResult;
  clean: boolean;
}

export interface CampaignFigures {
  runs: number;
  kills: number;
  killsWhileOpening: number;
  operationsIntended: number;
  operationsAcknowledged: number;
  completedUnacknowledged: number;
  operationsLost: number;
  halfPresent: number;
  unknownData: number;
  corruptFiles: number;
  badBackups: number;
  failures: string[];
  seconds: number;
}

const SEED_SOURCES = ['Seed interview 1', 'Seed interview 2'];

function freshProject(path: string): void {
  const project = ProjectDb.create(path);
  try {
    const ctx = { project, coderName: 'Crash Tester' };
    mutate(ctx, 'Seed', (db) => {
      for (const name of SEED_SOURCES) storeDocument(db, ctx.coderName, { name, text: crashTranscript(name, 8), originName: `${name}.txt`, originType: 'txt', encoding: 'utf-8', warnings: [] });
    });
  } finally {
    project.close();
  }
}

function runChild(command: string[], args: ChildArgs, r: Rng, maxDelay: number): Promise<{ killed: boolean; whileOpening: boolean; delayMs: number; stderr: string }> {
  return new Promise((resolve) => {
    const [cmd, ...rest] = command as [string, ...string[]];
    const child = spawn(cmd, [...rest, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let killed = false;
    let ready = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One run in ten is killed while the project is still being opened (lock takeover, WAL recovery).
    const earlyKill = r.chance(0.1);
    const delayMs = earlyKill ? r.int(0, 120) : r.int(0, maxDelay);
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    // The others are killed at a random moment after a random number of finished operations: on a loaded
    // machine a kill timed only from "ready" would land in the first operation nearly every time, and the
    // campaign would check few acknowledged operations.
    const afterOps = earlyKill ? 0 : r.int(0, 3);
    let opsDone = 0;
    const arm = () => (timer = setTimeout(kill, delayMs));
    if (earlyKill) arm();
    child.stdout.on('data', (d: Buffer) => {
      const text = d.toString();
      if (!ready && text.includes('ready')) {
        ready = true;
        if (!earlyKill && afterOps === 0) arm();
      }
      if (ready && !earlyKill && opsDone < afterOps) {
        opsDone += text.split('op\n').length - 1;
        if (opsDone >= afterOps) arm();
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', () => {
      if (timer) clearTimeout(timer);
      resolve({ killed, whileOpening: killed && !ready, delayMs, stderr });
    });
  });
}

export async function runCrashCampaign(opts: CampaignOptions): Promise<CampaignFigures> {
  const started = Date.now();
  const work = opts.workDir ?? mkdtempSync(join(tmpdir(), 'quarry-crash-'));
  const r = rng(opts.seed);
  const perProject = opts.runsPerProject ?? 40;
  const figures: CampaignFigures = {
    runs: 0,
    kills: 0,
    killsWhileOpening: 0,
    operationsIntended: 0,
    operationsAcknowledged: 0,
    completedUnacknowledged: 0,
    operationsLost: 0,
    halfPresent: 0,
    unknownData: 0,
    corruptFiles: 0,
    badBackups: 0,
    failures: [],
    seconds: 0,
  };
  const lost = new Set<string>();
  const half = new Set<string>();
  const unknown = new Set<string>();
  const badBackups = new Set<string>();
  let projectPath = '';
  let logPath = '';
  let last: VerifyResult | undefined;
  const addGeneration = () => {
    if (!last) return;
    figures.operationsIntended += last.intended;
    figures.operationsAcknowledged += last.acknowledged;
    figures.completedUnacknowledged += last.completedUnacknowledged;
  };
  for (let run = 0; run < opts.runs; run++) {
    if (run % perProject === 0) {
      addGeneration();
      last = undefined;
      const dir = join(work, `generation-${run / perProject}`);
      mkdirSync(dir, { recursive: true });
      projectPath = join(dir, 'Crash study.quarry');
      logPath = join(dir, 'acknowledged.jsonl');
      freshProject(projectPath);
    }
    const args: ChildArgs = {
      projectPath,
      logPath,
      workDir: work,
      dataDir: join(work, 'data'),
      seed: (opts.seed * 7919 + run * 104729) >>> 0,
      run,
      ops: opts.opsPerChild ?? 60,
    };
    const outcome = await runChild(opts.childCommand, args, r, opts.maxKillDelayMs ?? 250);
    const verify = verifyProject(projectPath, logPath, { seedSources: SEED_SOURCES, backupFolder: backupFolderFor(projectPath, null) });
    last = verify;
    const clean = isClean(verify);
    figures.runs++;
    if (outcome.killed) figures.kills++;
    if (outcome.whileOpening) figures.killsWhileOpening++;
    if (!outcome.killed && outcome.stderr.includes('crash child failed')) figures.failures.push(`run ${run}: the child failed by itself: ${outcome.stderr.slice(0, 500)}`);
    // Each run re-checks the whole log: a problem is counted once, the first time it is seen.
    const gen = Math.floor(run / perProject);
    for (const id of verify.lost) lost.add(`${gen}:${id}`);
    for (const id of verify.halfPresent) half.add(`${gen}:${id}`);
    for (const what of verify.unknown) unknown.add(`${gen}:${what}`);
    for (const name of verify.badBackups) badBackups.add(`${gen}:${name}`);
    figures.operationsLost = lost.size;
    figures.halfPresent = half.size;
    figures.unknownData = unknown.size;
    figures.badBackups = badBackups.size;
    if (!verify.opened || verify.integrity !== 'ok' || verify.foreignKeyProblems > 0) figures.corruptFiles++;
    if (!clean) figures.failures.push(`run ${run} (seed ${args.seed}): ${JSON.stringify({ ...verify, intended: undefined })}`);
    opts.onRun?.({ run, killed: outcome.killed, killedWhileOpening: outcome.whileOpening, delayMs: outcome.delayMs, verify, clean });
  }
  addGeneration();
  if (!opts.workDir) rmSync(work, { recursive: true, force: true });
  figures.seconds = (Date.now() - started) / 1000;
  return figures;
}
