/**
 * The import keeps selections and planned codings in a spool beside the
 * project it builds (`<temporary path>.spool`), so whoever removes a killed
 * import's leftovers removes it too. It is gone after every import: one
 * that completes, one refused for losses not accepted, one that fails.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRefiProject } from '../../shared/services/refiService.js';
import { stagedOrderPackage } from '../unit/refi/stagedOrderFixture.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-spool-cleanup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the import spool', () => {
  it('is removed after an import completes', () => {
    const tempPath = join(dir, 'new.quarry.importing-test');
    const { report } = importRefiProject(join(dir, 'new.quarry'), 'order.qdpx', stagedOrderPackage(), { acceptLosses: true, tempPath });
    expect(report.codings).toBe(8);
    expect(existsSync(`${tempPath}.spool`)).toBe(false);
    expect(readdirSync(dir)).toEqual(['new.quarry']);
  });

  it('is removed when the import is refused because losses were not accepted', () => {
    const tempPath = join(dir, 'new.quarry.importing-test');
    expect(() => importRefiProject(join(dir, 'new.quarry'), 'order.qdpx', stagedOrderPackage(), { tempPath })).toThrow(/cannot be imported/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is removed when the file cannot be read', () => {
    const tempPath = join(dir, 'new.quarry.importing-test');
    const cut = stagedOrderPackage().subarray(0, 300);
    expect(() => importRefiProject(join(dir, 'new.quarry'), 'order.qdpx', cut, { acceptLosses: true, tempPath })).toThrow(/order\.qdpx/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
