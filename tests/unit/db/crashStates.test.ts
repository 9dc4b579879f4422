/**
 * States a killed process leaves behind, found by the crash harness: a
 * checkpoint stopped after it wrote page 1 (with the grown page count) but
 * before it extended the file. The WAL beside the file still holds every
 * page, so the project must open — and a file that is really cut short
 * (no WAL) must still be refused.
 */
import { copyFileSync, openSync, readSync, writeSync, closeSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { addSource, newProject, tempDir } from './testProject.js';

function bumpHeaderPageCount(path: string, extra: number): void {
  const fd = openSync(path, 'r+');
  try {
    const b = Buffer.alloc(4);
    readSync(fd, b, 0, 4, 28);
    b.writeUInt32BE(b.readUInt32BE(0) + extra);
    writeSync(fd, b, 0, 4, 28);
  } finally {
    closeSync(fd);
  }
}

describe('a project left by a process killed mid-checkpoint', () => {
  it('opens when its WAL holds the pages the header promises, with every committed change', () => {
    const { project, ctx, path } = newProject();
    for (let i = 0; i < 20; i++) addSource(ctx, `Interview ${i}`, `Respondent: ${'words '.repeat(2000)}${i}`);
    // The crash state: the main file and its WAL as they are while the project is open.
    const dir = tempDir();
    const crashed = join(dir, 'crashed.quarry');
    copyFileSync(path, crashed);
    copyFileSync(`${path}-wal`, `${crashed}-wal`);
    project.close();
    bumpHeaderPageCount(crashed, 40);
    const { project: reopened } = ProjectDb.open(crashed);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(reopened.db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(20);
    reopened.close();
  });

  it('still refuses a file that is really cut short (no WAL to complete it)', () => {
    const { project, ctx, path } = newProject();
    addSource(ctx, 'Interview', 'Respondent: hello');
    project.close();
    rmSync(`${path}-wal`, { force: true });
    bumpHeaderPageCount(path, 40);
    expect(() => ProjectDb.open(path)).toThrow(/the project file is incomplete/);
  });
});
