import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { buildIsFresh, writeStamp } from '../../../scripts/buildStamp.mjs';
import { tempDir } from '../db/testProject.js';

const fresh = buildIsFresh as (root: string) => boolean;
const stamp = writeStamp as (root: string) => void;

function fakeCheckout(): string {
  const root = tempDir();
  for (const dir of ['shared', 'renderer/components', 'build/renderer', 'build/server']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'shared', 'core.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'renderer', 'components', 'App.tsx'), 'export const App = () => null;\n');
  writeFileSync(join(root, 'package.json'), '{}\n');
  writeFileSync(join(root, 'build', 'renderer', 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'build', 'server', 'main.js'), '');
  return root;
}

describe('build stamp (npm run web rebuilds only when sources changed)', () => {
  it('a build with no stamp is not trusted; after the stamp it is fresh', () => {
    const root = fakeCheckout();
    expect(fresh(root)).toBe(false);
    stamp(root);
    expect(fresh(root)).toBe(true);
  });

  it('any change to a source, a new file or a config makes the build stale', () => {
    const root = fakeCheckout();
    stamp(root);
    writeFileSync(join(root, 'renderer', 'components', 'App.tsx'), 'export const App = () => 1;\n');
    expect(fresh(root)).toBe(false);
    stamp(root);
    writeFileSync(join(root, 'shared', 'new.ts'), 'export {};\n');
    expect(fresh(root)).toBe(false);
    stamp(root);
    writeFileSync(join(root, 'package.json'), '{"x":1}\n');
    expect(fresh(root)).toBe(false);
  });

  it('a build whose output is missing is stale even with a matching stamp', () => {
    const root = fakeCheckout();
    stamp(root);
    writeFileSync(join(root, 'build', 'renderer', 'index.html'), '');
    expect(fresh(root)).toBe(true);
    const other = fakeCheckout();
    stamp(other);
    // Removing the server build: nothing to start.
    writeFileSync(join(other, 'build', '.build-stamp.json'), '{not json');
    expect(fresh(other)).toBe(false);
  });
});
