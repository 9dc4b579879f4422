/**
 * Runs `quarry` commands in-process (the CLI's own entry, on the TypeScript
 * sources) in a folder, for tests that script a study the way a researcher
 * would.
 */
import { expect } from 'vitest';
import { runCli } from '../../cli/main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runQuarry(cwd: string, argv: string[], coder = 'Test coder'): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: { QUARRY_CODER: coder } });
  return { code, out, err };
}

/** A command that must succeed without a word on stderr; its output. */
export async function quarryOk(cwd: string, ...argv: string[]): Promise<string> {
  const r = await runQuarry(cwd, argv);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out;
}
