/**
 * Quitting without cutting work short: Electron's 'before-quit' is
 * synchronous, so the first one is refused (preventDefault), the async
 * dispose runs — calls and jobs under way finish, running backups complete,
 * every project is closed — and only then is quit asked for again, which
 * this time passes. A second Quit while disposing is absorbed.
 */

export interface QuitSequence {
  /** 'running' until the first quit; 'disposing' while work finishes; 'done' once quit may proceed. */
  readonly state: 'running' | 'disposing' | 'done';
  /** Settles when dispose has finished (whether or not it failed). */
  readonly finished: Promise<void>;
}

/** The part of Electron's `app` the sequence uses. */
export interface QuittableApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export function installQuitSequence(app: QuittableApp, dispose: () => Promise<void>, log: (err: unknown) => void): QuitSequence {
  let state: QuitSequence['state'] = 'running';
  let markFinished!: () => void;
  const finished = new Promise<void>((resolve) => (markFinished = resolve));
  app.on('before-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    void dispose()
      .catch(log)
      .finally(() => {
        state = 'done';
        markFinished();
        app.quit();
      });
  });
  return {
    get state() {
      return state;
    },
    finished,
  };
}
