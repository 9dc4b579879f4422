/**
 * Runs `quarry` commands in-process (the CLI's own entry, on the TypeScript
 * sources) in a folder, for tests that script a study the way a researcher
 * would.
 */
import { expect } from 'vitest';
import { cliRunner, type CliRun } from './cliRunner.js';

export type { CliRun } from './cliRunner.js';

export const runQuarry = (cwd: string, argv: string[], coder = 'Test coder'): Promise<CliRun> => cliRunner({ QUARRY_CODER: coder }).quarry(cwd, ...argv);

/** A command that must succeed without a word on stderr; its output. */
export async function quarryOk(cwd: string, ...argv: string[]): Promise<string> {
  const r = await runQuarry(cwd, argv);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out;
}
