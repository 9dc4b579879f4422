/**
 * The desktop app's way to start the reader of a co-author's file
 * (shared/foreign/readerProcess.ts): Electron's utilityProcess, a Node
 * process that needs no RunAsNode fuse (which is off) and can be killed.
 */
import type { ReaderLauncher } from '../shared/foreign/readerProcess.js';

/** The part of Electron's utilityProcess module and UtilityProcess this uses. */
export interface UtilityProcessApi {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; execArgv?: string[]; stdio?: 'ignore' | 'inherit' | 'pipe' }): UtilityChild;
}

export interface UtilityChild {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export function utilityProcessLauncher(utilityProcess: UtilityProcessApi): ReaderLauncher {
  return (entry, opts) => {
    const child = utilityProcess.fork(entry, [], {
      serviceName: 'Quarry file reader',
      execArgv: [`--max-old-space-size=${opts.maxOldSpaceMb}`],
      stdio: 'ignore',
    });
    let exited = false;
    return {
      send: (message, onError) => {
        if (exited) return onError();
        try {
          child.postMessage(message);
        } catch {
          onError();
        }
      },
      onMessage: (listener) => {
        child.on('message', listener);
      },
      onExit: (listener) => {
        child.on('exit', () => {
          exited = true;
          listener();
        });
      },
      kill: () => {
        child.kill();
      },
    };
  };
}
