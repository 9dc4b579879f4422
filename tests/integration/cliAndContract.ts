/**
 * Running the CLI in-process and calling the contract directly on the same
 * project file: the two ways the CLI-versus-contract tests drive a project.
 */
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { runCli } from '../../cli/main.js';
import { createDispatcher } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** `quarry …` in a folder as `coder`; ok() expects exit code 0 and gives the output. */
export function cliAs(coder: string) {
  const quarry = async (cwd: string, ...argv: string[]): Promise<Run> => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: { QUARRY_CODER: coder } });
    return { code, out, err };
  };
  const ok = async (cwd: string, ...argv: string[]): Promise<string> => {
    const r = await quarry(cwd, ...argv);
    expect(r.code, r.err).toBe(0);
    return r.out;
  };
  return { quarry, ok };
}

/**
 * Opens a project file in an app session (closed after each test) and
 * returns a typed-enough caller of the contract's methods.
 */
export function contractSessionsAs(coder: string) {
  const sessions: Session[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.close();
  });
  return async (dir: string, file: string) => {
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
}
