/**
 * Exports (issue 8): a coded passages report of 1,000 passages — read from
 * the project with attributions from a label template over case attributes,
 * then written as a Word document — must take < 400 ms (Taguette 1.5 needs
 * about 2 s for the same through calibre). Also timed: the demo-sized
 * Table 1 (classification) export, for scale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ProjectDb } from '../shared/db/projectDb.js';
import { loadClassificationTable } from '../shared/exporters/loadClassification.js';
import { classificationTableToDocx } from '../shared/exporters/classificationDocx.js';
import { loadQuotesReport } from '../shared/exporters/loadQuotes.js';
import { quotesReportToDocx } from '../shared/exporters/quotesDocx.js';
import { defineAttribute, listAttributes, setCaseValue } from '../shared/services/caseService.js';
import { createCode } from '../shared/services/codeService.js';
import { applyCoding } from '../shared/services/codingService.js';
import type { ServiceContext } from '../shared/services/context.js';
import { importFiles } from '../shared/services/sourceService.js';
import { listCases } from '../shared/store/casesStore.js';
import { listSources } from '../shared/store/sourcesStore.js';
import type { BenchModule, BenchRow } from './benchTypes.js';
import { median, round } from './measure.js';
import { mulberry32 } from '../shared/seededRandom.js';
import { textGenerator } from './syntheticText.js';

const SOURCES = 40;
const PASSAGES = 1_000;
const PASSAGE_CHARS = 320;
const RUNS = 9;
const WARMUP = 2;

/** A project of 40 interviews, each a case with Group and Role, and 1,000 passages of about 320 characters at one code. */
export async function buildQuotesProject(path: string): Promise<ProjectDb> {
  const project = ProjectDb.create(path, { name: 'Quotes export bench' });
  const ctx: ServiceContext = { project, coderName: 'Bench Coder' };
  const gen = textGenerator(8);
  const files = Array.from({ length: SOURCES }, (_, i) => ({ fileName: `P${i + 1}.txt`, bytes: new TextEncoder().encode(gen.transcript(30_000)) }));
  await importFiles(ctx, files, { caseFromFileName: true });
  defineAttribute(ctx, { name: 'Group', type: 'choice', choices: ['Entrepreneur', 'Intermediary'] });
  defineAttribute(ctx, { name: 'Role', type: 'text' });
  const [group, role] = listAttributes(project.db);
  for (const [i, c] of listCases(project.db).entries()) {
    setCaseValue(ctx, { caseId: c.id, attributeId: group!.id, raw: i % 3 ? 'Entrepreneur' : 'Intermediary' });
    setCaseValue(ctx, { caseId: c.id, attributeId: role!.id, raw: i % 3 ? 'Managing director' : 'Economic development officer' });
  }
  createCode(ctx, { path: 'Outcomes/Trust', description: 'How far members rely on one another.' });
  const rand = mulberry32(11);
  const sources = listSources(project.db);
  for (let k = 0; k < PASSAGES; k++) {
    const s = sources[k % sources.length]!;
    const slot = Math.floor(k / sources.length);
    // Passages in separate stretches of each source, so none folds into another.
    const start = slot * 1_100 + Math.floor(rand() * 400);
    applyCoding(ctx, { sourceId: s.id, start, end: Math.min(s.characters, start + PASSAGE_CHARS), codePath: 'Outcomes/Trust' });
  }
  return project;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<{ median: number; runs: number }> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), runs: RUNS };
}

export const quotesExportBench: BenchModule = {
  name: 'exports',
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-bench-export-'));
    try {
      ctx.log(`building a project with ${PASSAGES} coded passages…`);
      const project = await buildQuotesProject(join(dir, 'quotes.quarry'));
      const db = project.db;
      const options = { codes: ['Outcomes/Trust'], labelTemplate: '{Role} ({case})', memos: true };
      const count = loadQuotesReport(db, options).sections[0]!.passages.length;
      if (count !== PASSAGES) throw new Error(`the bench project has ${count} passages to quote, not ${PASSAGES}`);
      let bytes = 0;
      const total = await timeAsync(async () => (bytes = (await quotesReportToDocx(loadQuotesReport(db, options))).length));
      const load = await timeAsync(async () => loadQuotesReport(db, options));
      const report = loadQuotesReport(db, options);
      const write = await timeAsync(() => quotesReportToDocx(report));
      const cases = await timeAsync(() => classificationTableToDocx(loadClassificationTable(db, { groupBy: 'Group' })));
      project.close();
      const rows: BenchRow[] = [
        {
          name: `exports: quotes report, ${PASSAGES} passages → .docx`,
          median: round(total.median),
          runs: total.runs,
          target: 400,
          note: `read ${round(load.median)} ms + Word ${round(write.median)} ms; ${Math.round(bytes / 1024)} KB`,
        },
        { name: `exports: classification of ${SOURCES} cases by Group → .docx`, median: round(cases.median), runs: cases.runs },
      ];
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
