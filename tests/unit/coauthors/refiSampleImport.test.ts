/**
 * Every REFI-QDA sample from other tools (kept outside the repository, read
 * only when present) either imports into a NEW Quarry project with the counts
 * its project.qde declares minus the items listed as skipped, or is refused
 * with a stated reason.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { QuarryError } from '../../../shared/errors.js';
import { importRefiProject, previewRefiImport } from '../../../shared/services/refiService.js';
import { countAll } from '../../../shared/store/metaStore.js';
import type { RefiImportReport } from '../../../shared/refi/refiImportPlanTypes.js';
import { sharedPath } from '../../sharedReference.js';

const SAMPLES = sharedPath('refi', 'samples');
const work = mkdtempSync(join(tmpdir(), 'quarry-samples-'));

function samples(): string[] {
  if (!existsSync(SAMPLES)) return [];
  return readdirSync(SAMPLES)
    .flatMap((dir) => readdirSync(join(SAMPLES, dir)).map((f) => join(SAMPLES, dir, f)))
    .filter((f) => /\.(qdpx|qde|qdc)$/i.test(f))
    .sort();
}

const skippedOf = (r: RefiImportReport, kind: string): number => r.skipped.filter((s) => s.kind === kind).length;
const table: string[] = [];

describe('importing the REFI-QDA samples as new projects', () => {
  const files = samples();
  if (files.length === 0) {
    it('has no samples here', () => {
      console.warn(`REFI-QDA samples not found under ${SAMPLES}: the sample import tests did not run`);
      expect(files).toEqual([]);
    });
    return;
  }

  files.forEach((file, i) => {
    const label = `${basename(join(file, '..'))}/${basename(file)}`;
    it(label, () => {
      const bytes = new Uint8Array(readFileSync(file));
      const target = join(work, `sample-${i}.quarry`);
      let report: RefiImportReport;
      try {
        report = importRefiProject(target, basename(file), bytes, { acceptLosses: true }).report;
      } catch (err) {
        expect(err).toBeInstanceOf(QuarryError);
        expect((err as Error).message.startsWith(`${basename(file)}: `)).toBe(true);
        expect(existsSync(target)).toBe(false);
        table.push(`| ${label} | refused: ${(err as Error).message} |`);
        return;
      }
      expect(previewRefiImport(basename(file), bytes)).toEqual(report);
      const d = report.declared;
      expect(report.sources).toBe(d.sources - skippedOf(report, 'source'));
      expect(report.codes).toBe(d.codes - skippedOf(report, 'code'));
      expect(report.codings).toBe(d.codings - skippedOf(report, 'coding'));
      expect(report.cases).toBe(d.cases - skippedOf(report, 'case'));
      expect(report.notes).toBe(d.notes - skippedOf(report, 'note'));
      for (const s of report.skipped) expect(s.reason.length).toBeGreaterThan(10);
      const { project } = ProjectDb.open(target, { readOnly: true, lock: false });
      const counts = countAll(project.db);
      const fromNotes = project.db.prepare(`SELECT count(*) FROM memos`).pluck().get() as number;
      project.close();
      expect(counts.sources).toBe(report.sources);
      expect(counts.codes).toBe(report.codes);
      expect(counts.codings).toBe(report.codings);
      expect(counts.cases).toBeGreaterThanOrEqual(report.cases);
      expect(fromNotes).toBeGreaterThanOrEqual(report.notes);
      const kinds = [...new Set(report.skipped.map((s) => s.kind))].map((k) => `${k} ${skippedOf(report, k)}`).join(', ');
      table.push(
        `| ${label} | ${report.sources}/${d.sources} sources, ${report.codes}/${d.codes} codes, ${report.codings}/${d.codings} codings, ` +
          `${report.cases}/${d.cases} cases, ${report.notes}/${d.notes} notes | ${report.positionUnit} | ${kinds || 'none'} |`,
      );
    });
  });

  it('prints the import table', () => {
    console.log(['| sample | imported / declared | unit | skipped |', '|---|---|---|---|', ...table].join('\n'));
    expect(table.length).toBe(files.length);
  });
});
