/**
 * Tests that start a child process (the crash harness's child, the fuzz
 * worker) need it as JavaScript. Rather than depend on a fresh `tsc` build,
 * the entry is bundled from the TypeScript sources with rolldown (Vite's
 * bundler, already installed) into node_modules/.cache, where packages
 * resolve. Takes well under a second.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'rolldown';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export async function bundleForChild(entry: string, name: string): Promise<string> {
  const dir = join(ROOT, 'node_modules', '.cache', 'quarry-tests');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${process.pid}.mjs`);
  await build({
    input: join(ROOT, entry),
    platform: 'node',
    // Packages and Node built-ins stay imports; only Quarry's own sources are bundled.
    external: [/^[^./]/],
    // One file: the sources load some modules lazily (import()), which would otherwise split into chunks.
    output: { file, format: 'esm', codeSplitting: false },
    logLevel: 'silent',
  });
  return file;
}
