/**
 * Runs one long task (a REFI-QDA export or import) in a helper process, so
 * the process that answers the user — Electron's main process or the
 * browser-mode server — keeps its event loop free. The helper is started by
 * the same launcher as the merge's reader (a fork under Node, Electron's
 * utilityProcess in the desktop app) and can always be killed: Cancel kills
 * it at once, whatever it is doing. The helper reports progress, which is
 * passed on to the job the call runs under.
 */
import { QuarryError, type ErrorPayload } from '../errors.js';
import { launchReader } from '../foreign/readerProcess.js';
import { currentJob } from './jobContext.js';

/** What a helper posts: progress any number of times, then one outcome. */
export type ChildMessage =
  | { kind: 'progress'; done: number; total: number; phase: string }
  /** maxRssKb: the helper's peak resident memory, for the benchmark's figures. */
  | { kind: 'done'; value: unknown; maxRssKb?: number }
  | { kind: 'error'; error: ErrorPayload };

export interface ChildTaskOptions {
  /** The helper's heap limit. */
  maxOldSpaceMb: number;
  /** Aborting it kills the helper; the call fails as cancelled. Defaults to the current job's Cancel. */
  signal?: AbortSignal;
  /** Says what the helper died of when it ends without an answer (it crashed or ran out of memory). */
  diedMessage: string;
  /** Hears the helper's peak resident memory when it finishes (the benchmark). */
  onPeakRss?: (kb: number) => void;
}

const cancelled = () => new QuarryError('cancelled', 'Cancelled. Nothing was changed: the project is exactly as it was before.');

export function runChildTask<T>(entry: string, request: unknown, opts: ChildTaskOptions): Promise<T> {
  // Captured now: the helper's messages arrive outside this call's async context.
  const job = currentJob();
  const signal = opts.signal ?? job?.signal;
  if (signal?.aborted) return Promise.reject(cancelled());
  const child = launchReader(entry, { maxOldSpaceMb: opts.maxOldSpaceMb });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (err: unknown, value?: T) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      try {
        child.kill();
      } catch {
        // Already gone: what matters is that it no longer runs.
      }
      if (err) reject(err);
      else resolve(value as T);
    };
    const onAbort = () => finish(cancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
    child.onMessage((raw) => {
      const m = raw as ChildMessage;
      if (m.kind === 'progress') job?.report(m.done, m.total, m.phase);
      else if (m.kind === 'done') {
        if (m.maxRssKb !== undefined) opts.onPeakRss?.(m.maxRssKb);
        finish(undefined, m.value as T);
      }
      else finish(new QuarryError(m.error.code, m.error.message, m.error.details));
    });
    child.onExit(() => finish(new QuarryError('internal', opts.diedMessage)));
    child.send(request, () => finish(new QuarryError('internal', opts.diedMessage)));
  });
}
