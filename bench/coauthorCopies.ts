/**
 * Two co-authors' copies of a generated project: each keeps one coder's
 * codings, so merging one into the other adds the other coder's work. The
 * generator names codings with short ids that a merge refuses as GUIDs, so
 * every coding is given a GUID made from its row id (the same in both
 * copies, as GUIDs of one project's rows are).
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProjectDb } from '../shared/db/projectDb.js';

/** Keeps the codings of every coder but `dropped` (all of them when it is null), each with a GUID made from its row id. */
function keepOneCoder(path: string, dropped: string | null): void {
  const { project } = ProjectDb.open(path);
  try {
    project.history.untracked(() => {
      if (dropped !== null) project.db.prepare(`DELETE FROM codings WHERE coder_id = (SELECT id FROM users WHERE name = ?)`).run(dropped);
      project.db.exec(`UPDATE codings SET guid = printf('00000000-0000-4000-8000-%012d', id)`);
    });
  } finally {
    project.close();
  }
}

/** mine.quarry (Coder One's codings) and theirs.quarry (Coder Two's) in `dir`. */
export function coauthorCopies(generated: string, dir: string): { mine: string; theirs: string } {
  const mine = join(dir, 'mine.quarry');
  const theirs = join(dir, 'theirs.quarry');
  copyFileSync(generated, mine);
  copyFileSync(generated, theirs);
  keepOneCoder(mine, 'Coder Two');
  keepOneCoder(theirs, 'Coder One');
  return { mine, theirs };
}

/**
 * whole.quarry in `dir`: the generated project with every coding (GUIDs as
 * above), to merge into a new empty project — every row of it new, the same
 * data a REFI export and import move.
 */
export function wholeCopy(generated: string, dir: string): string {
  const whole = join(dir, 'whole.quarry');
  copyFileSync(generated, whole);
  keepOneCoder(whole, null);
  return whole;
}
