/**
 * Running the CLI in-process and calling the contract directly on the same
 * project file: the two ways the CLI-versus-contract tests drive a project.
 */
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { cliRunner } from './cliRunner.js';
import { createDispatcher } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';

export type { CliRun as Run } from './cliRunner.js';

/** `quarry …` in a folder as `coder`; ok() expects exit code 0 and gives the output. */
export const cliAs = (coder: string) => cliRunner({ QUARRY_CODER: coder });

/**
 * Opens a project file in an app session (closed after each test) and
 * returns a typed-enough caller of the contract's methods.
 */
export function contractSessionsAs(coder: string) {
  const sessions: Session[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.close();
  });
  const open = async (dir: string, file: string) => {
    const session = new Session({ dataDir: join(dir, `data-${file}`), platform: 'web', backupCheckMs: 0, oneShot: { coderName: coder } });
    sessions.push(session);
    const dispatch = createDispatcher(session, (e) => {
      throw e;
    });
    const call = async <T>(method: string, args: unknown = {}): Promise<T> => {
      const r = await dispatch(method, args);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as T;
    };
    await call('project.open', { path: join(dir, file) });
    return call;
  };
  /** Closes the session opened last (its lock with it), before the CLI writes the same file. */
  const closeLast = (): void => sessions.pop()?.close();
  return Object.assign(open, { closeLast });
}
