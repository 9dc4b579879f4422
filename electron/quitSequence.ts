/**
 * Quitting without cutting work short: Electron's 'before-quit' is
 * synchronous, so the first one is refused (preventDefault), the async
 * dispose runs — calls and jobs under way finish, running backups complete,
 * every project is closed — and only then is quit asked for again, which
 * this time passes. A second Quit while disposing is absorbed. If a project
 * cannot be closed safely (no room on the disk for its checkpoint: the user
 * has been told), dispose answers false and Quarry keeps running.
 */

export interface QuitSequence {
  /** 'running' until the first quit; 'disposing' while work finishes; 'done' once quit may proceed. */
  readonly state: 'running' | 'disposing' | 'done';
  /** Settles when the latest dispose has finished (whether or not it failed, or cancelled the quit). */
  readonly finished: Promise<void>;
}

/** The part of Electron's `app` the sequence uses. */
export interface QuittableApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/** dispose resolves false when a project could not be closed safely: the quit is called off. */
export function installQuitSequence(app: QuittableApp, dispose: () => Promise<boolean | void>, log: (err: unknown) => void): QuitSequence {
  let state: QuitSequence['state'] = 'running';
  let finished: Promise<void> = Promise.resolve();
  app.on('before-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    finished = dispose().then(
      (closed) => {
        if (closed === false) {
          state = 'running';
          return;
        }
        state = 'done';
        app.quit();
      },
      (err: unknown) => {
        // A failure nobody foresaw still lets the user quit; what could be closed was.
        log(err);
        state = 'done';
        app.quit();
      },
    );
  });
  return {
    get state() {
      return state;
    },
    get finished() {
      return finished;
    },
  };
}
