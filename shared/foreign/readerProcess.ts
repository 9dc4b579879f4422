/**
 * How the reader of a co-author's file is started. Node (browser mode, the
 * CLI, tests) forks a child process. The desktop app cannot: its RunAsNode
 * fuse is off (electron-builder.yml), so Electron's binary will not run as
 * Node; the shell registers a launcher built on Electron's utilityProcess
 * instead (electron/readerLauncher.ts). Either way the reader is a separate
 * process that can always be killed.
 */
import { fork } from 'node:child_process';

export interface ReaderProcess {
  /** Sends one request; onError hears a message that could not be delivered. */
  send(message: unknown, onError: () => void): void;
  onMessage(listener: (message: unknown) => void): void;
  /** The process ended (killed, crashed, or could not start). */
  onExit(listener: () => void): void;
  kill(): void;
}

export interface ReaderLaunchOptions {
  /** The reader's heap limit. */
  maxOldSpaceMb: number;
}

export type ReaderLauncher = (entry: string, opts: ReaderLaunchOptions) => ReaderProcess;

export const forkLauncher: ReaderLauncher = (entry, opts) => {
  const child = fork(entry, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    // Not the parent's flags (a test runner's loaders): a plain Node with a bounded heap.
    execArgv: [`--max-old-space-size=${opts.maxOldSpaceMb}`],
  });
  return {
    send: (message, onError) => {
      child.send(message as never, (err) => {
        if (err) onError();
      });
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => {
      child.on('error', listener);
      child.on('exit', listener);
    },
    kill: () => {
      child.kill('SIGKILL');
    },
  };
};

let launcher: ReaderLauncher = forkLauncher;

/** The desktop shell replaces the launcher once, at start-up. */
export function setReaderLauncher(next: ReaderLauncher): void {
  launcher = next;
}

export function launchReader(entry: string, opts: ReaderLaunchOptions): ReaderProcess {
  return launcher(entry, opts);
}
