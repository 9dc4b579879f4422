/**
 * What quitting waits for, in order: calls under way (imports, merges,
 * exports — the long ones run as jobs) finish; if they have not within a
 * grace period they are cancelled, which rolls each back whole, and waited
 * for again; backups being written complete; then every project is closed
 * (checkpointed, lock released). Closing first would cut a backup or a job's
 * transaction off in the middle.
 */
import type { QuarryWindow } from './projectWindows.js';

/** How long quitting lets a running job finish before cancelling it. */
export const JOB_GRACE_MS = 30_000;
/** How long a cancelled job gets to roll back before the project is closed anyway. */
export const CANCEL_GRACE_MS = 10_000;

/** The renderer calls in flight, so quitting can wait for them. */
export class CallTracker {
  private readonly pending = new Set<Promise<unknown>>();

  track<T>(call: Promise<T>): Promise<T> {
    this.pending.add(call);
    const forget = () => this.pending.delete(call);
    call.then(forget, forget);
    return call;
  }

  get size(): number {
    return this.pending.size;
  }

  /** True once nothing is in flight; false if `withinMs` passed first. */
  async idle(withinMs: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), withinMs)));
    try {
      while (this.pending.size > 0) {
        const settled = Promise.allSettled([...this.pending]).then(() => true as const);
        if (!(await Promise.race([settled, timeout]))) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}

export interface DisposableWindows {
  all(): QuarryWindow[];
  /** False when a project could not be closed safely (the user has been told why). */
  closeAll(): boolean;
}

/** True when every project was closed; false when one must stay open (a full disk). */
export async function disposeProjects(windows: DisposableWindows, calls: CallTracker, log: (err: unknown) => void): Promise<boolean> {
  if (!(await calls.idle(JOB_GRACE_MS))) {
    for (const w of windows.all()) w.session.jobs.cancelAll();
    if (!(await calls.idle(CANCEL_GRACE_MS))) log(new Error('Quarry: a cancelled operation did not stop in time; closing the project anyway.'));
  }
  await Promise.all(windows.all().map((w) => w.session.backups?.idle()));
  return windows.closeAll();
}

/**
 * Closing a window ends its project: on Windows and Linux closing the last
 * window is how most people quit, and it never passes through before-quit
 * first. So a window's first 'close' is held while calls under way and its
 * backup finish, then the window closes for real. While the app is quitting
 * the quit sequence has done this already, and holding a window would cancel
 * the quit. A project that cannot be closed safely (no room on the disk for
 * its checkpoint) keeps its window; the next close tries again.
 */
export function holdCloseUntilIdle(
  win: { on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown; close(): void; isDestroyed(): boolean },
  windowOf: () => QuarryWindow | undefined,
  calls: CallTracker,
  quitting: () => boolean,
  log: (err: unknown) => void,
  closeSession: (w: QuarryWindow) => boolean,
): void {
  let released = false;
  win.on('close', (event) => {
    const w = windowOf();
    if (released || quitting() || !w?.session.project) return;
    event.preventDefault();
    released = true;
    void disposeProjects({ all: () => [w], closeAll: () => closeSession(w) }, calls, log)
      .catch((err: unknown) => {
        log(err);
        return true;
      })
      .then((closed) => {
        if (!closed) released = false;
        else if (!win.isDestroyed()) win.close();
      });
  });
}
