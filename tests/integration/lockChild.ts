/**
 * A process racing for a project's lock (projectLock.test.ts): waits for the
 * start signal, tries to take the lock, says whether it won, holds it until
 * told to let go, then releases it.
 */
import { existsSync } from 'node:fs';
import { acquireLock } from '../../shared/db/projectLock.js';

const [projectPath, goFile, doneFile] = process.argv.slice(2) as [string, string, string];

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 2));
};

await until(() => existsSync(goFile));
let release: (() => void) | undefined;
try {
  release = acquireLock(projectPath);
  process.stdout.write('won\n');
} catch (err) {
  process.stdout.write(`lost ${(err as { code?: string }).code ?? 'error'}\n`);
}
await until(() => existsSync(doneFile));
release?.();
