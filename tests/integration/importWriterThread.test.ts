/**
 * The import written on a thread beside the planner (importWriterThread.ts,
 * the REFI worker's own script) gives the same projects as the import
 * written on the planner's thread: every oracle input imported both ways
 * matches the outcomes recorded from the importer before either (the
 * oracle masks only what differs between two imports of the same file, so
 * a cell the thread wrote differently would change a digest). A refusal
 * leaves nothing behind; a thread that cannot start leaves the writing to
 * the planner's thread.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRefiProject } from '../../shared/services/refiService.js';
import { stagedOrderPackage } from '../unit/refi/stagedOrderFixture.js';
import { inputs, ORACLE, outcomeOf, type Outcome } from './refiOracleRun.js';

const script = process.env.QUARRY_REFI_WORKER;

describe('the import written on a thread', () => {
  const recorded = JSON.parse(readFileSync(ORACLE, 'utf8')) as Record<string, Outcome>;
  it('has the REFI worker’s script to run (the test setup bundles it)', () => {
    expect(script).toBeTruthy();
  });

  for (const [name, bytes] of Object.entries(inputs())) {
    it(`imports ${name} as recorded`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'quarry-thread-oracle-'));
      try {
        expect(outcomeOf(name, bytes, dir, { writerThread: script! })).toEqual(recorded[name]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('creates nothing when the losses are not accepted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-thread-refuse-'));
    try {
      const tempPath = join(dir, 'new.quarry.importing-test');
      expect(() => importRefiProject(join(dir, 'new.quarry'), 'order.qdpx', stagedOrderPackage(), { tempPath, writerThread: script! })).toThrow(/cannot be imported/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes on the planner’s thread when the writer thread cannot start, with the same result', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-thread-fail-'));
    try {
      // A script that is not there (as in a packaged app that could not run it): the import goes on without the thread.
      const viaFallback = importRefiProject(join(dir, 'a.quarry'), 'order.qdpx', stagedOrderPackage(), { acceptLosses: true, writerThread: join(dir, 'missing-script.js') });
      const plain = importRefiProject(join(dir, 'b.quarry'), 'order.qdpx', stagedOrderPackage(), { acceptLosses: true });
      expect(viaFallback.report).toEqual(plain.report);
      expect(readdirSync(dir).sort()).toEqual(['a.quarry', 'b.quarry']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
