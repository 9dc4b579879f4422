/**
 * The co-author scenario built from the demo study: the full demo, "Ruth's
 * file" (the demo without Daniel Osei's codings) and "Daniel's file" (the
 * demo with only Daniel's codings). Merging Daniel's file into Ruth's must
 * give back the full demo.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoProject } from '../../../shared/demo/buildDemo.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';

export const PRIMARY = 'Ruth Ashworth';
export const SECOND = 'Daniel Osei';

/** Removes every coding by `coder` (and what hangs off them) without an undo step. */
export function removeCodingsOf(path: string, coder: string): void {
  const { project } = ProjectDb.open(path);
  try {
    project.history.untracked(() => project.db.prepare(`DELETE FROM codings WHERE coder_id = (SELECT id FROM users WHERE name = ?)`).run(coder));
  } finally {
    project.close();
  }
}

export async function buildCoauthorFiles(dir: string): Promise<{ full: string; ruth: string; daniel: string }> {
  const full = join(dir, 'demo-full.quarry');
  await buildDemoProject(full);
  const ruth = join(dir, 'ruth.quarry');
  const daniel = join(dir, 'daniel.quarry');
  copyFileSync(full, ruth);
  copyFileSync(full, daniel);
  removeCodingsOf(ruth, SECOND);
  removeCodingsOf(daniel, PRIMARY);
  return { full, ruth, daniel };
}
