/**
 * Text search on a small project with hand-counted hits: words, phrases,
 * prefixes, NOT, NEAR, accents and case, stemming; code-point positions and
 * keyword-in-context lines; paging; the index kept in sync on import,
 * delete, undo and redo; and "code all hits" as one undoable step.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectDb } from '../../../shared/db/projectDb.js';
import { QuarryError } from '../../../shared/errors.js';
import { codeSearchHits } from '../../../shared/queries/codeSearchHits.js';
import { searchText } from '../../../shared/queries/textSearch.js';
import type { SearchOptions } from '../../../shared/queries/types.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { removeSource } from '../../../shared/services/sourceService.js';
import { codingsForSource } from '../../../shared/store/codingsStore.js';
import { codePointLength } from '../../../shared/text/positions.js';
import { addSource, newProject } from '../db/testProject.js';

const T1 = 'Interviewer: Why join?\nRespondent: The café was warm. Trust matters; I trust them.\nInterviewer: More?\nRespondent: No.\n';
const T2 = 'Respondent: CAFE meetings and cafes. The cluster meeting helped 😀 trust grew.\n';
const T3 = 'Respondent: Meetings, meeting, met. Managers manage management.\n';

let project: ProjectDb;
let ctx: ServiceContext;
let ids: Record<string, number>;

beforeEach(() => {
  ({ project, ctx } = newProject());
  ids = { T1: addSource(ctx, 'T1', T1), T2: addSource(ctx, 'T2', T2), T3: addSource(ctx, 'T3', T3) };
});
afterEach(() => project.close());

const search = (expression: string, more: Omit<SearchOptions, 'expression'> = {}) => searchText(project.db, { expression, ...more });
const found = (expression: string, more: Omit<SearchOptions, 'expression'> = {}) => search(expression, more).hits.map((h) => `${h.source}:${h.match}`);
/** Code-point offset of the n-th occurrence of `needle` in `text`. */
const cp = (text: string, needle: string, nth = 0): number => {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  return codePointLength(text.slice(0, at));
};
const integrity = () => {
  project.db.exec(`INSERT INTO source_fts(source_fts) VALUES ('integrity-check')`);
  project.db.exec(`INSERT INTO source_fts_stem(source_fts_stem) VALUES ('integrity-check')`);
};

describe('text search', () => {
  it('finds words ignoring case, with counts per source', () => {
    const r = search('trust');
    expect(r.hits.map((h) => `${h.source}:${h.match}`)).toEqual(['T1:Trust', 'T1:trust', 'T2:trust']);
    expect(r.sources.map((x) => [x.source, x.hits])).toEqual([
      ['T1', 2],
      ['T2', 1],
    ]);
    expect(r.totalHits).toBe(3);
    expect(r.truncated).toBe(false);
    expect(r.ftsQuery).toBe('"trust"');
  });

  it('gives code-point positions and keyword-in-context lines', () => {
    const [, second, third] = search('trust', { contextChars: 10 }).hits;
    expect(second).toMatchObject({ sourceId: ids.T1, start: cp(T1, 'trust'), end: cp(T1, 'trust') + 5, before: 'atters; I ', after: ' them.' });
    expect(second!.context).toBe('atters; I trust them.');
    // After the emoji, code points and UTF-16 units differ by one.
    expect(third!.start).toBe(cp(T2, 'trust'));
    expect(T2.indexOf('trust')).toBe(third!.start + 1);
    // Ten code points (eleven UTF-16 units) of context.
    expect(third!.before).toBe(' helped 😀 ');
    // Context stops at the line: nothing from the Interviewer line before.
    expect(search('Respondent', { contextChars: 40, sourceIds: [ids.T1!] }).hits[0]!.before).toBe('');
  });

  it('ignores accents both ways', () => {
    for (const q of ['café', 'cafe', 'CAFÉ']) expect(found(q)).toEqual(['T1:café', 'T2:CAFE']);
  });

  it('matches phrases and prefixes', () => {
    const phrase = search('"cluster meeting"');
    expect(phrase.hits.map((h) => h.match)).toEqual(['cluster meeting']);
    expect(phrase.hits[0]!.start).toBe(cp(T2, 'cluster'));
    expect(found('caf*')).toEqual(['T1:café', 'T2:CAFE', 'T2:cafes']);
    expect(found('manag*')).toEqual(['T3:Managers', 'T3:manage', 'T3:management']);
    expect(found('"the clus"*')).toEqual(['T2:The cluster']);
  });

  it('combines with AND, OR and NOT', () => {
    expect(found('meeting NOT cluster')).toEqual(['T3:meeting']);
    expect(found('"cluster meeting" OR trust')).toEqual(['T1:Trust', 'T1:trust', 'T2:cluster meeting', 'T2:trust']);
    // AND is about the source: both words must be in it; both are hits.
    expect(found('trust AND warm')).toEqual(['T1:warm', 'T1:Trust', 'T1:trust']);
    expect(found('(café OR meetings) NOT warm')).toEqual(['T2:CAFE', 'T2:meetings', 'T3:Meetings']);
  });

  it('finds words near each other', () => {
    // Trust(8) matters(9) I(10) trust(11): both trusts are within two words of "matters".
    expect(found('trust NEAR/2 matters')).toEqual(['T1:Trust', 'T1:matters', 'T1:trust']);
    expect(found('trust NEAR/0 matters')).toEqual(['T1:Trust', 'T1:matters']);
    expect(found('café NEAR/1 trust')).toEqual([]);
  });

  it('stems English words when asked', () => {
    expect(found('meeting')).toEqual(['T2:meeting', 'T3:meeting']);
    expect(found('meeting', { stem: true })).toEqual(['T2:meetings', 'T2:meeting', 'T3:Meetings', 'T3:meeting']);
    expect(found('manage', { stem: true })).toEqual(['T3:Managers', 'T3:manage', 'T3:management']);
    expect(found('meet*', { stem: true })).toEqual(['T2:meetings', 'T2:meeting', 'T3:Meetings', 'T3:meeting']);
  });

  it('pages through the hits, counting all of them', () => {
    const page = search('trust OR meeting', { offset: 1, limit: 2 });
    expect(page.totalHits).toBe(5);
    expect(page.hits.map((h) => `${h.source}:${h.match}`)).toEqual(['T1:trust', 'T2:meeting']);
    expect(page.truncated).toBe(true);
    expect(search('trust OR meeting', { offset: 4, limit: 2 }).hits.map((h) => h.source)).toEqual(['T3']);
    expect(search('trust OR meeting', { offset: 9, limit: 2 }).hits).toEqual([]);
  });

  it('searches only the sources asked for', () => {
    expect(found('trust', { sourceIds: [ids.T2!] })).toEqual(['T2:trust']);
  });

  it('finds hits in text that contains the characters it marks hits with', () => {
    const odd = addSource(ctx, 'Odd', 'x\u0001trust\u0002 y trust \ue000 z');
    const hits = search('trust', { sourceIds: [odd] }).hits;
    expect(hits.map((h) => [h.start, h.end, h.match])).toEqual([
      [2, 7, 'trust'],
      [11, 16, 'trust'],
    ]);
  });

  it('refuses malformed expressions with the position', () => {
    try {
      search('trust AND (meeting');
      throw new Error('no error');
    } catch (err) {
      expect(err).toBeInstanceOf(QuarryError);
      expect((err as QuarryError).details).toMatchObject({ position: 10, token: '(' });
    }
  });
});

describe('the search index', () => {
  it('follows imports, deletes, undo and redo', () => {
    const added = addSource(ctx, 'T4', 'A zebra appears.');
    expect(found('zebra')).toEqual(['T4:zebra']);
    removeSource(ctx, added);
    expect(found('zebra')).toEqual([]);
    integrity();
    project.history.undo();
    expect(found('zebra')).toEqual(['T4:zebra']);
    expect(found('zebra', { stem: true })).toEqual(['T4:zebra']);
    integrity();
    project.history.redo();
    expect(found('zebra')).toEqual([]);
    project.history.undo(); // the delete
    project.history.undo(); // the import
    expect(found('zebra')).toEqual([]);
    integrity();
  });
});

describe('code all hits', () => {
  it('codes every hit at one code as one undoable step', () => {
    const r = codeSearchHits(ctx, { expression: 'trust', codePath: 'Topics/Trust' });
    expect(r).toMatchObject({ coded: 3, alreadyCoded: 0 });
    expect(codingsForSource(project.db, ids.T1!).map((c) => [c.start, c.end])).toEqual([
      [cp(T1, 'Trust'), cp(T1, 'Trust') + 5],
      [cp(T1, 'trust'), cp(T1, 'trust') + 5],
    ]);
    expect(project.history.state().undo?.label).toBe('Code search hits');
    // Coding them again changes nothing (and adds no undo step).
    expect(codeSearchHits(ctx, { expression: 'trust', codeId: r.codeId })).toMatchObject({ coded: 0, alreadyCoded: 3 });
    project.history.undo();
    expect(codingsForSource(project.db, ids.T1!)).toHaveLength(0);
    expect(codingsForSource(project.db, ids.T2!)).toHaveLength(0);
    project.history.redo();
    expect(codingsForSource(project.db, ids.T2!)).toHaveLength(1);
  });

  it('spreads hits to their sentence or paragraph, coding a shared sentence once', () => {
    codeSearchHits(ctx, { expression: 'trust', codePath: 'S', spread: 'sentence', sourceIds: [ids.T1!] });
    const sentence = codingsForSource(project.db, ids.T1!).map((c) => T1.slice(c.start, c.end));
    expect(sentence).toEqual(['Trust matters; I trust them.']);
    codeSearchHits(ctx, { expression: 'warm', codePath: 'P', spread: 'paragraph', sourceIds: [ids.T1!] });
    const para = codingsForSource(project.db, ids.T1!).filter((c) => c.end - c.start > 30);
    expect(para.map((c) => T1.slice(c.start, c.end))).toEqual(['The café was warm. Trust matters; I trust them.']);
  });

  it('refuses on a read-only project', () => {
    expect(() => codeSearchHits({ project: { ...project, readOnly: true } as ProjectDb, coderName: 'x' }, { expression: 'trust', codePath: 'X' })).toThrow(/read-only/);
  });
});
