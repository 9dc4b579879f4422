/**
 * The import reads each source's selections from a spool, one source at a
 * time, long after the point where reading them all at once reported what
 * they lack (stagedSelections.ts). This pins the report to what the import
 * gave before that change: the golden file was recorded from the importer as
 * it was (commit b6137fb) on a project where every such step has something
 * to say in several sources — conversion, duplicate sources and selection
 * GUIDs, references to notes and selections not in the file, annotation
 * anchors, refused names, folder codes — and the plan must match it item for
 * item, in order, through the memory spool and through the file spool.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRefiPackage } from '../../../shared/refi/qdpxReader.js';
import { readRefiFile } from '../../../shared/refi/readRefiFile.js';
import { planRefiImport } from '../../../shared/refi/refiImportPlan.js';
import type { PlannedCoding, RefiImportPlan } from '../../../shared/refi/refiImportPlanTypes.js';
import { fileSpool } from '../../../shared/refi/selectionSpool.js';
import { stagedOrderPackage } from './stagedOrderFixture.js';

const golden = JSON.parse(readFileSync(join(import.meta.dirname, 'stagedOrder.golden.json'), 'utf8')) as Record<string, unknown>;

function outcome(plan: RefiImportPlan, codings: PlannedCoding[] = plan.codings) {
  return {
    skipped: plan.skipped,
    warnings: plan.warnings,
    codings: codings.map((c) => [c.guid, c.sourceGuid, c.start, c.end]),
    memos: plan.memos,
    codes: plan.codes.map((c) => [c.name, c.isCodable]),
    spans: plan.caseSpans,
  };
}

const { readSkipped: _s, readWarnings: _w, ...expected } = golden;

describe('a staged import reports in the order reading every source at once did', () => {
  it('reads the whole package (memory spool) to the recorded result', () => {
    const read = readRefiPackage('order.qdpx', stagedOrderPackage());
    expect(read.skipped).toEqual(golden['readSkipped']);
    expect(read.warnings).toEqual(golden['readWarnings']);
    expect(outcome(planRefiImport(read))).toEqual(expected);
  });

  it('plans from a file spool, handing on each source’s codings as planned, to the recorded result', () => {
    const spool = fileSpool();
    try {
      const read = readRefiFile('order.qdpx', stagedOrderPackage(), spool);
      // Nothing is held in the sources: their selections are in the spool until the planner takes them.
      expect(read.project.sources.every((s) => s.selections.length === 0 && s.staged !== undefined)).toBe(true);
      const handedOn: PlannedCoding[] = [];
      const sources: string[] = [];
      const plan = planRefiImport(read, {
        consumeSelections: true,
        onSource: (_plan, source, codings) => {
          sources.push(source.name);
          handedOn.push(...codings);
        },
      });
      expect(plan.codings).toEqual([]);
      expect(plan.codingsHandedOn).toBe(8);
      expect(sources).toEqual(plan.sources.map((s) => s.name));
      expect(outcome(plan, handedOn)).toEqual(expected);
    } finally {
      spool.close();
    }
  });
});
