/**
 * The one mapping from storage failures to typed errors: Node's errno codes
 * and SQLite's result codes, each with its plain message naming the file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuarryError } from '../../../shared/errors.js';
import { asDiskError, diskFullMessage, diskProblem } from '../../../shared/fsx/diskErrors.js';
import { megabytesToFree } from '../../../shared/fsx/diskSpace.js';

const MB = 1024 * 1024;
const fsError = (code: string, path?: string) => Object.assign(new Error(`${code}: failed`), { code, ...(path ? { path } : {}) });
const sqliteError = (code: string) => Object.assign(new Error('SQLite said so'), { code, name: 'SqliteError' });

describe('diskProblem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-disk-errors-'));
  const project = join(dir, 'Study.quarry');

  it.each([
    ['ENOSPC', 'disk_full'],
    ['EDQUOT', 'disk_full'],
    ['EROFS', 'disk_read_only'],
    ['EACCES', 'no_permission'],
    ['EPERM', 'no_permission'],
    ['EIO', 'disk_error'],
    ['SQLITE_FULL', 'disk_full'],
    ['SQLITE_PERM', 'no_permission'],
  ])('%s becomes %s, naming the file', (code, expected) => {
    const err = diskProblem(code.startsWith('SQLITE') ? sqliteError(code) : fsError(code), { path: project });
    expect(err).toBeInstanceOf(QuarryError);
    expect(err!.code).toBe(expected);
    expect(err!.message).toContain('Study.quarry');
    expect(err!.message).not.toMatch(/SQLITE|errno|internal/i);
  });

  it('the full-disk message says how much to free', () => {
    expect(diskFullMessage(project, 30 * MB, 10 * MB)).toBe('There is not enough space on the disk to save Study.quarry; free about 20 MB and try again.');
    expect(diskFullMessage(project, 30 * MB, 10 * MB, 'Nothing was lost.')).toBe(
      'There is not enough space on the disk to save Study.quarry; free about 20 MB and try again. Nothing was lost.',
    );
    expect(megabytesToFree(100, 99)).toBe(1);
    expect(megabytesToFree(5 * MB + 1, 0)).toBe(6);
    expect(megabytesToFree(MB, null)).toBe(1);
  });

  it('an fs error names its own file unless the caller names the one being saved', () => {
    expect(diskProblem(fsError('EROFS', '/media/stick/Study.quarry.lock'))!.message).toMatch(/^Study\.quarry\.lock is on a disk or folder that is read-only/);
    expect(diskProblem(fsError('ENOSPC', '/x/.Table 1.docx.ab12.quarry-tmp'), { path: '/x/Table 1.docx', outcome: 'No file was written.' })!.message).toMatch(
      /^There is not enough space on the disk to save Table 1\.docx; free about \d+ MB and try again\. No file was written\.$/,
    );
  });

  it('SQLite I/O and read-only codes are judged from the folder: a writable folder with room is a disk error', () => {
    for (const code of ['SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_READONLY', 'SQLITE_CANTOPEN']) {
      const err = diskProblem(sqliteError(code), { path: project });
      expect(err!.code, code).toBe('disk_error');
      expect(err!.message).toBe('The disk reported an error while Quarry was saving Study.quarry. Check the disk (or the network share) and try again.');
    }
  });

  it('leaves everything else alone', () => {
    const quarry = new QuarryError('conflict', 'exists');
    expect(diskProblem(quarry)).toBe(quarry);
    expect(diskProblem(new Error('boom'))).toBeNull();
    expect(diskProblem(sqliteError('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(diskProblem(fsError('ENOENT'))).toBeNull();
    const plain = new TypeError('x');
    expect(asDiskError(plain)).toBe(plain);
  });
});
