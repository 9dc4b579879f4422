/**
 * The demo study built once per test file (into a temp dir), for query tests
 * that check the fixture spec's numbers.
 */
import { join } from 'node:path';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { buildDemoProject } from '../../../shared/demo/buildDemo.js';
import { tempDir } from '../db/testProject.js';

export const PRIMARY = 'Ruth Ashworth';

export { THEMES, PARTICIPANT_BY_THEME, ROW_TOTALS, COLUMN_TOTALS, PEOPLE_PER_THEME } from '../../demoExpectations.js';

export async function buildDemo(): Promise<{ path: string; dir: string }> {
  const dir = tempDir('quarry-queries-demo-');
  const path = join(dir, 'demo.quarry');
  await buildDemoProject(path);
  return { path, dir };
}

export function openDemo(path: string, readOnly = true): ProjectDb {
  return ProjectDb.open(path, { readOnly, lock: !readOnly }).project;
}
