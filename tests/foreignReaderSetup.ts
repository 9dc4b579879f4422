/**
 * Merges read the other project file in a child process whose script is
 * JavaScript. Tests run the TypeScript sources, so the script is bundled
 * once per run (as childBundle.ts does for other children) and named in
 * QUARRY_FOREIGN_READER, which the test processes inherit.
 */
import { bundleForChild } from './integration/childBundle.js';

export default async function setup(): Promise<void> {
  if (!process.env.QUARRY_FOREIGN_READER) process.env.QUARRY_FOREIGN_READER = await bundleForChild('shared/foreign/foreignReaderChild.ts', 'foreign-reader');
}
