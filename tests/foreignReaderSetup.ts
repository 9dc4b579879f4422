/**
 * Merges read the other project file in a child process whose script is
 * JavaScript. Tests run the TypeScript sources, so the script is bundled
 * once per run (as childBundle.ts does for other children) and named in
 * QUARRY_FOREIGN_READER, which the test processes inherit; the bundle is
 * removed when the run ends.
 */
import { rmSync } from 'node:fs';
import { bundleForChild } from './integration/childBundle.js';

export default async function setup(): Promise<(() => void) | undefined> {
  if (process.env.QUARRY_FOREIGN_READER) return undefined;
  const bundle = await bundleForChild('shared/foreign/foreignReaderChild.ts', 'foreign-reader');
  process.env.QUARRY_FOREIGN_READER = bundle;
  return () => rmSync(bundle, { force: true });
}
