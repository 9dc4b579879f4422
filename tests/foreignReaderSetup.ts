/**
 * Merges read the other project file in a child process and write on a
 * worker thread, and REFI-QDA exports and imports run in a worker process;
 * the scripts are JavaScript.
 * Tests run the TypeScript sources, so each script is bundled once per run
 * (as childBundle.ts does for other children) and named in
 * QUARRY_FOREIGN_READER, QUARRY_MERGE_WRITER and QUARRY_REFI_WORKER, which the test processes
 * inherit; the bundles are removed when the run ends.
 */
import { rmSync } from 'node:fs';
import { bundleForChild } from './integration/childBundle.js';

export default async function setup(): Promise<() => void> {
  const made: string[] = [];
  if (!process.env.QUARRY_FOREIGN_READER) {
    process.env.QUARRY_FOREIGN_READER = await bundleForChild('shared/foreign/foreignReaderChild.ts', 'foreign-reader');
    made.push(process.env.QUARRY_FOREIGN_READER);
  }
  if (!process.env.QUARRY_REFI_WORKER) {
    process.env.QUARRY_REFI_WORKER = await bundleForChild('shared/refi/refiWorkerChild.ts', 'refi-worker');
    made.push(process.env.QUARRY_REFI_WORKER);
  }
  if (!process.env.QUARRY_MERGE_WRITER) {
    process.env.QUARRY_MERGE_WRITER = await bundleForChild('shared/services/mergeWriterThread.ts', 'merge-writer');
    made.push(process.env.QUARRY_MERGE_WRITER);
  }
  return () => {
    for (const file of made) rmSync(file, { force: true });
  };
}
