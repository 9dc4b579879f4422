/**
 * One Quarry main process per user: a second launch (double-clicking a
 * .quarry file while Quarry runs, or `quarry-desktop file.quarry`) hands its
 * file to the running app and exits, so two processes never write the same
 * settings file. macOS delivers files through 'open-file' instead.
 */
import { isAbsolute, resolve } from 'node:path';
import type { App } from 'electron';

/** A project file passed on the command line (or by the OS on double-click). */
export function projectFileFromArgv(argv: string[]): string | undefined {
  return argv.slice(1).find((a) => !a.startsWith('-') && /\.quarry$/i.test(a));
}

export interface SecondInstanceHandlers {
  /** The file the other launch was asked to open, made absolute against that launch's folder. */
  openFile(path: string): void;
  /** The other launch named no file: bring Quarry forward. */
  showApp(): void;
}

/** Hands later launches' files to this, the running app (after main.ts took the lock with requestSingleInstanceLock). */
export function watchSecondInstances(app: Pick<App, 'on'>, handlers: SecondInstanceHandlers): void {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = projectFileFromArgv(argv);
    if (file) handlers.openFile(isAbsolute(file) ? file : resolve(workingDirectory, file));
    else handlers.showApp();
  });
}
