/**
 * Runs a fuzz campaign: `count` cases from `seed`, one at a time in a
 * worker process, each within a time limit. A case that takes too long is
 * a hang, a worker that dies is a crash; either way a fresh worker takes
 * the next case.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { CaseResult } from './runCase.js';
import type { WorkerMessage } from './fuzzWorker.js';

export interface FuzzOptions {
  seed: number;
  count: number;
  /** The worker script (bundled in tests, build/fuzz/hostile/fuzzWorker.js for `npm run fuzz`). */
  workerScript: string;
  perCaseMs?: number;
  onCase?(r: CaseResult): void;
}

export interface FuzzFigures {
  cases: number;
  parsed: number;
  refused: number;
  crashes: number;
  hangs: number;
  unclear: number;
  changed: number;
  byTarget: Record<string, number>;
  slowestMs: number;
  failures: CaseResult[];
  seconds: number;
}

interface Worker {
  child: ChildProcess;
  named: number;
}

function startWorker(script: string, seed: number): Promise<Worker> {
  return new Promise((resolve, reject) => {
    // A bounded heap: a zip bomb that got through would end the worker (reported), not the machine.
    const child = fork(script, [String(seed)], { execArgv: ['--max-old-space-size=1536'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('message', (m: WorkerMessage) => {
      if (m.type === 'ready') resolve({ child, named: m.named });
    });
    child.once('exit', (code) => reject(new Error(`fuzz worker exited (${code}) before it was ready: ${err}`)));
  });
}

function runOne(w: Worker, index: number, limitMs: number): Promise<CaseResult | 'hang' | 'died'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      cleanup();
      resolve('hang');
    }, limitMs);
    const onMessage = (m: WorkerMessage) => {
      if (m.type === 'result' && m.result.index === index) {
        cleanup();
        resolve(m.result);
      }
    };
    const onExit = () => {
      cleanup();
      resolve('died');
    };
    const cleanup = () => {
      clearTimeout(timer);
      w.child.off('message', onMessage);
      w.child.off('exit', onExit);
    };
    w.child.on('message', onMessage);
    w.child.once('exit', onExit);
    w.child.send({ type: 'run', index });
  });
}

export async function runFuzzCampaign(opts: FuzzOptions): Promise<FuzzFigures> {
  const started = Date.now();
  const limit = opts.perCaseMs ?? 20_000;
  const figures: FuzzFigures = { cases: 0, parsed: 0, refused: 0, crashes: 0, hangs: 0, unclear: 0, changed: 0, byTarget: {}, slowestMs: 0, failures: [], seconds: 0 };
  let worker = await startWorker(opts.workerScript, opts.seed);
  try {
    for (let index = 0; index < opts.count; index++) {
      const got = await runOne(worker, index, limit);
      let result: CaseResult;
      if (got === 'hang' || got === 'died') {
        result = { index, label: `case ${index}`, target: 'import', outcome: got === 'hang' ? 'hang' : 'crash', message: got === 'hang' ? `no answer within ${limit} ms (hang)` : 'the worker process died', ms: limit };
        if (got === 'hang') figures.hangs++;
        else figures.crashes++;
        worker.child.kill('SIGKILL');
        worker = await startWorker(opts.workerScript, opts.seed);
      } else {
        result = got;
        if (result.outcome === 'parsed') figures.parsed++;
        else if (result.outcome === 'refused') figures.refused++;
        else if (result.outcome === 'crash') figures.crashes++;
        else if (result.outcome === 'unclear') figures.unclear++;
        else figures.changed++;
      }
      figures.cases++;
      figures.byTarget[result.target] = (figures.byTarget[result.target] ?? 0) + 1;
      figures.slowestMs = Math.max(figures.slowestMs, result.ms);
      if (result.outcome !== 'parsed' && result.outcome !== 'refused') figures.failures.push(result);
      opts.onCase?.(result);
    }
  } finally {
    worker.child.kill('SIGKILL');
  }
  figures.seconds = (Date.now() - started) / 1000;
  return figures;
}
