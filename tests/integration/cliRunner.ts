/** The quarry CLI run in-process for a test, with output captured, as a coder given by `env`. */
import { expect } from 'vitest';
import { runCli } from '../../cli/main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export function cliRunner(env: Record<string, string>) {
  const quarry = async (cwd: string, ...argv: string[]): Promise<CliRun> => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env });
    return { code, out, err };
  };
  /** Stdout of a run that must succeed (its stderr is the failure message otherwise). */
  const ok = async (cwd: string, ...argv: string[]): Promise<string> => {
    const r = await quarry(cwd, ...argv);
    expect(r.code, r.err).toBe(0);
    return r.out;
  };
  return { quarry, ok };
}
