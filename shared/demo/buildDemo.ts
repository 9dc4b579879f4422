/**
 * Builds the demo study (14 synthetic interviews from an ICT-cluster study)
 * through the same services a user's imports and codings go through. The
 * project is built under a temporary name and renamed at the end, so a
 * failure leaves no partial project behind.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { parseClassificationCsv } from '../cases/classificationCsv.js';
import { planClassificationImport } from '../cases/classificationImportPlan.js';
import { ProjectDb } from '../db/projectDb.js';
import { QuarryError } from '../errors.js';
import { placeFileAtomic } from '../fsx/atomicWrite.js';
import { addMemo } from '../services/memoService.js';
import { applyClassificationPlan, defineAttribute, existingCaseValues, listAttributes, toDef } from '../services/caseService.js';
import { createCode, findCodeByPath } from '../services/codeService.js';
import { applyCoding } from '../services/codingService.js';
import type { ServiceContext } from '../services/context.js';
import { importFiles } from '../services/sourceService.js';
import { countAll } from '../store/metaStore.js';
import { findSourceByName, getSourceText } from '../store/sourcesStore.js';
import { buildPositionIndex } from '../text/positions.js';
import { buildDemoFramework } from './demoFramework.js';
import { lineOfAnchor, readDemoFixture, type DemoCodeSpec, type DemoCodingFile } from './demoFixture.js';

export const DEMO_PRIMARY_CODER = 'Ruth Ashworth';

export interface DemoSummary {
  sources: number;
  cases: number;
  codes: number;
  codings: number;
}

export async function buildDemoProject(path: string, opts: { overwrite?: boolean; fixtureDir?: string } = {}): Promise<DemoSummary> {
  if (existsSync(path) && !opts.overwrite) {
    throw new QuarryError('conflict', `${basename(path)} already exists; Quarry will not overwrite it.`);
  }
  const fixture = readDemoFixture(opts.fixtureDir);
  let summary: DemoSummary | undefined;
  const build = async (tmp: string) => {
    const project = ProjectDb.create(tmp, { name: 'Demo: ICT cluster study' });
    try {
      const ctx: ServiceContext = { project, coderName: DEMO_PRIMARY_CODER };
      await importTranscripts(ctx, fixture.transcripts);
      importClassification(ctx, fixture.attributes, fixture.classificationCsv);
      createCodebook(ctx, fixture.codebook, []);
      for (const f of fixture.primary) applyAnchoredCodings(ctx, f);
      for (const f of fixture.secondCoder) applyAnchoredCodings({ project, coderName: f.coder }, f);
      addMemo(ctx, { target: 'project', title: 'Interview guide', body: fixture.interviewGuide });
      buildDemoFramework(ctx, fixture.dir);
      summary = countAll(project.db);
    } finally {
      project.close();
    }
  };
  await placeFileAtomic(path, build, { replace: opts.overwrite ?? false, what: 'the demo project', tempPath: `${path}.building-${process.pid}` });
  return summary!;
}

async function importTranscripts(ctx: ServiceContext, files: { fileName: string; bytes: Uint8Array }[]): Promise<void> {
  const results = await importFiles(ctx, files, { caseFromFileName: true });
  const failed = results.find((r) => r.status === 'skipped');
  if (failed) throw new QuarryError('invalid_input', `Demo transcript ${failed.file}: ${failed.reason}`);
}

function importClassification(ctx: ServiceContext, attributes: ReturnType<typeof readDemoFixture>['attributes'], csv: Uint8Array): void {
  for (const a of attributes) {
    defineAttribute(ctx, { name: a.name, type: a.type, ...(a.choices ? { choices: a.choices } : {}), ...(a.description ? { description: a.description } : {}) });
  }
  const db = ctx.project.db;
  const sheet = parseClassificationCsv('classification.csv', csv);
  const defs = listAttributes(db).map(toDef);
  const columns = sheet.headers.map((h) => defs.find((d) => d.name === h) ?? null);
  const plan = planClassificationImport(sheet, columns, existingCaseValues(db), { existingAttributes: defs });
  const problem = plan.rejected[0] ?? plan.rowProblems[0];
  if (problem) throw new QuarryError('invalid_input', `classification.csv row ${problem.row}: ${problem.reason}`);
  applyClassificationPlan(ctx, plan);
}

function createCodebook(ctx: ServiceContext, codes: DemoCodeSpec[], parents: string[]): void {
  for (const c of codes) {
    const path = [...parents, c.name].map((n) => n.replace(/\\/g, '\\\\').replace(/\//g, '\\/')).join('/');
    createCode(ctx, { path, ...(c.color ? { color: c.color } : {}), ...(c.description ? { description: c.description } : {}) });
    if (c.children) createCodebook(ctx, c.children, [...parents, c.name]);
  }
}

function applyAnchoredCodings(ctx: ServiceContext, f: DemoCodingFile): void {
  const db = ctx.project.db;
  const source = findSourceByName(db, f.source);
  if (!source) throw new QuarryError('invalid_input', `${f.file}: there is no transcript called ${f.source}.`);
  const text = getSourceText(db, source.id) ?? '';
  const index = buildPositionIndex(text);
  for (const item of f.codings) {
    const where = `${f.file} line ${lineOfAnchor(f.raw, item.anchor)}`;
    const at = text.indexOf(item.anchor);
    if (at < 0) throw new QuarryError('invalid_input', `${where}: the anchor “${item.anchor}” is not in ${f.source}.`);
    if (text.indexOf(item.anchor, at + 1) >= 0) {
      throw new QuarryError('invalid_input', `${where}: the anchor “${item.anchor}” occurs more than once in ${f.source}.`);
    }
    const start = index.utf16ToCp(at);
    const end = index.utf16ToCp(at + item.anchor.length);
    for (const code of item.codes) {
      if (findCodeByPath(db, code) === undefined) throw new QuarryError('invalid_input', `${where}: the code “${code}” is not in codebook.json.`);
      const coding = applyCoding(ctx, { sourceId: source.id, start, end, codePath: code });
      if (item.memo && code === item.codes[0]) addMemo(ctx, { target: 'coding', codingId: coding.id, body: item.memo });
    }
  }
}
