/**
 * Reports filtered by classification on a two-level design (schools →
 * pupils) built through the API contract: the classification table lists
 * only School cases with only School attributes as columns, and a quotes
 * report for School cases holds the schools' own text and their pupils'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher, type Dispatch } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';
import type { ClassificationTable, QuotesReport } from '../../shared/exporters/exportModels.js';

let dir: string;
let session: Session;
let dispatch: Dispatch;

async function call<T>(method: string, args: unknown = {}): Promise<T> {
  const r = await dispatch(method, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

// Synthetic lines; each source's first word is coded at Belonging.
const TEXTS: Record<string, [owner: string, text: string]> = {
  'Oakfield head': ['Oakfield', 'Staff there feel the hall is theirs.'],
  'Rosa chat': ['Rosa', 'Friends made the first term easier.'],
  'Tomás chat': ['Tomás', 'Clubs after class helped him settle — 🙂.'],
  'Wren chat': ['Wren', 'Nobody expected her at the gate.'],
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-report-classif-'));
  session = new Session({ dataDir: join(dir, 'data'), platform: 'web' });
  dispatch = createDispatcher(session, (e) => {
    throw e;
  });
  await call('project.create', { path: join(dir, 'schools.quarry') });
  const school = await call<{ id: number }>('classifications.create', { name: 'School' });
  const pupil = await call<{ id: number }>('classifications.create', { name: 'Pupil' });
  const region = await call<{ id: number }>('attributes.create', { name: 'Region', type: 'text', classificationId: school.id });
  const year = await call<{ id: number }>('attributes.create', { name: 'Year', type: 'number', classificationId: pupil.id });
  const cases = new Map<string, number>();
  for (const [name, parent, classification] of [
    ['Oakfield', undefined, 'School'],
    ['Millbrook', undefined, 'School'],
    ['Rosa', 'Oakfield', 'Pupil'],
    ['Tomás', 'Millbrook', 'Pupil'],
    ['Wren', undefined, 'Pupil'],
  ] as const) {
    const added = await call<{ id: number }>('cases.add', { name, classification, ...(parent ? { parent } : {}) });
    cases.set(name, added.id);
  }
  await call('cases.setValue', { caseId: cases.get('Oakfield'), attributeId: region.id, raw: 'Rural' });
  await call('cases.setValue', { caseId: cases.get('Millbrook'), attributeId: region.id, raw: 'Urban' });
  await call('cases.setValue', { caseId: cases.get('Rosa'), attributeId: year.id, raw: '7' });
  const imported = await call<{ name?: string; sourceId?: number }[]>('sources.import', {
    files: Object.entries(TEXTS).map(([name, [, text]]) => ({ fileName: `${name}.txt`, dataBase64: Buffer.from(text).toString('base64') })),
  });
  await call('codes.create', { name: 'Belonging' });
  for (const item of imported) {
    const [owner, text] = TEXTS[item.name!]!;
    await call('cases.assignSource', { sourceId: item.sourceId, caseId: cases.get(owner) });
    await call('codings.apply', { sourceId: item.sourceId, start: 0, end: [...text.split(' ')[0]!].length, codePath: 'Belonging' });
  }
}, 60_000);
afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

const tableOf = async (filter?: object) =>
  (await call<{ model: ClassificationTable }>('export.preview', { request: { kind: 'cases', format: 'csv', ...(filter ? { filter } : {}) } })).model;
const quotesOf = async (filter?: object) =>
  (await call<{ model: QuotesReport }>('export.preview', { request: { kind: 'quotes', format: 'csv', codes: ['Belonging'], ...(filter ? { filter } : {}) } })).model;
const sourcesIn = (r: QuotesReport) => r.sections.flatMap((s) => s.passages.map((p) => p.source)).sort();

describe('reports filtered by classification', () => {
  it('lists only the cases of that classification, with only its attributes as columns', async () => {
    const all = await tableOf();
    expect(all.columns.map((c) => c.name)).toEqual(['Region', 'Year']);
    expect(all.groups[0]!.rows.map((r) => r.caseName)).toEqual(['Millbrook', 'Oakfield', 'Rosa', 'Tomás', 'Wren']);

    const schools = await tableOf({ classification: 'School' });
    expect(schools.columns.map((c) => c.name)).toEqual(['Region']);
    expect(schools.groups[0]!.rows).toEqual([
      { caseName: 'Millbrook', values: [{ kind: 'value', value: 'Urban' }] },
      { caseName: 'Oakfield', values: [{ kind: 'value', value: 'Rural' }] },
    ]);
    const pupils = await tableOf({ classification: 'Pupil' });
    expect(pupils.columns.map((c) => c.name)).toEqual(['Year']);
    expect(pupils.groups[0]!.rows.map((r) => r.caseName)).toEqual(['Rosa', 'Tomás', 'Wren']);
    // With other conditions, all must hold.
    const rural = await tableOf({ classification: 'School', where: [{ attribute: 'Region', value: 'Rural' }] });
    expect(rural.groups[0]!.rows.map((r) => r.caseName)).toEqual(['Oakfield']);
  });

  it('quotes School cases with their pupils’ interviews, and no pupil outside a school', async () => {
    expect(sourcesIn(await quotesOf())).toEqual(['Oakfield head', 'Rosa chat', 'Tomás chat', 'Wren chat']);
    const schools = await quotesOf({ classification: 'School' });
    expect(sourcesIn(schools)).toEqual(['Oakfield head', 'Rosa chat', 'Tomás chat']);
    expect(schools.scope).toMatch(/classification School/);
    expect(sourcesIn(await quotesOf({ classification: 'School', where: [{ attribute: 'Region', value: 'Rural' }] }))).toEqual(['Oakfield head', 'Rosa chat']);
    // Exact, not upward: Pupil cases' passages are the pupils' own.
    expect(sourcesIn(await quotesOf({ classification: 'Pupil' }))).toEqual(['Rosa chat', 'Tomás chat', 'Wren chat']);
    const tomas = (await quotesOf({ classification: 'School', sources: ['Tomás chat'] })).sections[0]!.passages[0]!;
    expect([tomas.text, tomas.start, tomas.end]).toEqual(['Clubs', 0, 5]);
  });

  it('tells the export dialog which classification each attribute belongs to', async () => {
    const choices = await call<{ attributes: { name: string; classification?: string }[] }>('export.choices');
    expect(choices.attributes.map((a) => [a.name, a.classification])).toEqual([
      ['Region', 'School'],
      ['Year', 'Pupil'],
    ]);
  });

  it('refuses an unknown classification, naming it and the known ones', async () => {
    const r = await dispatch('export.preview', { request: { kind: 'cases', format: 'csv', filter: { classification: 'Firm' } } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('not_found');
      expect(r.error.message).toMatch(/There is no classification “Firm” \(there are .*School, Pupil\)/);
    }
  });
});
