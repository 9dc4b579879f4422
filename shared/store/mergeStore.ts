/**
 * Writes a merge plan (domain/mergePlanTypes.ts) into the open project,
 * inside the caller's transaction: new rows first, each later row referring
 * to mine by id or to a new one by its key.
 */
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import type { MergePlan, Ref } from '../domain/mergePlanTypes.js';
import { codePointLength } from '../text/positions.js';
import { getAttribute, insertAttribute, setValue, updateAttribute } from './attributesStore.js';
import { insertCaseSet, replaceMembers, setMemberIds } from './caseSetsStore.js';
import { insertCaseSpan } from './caseSpansStore.js';
import { changeItemSetMembers, insertItemSet } from './itemSetsStore.js';
import { getCase, insertCase, setCaseClassification, setCaseParent, updateCase } from './casesStore.js';
import { insertClassification } from './classificationsStore.js';
import { getSourceAttribute, insertSourceAttribute, setSourceValue, updateSourceAttribute } from './sourceAttributesStore.js';
import { getCodeRow, insertCode, makeCodable, updateCode } from './codesStore.js';
import { insertCoding } from './codingsStore.js';
import { insertMemo } from './memosStore.js';
import { insertMedia, setTranscriptText } from './mediaStore.js';
import { insertCues } from './cuesStore.js';
import { getSource, insertSource, setSourceCase, updateSourceMeta } from './sourcesStore.js';
import { insertUser } from './usersStore.js';
import type { CaseSetRule } from '../cases/caseSetRules.js';
import { ROWS_PER_CHUNK, runSteps, type Steps } from '../jobs/steps.js';

/**
 * Returns the id each plan reference ended up with (a coding's only if a
 * memo of the plan refers to it). A recording's row is
 * written here; its stored pieces are streamed in by the caller (they are
 * read from the other file one at a time).
 */
export function writeMergePlan(db: Database.Database, plan: MergePlan, theirText: (theirSourceId: number) => string): (r: Ref) => number {
  return runSteps(writeMergePlanSteps(db, plan, theirText));
}

/**
 * writeMergePlan as steps: it yields after each chunk of codings and memos
 * (the bulk of a merge), so the app can drive it with runStepsAsync and stay
 * responsive; the caller's transaction holds it all.
 */
export function* writeMergePlanSteps(db: Database.Database, plan: MergePlan, theirText: (theirSourceId: number) => string): Steps<(r: Ref) => number> {
  const total = plan.codings.length + plan.memos.length;
  let done = 0;
  const created = new Map<string, number>();
  const id = (r: Ref): number => {
    if ('id' in r) return r.id;
    const v = created.get(r.key);
    if (v === undefined) throw new QuarryError('internal', `Merge: ${r.key} was not created before it was used.`);
    return v;
  };
  const opt = (r: Ref | null): number | null => (r === null ? null : id(r));

  /**
   * Writes each item, yielding after every `every` of them: a whole project
   * merged into an empty one brings thousands of sources, cases and values,
   * and a source's text (indexed for search as it is written) can take
   * milliseconds on its own.
   */
  function* inChunks<T>(items: readonly T[], write: (item: T) => void, every = ROWS_PER_CHUNK): Steps<void> {
    for (let i = 0; i < items.length; i++) {
      write(items[i]!);
      if ((i + 1) % every === 0) yield { done, total, phase: 'Merging' };
    }
  }
  /** Texts are written one a chunk. */
  const EACH = 1;

  for (const u of plan.users) created.set(u.key, insertUser(db, u).id);
  yield* inChunks(plan.codes, (c) => {
    const flags = { isCodable: c.isCodable };
    created.set(c.key, insertCode(db, { guid: c.guid, parentId: opt(c.parent), name: c.name, color: c.color, description: c.description, createdBy: null, ...flags }));
  });
  yield* inChunks(plan.codeUpdates, (u) => {
    const row = getCodeRow(db, u.id)!;
    updateCode(db, u.id, { name: row.name, color: u.color, description: u.description });
  });
  yield* inChunks(plan.classifications, (k) => created.set(k.key, insertClassification(db, { guid: k.guid, name: k.name, description: k.description })));
  yield* inChunks(plan.cases, (c) => {
    const classification = c.classification === undefined ? {} : { classificationId: opt(c.classification) };
    created.set(c.key, insertCase(db, { guid: c.guid, name: c.name, description: c.description, ...classification }));
  });
  yield* inChunks(plan.caseUpdates, (u) => updateCase(db, u.id, getCase(db, u.id)!.name, u.description));
  yield* inChunks(plan.caseTree, (t) => {
    if (t.parent !== undefined) setCaseParent(db, id(t.case), opt(t.parent));
    if (t.classification !== undefined) setCaseClassification(db, id(t.case), opt(t.classification));
  });
  yield* inChunks(plan.attributes, (a) => {
    created.set(a.key, insertAttribute(db, { guid: a.guid, name: a.name, type: a.type, choices: a.choices, description: a.description, classificationId: opt(a.classification ?? null) }));
  });
  yield* inChunks(plan.attributeUpdates, (u) => {
    const row = getAttribute(db, u.id)!;
    updateAttribute(db, u.id, { name: row.name, type: row.type, choices: u.choices, description: u.description });
  });
  yield* inChunks(plan.sourceAttributes, (a) => {
    created.set(a.key, insertSourceAttribute(db, { guid: a.guid, name: a.name, type: a.type, choices: a.choices, description: a.description }));
  });
  yield* inChunks(plan.sourceAttributeUpdates, (u) => {
    const row = getSourceAttribute(db, u.id)!;
    updateSourceAttribute(db, u.id, { name: row.name, type: row.type, choices: u.choices, description: u.description });
  });
  yield* inChunks(
    plan.sources,
    (s) => {
      const text = theirText(s.theirId);
      if (codePointLength(text) !== s.characters) throw new QuarryError('invalid_input', `Merge: the text of “${s.name}” in the other file is damaged.`);
      created.set(
        s.key,
        insertSource(db, {
          guid: s.guid,
          name: s.name,
          text,
          characters: s.characters,
          contentHash: s.contentHash,
          originName: s.originName,
          originType: s.originType,
          encoding: s.encoding,
          description: s.description,
          createdAt: s.createdAt,
          createdBy: opt(s.createdBy),
        }),
      );
    },
    EACH,
  );
  // Before the codings that lie in it.
  yield* inChunks(
    plan.transcripts,
    (t) => {
      const text = theirText(t.theirId);
      if (codePointLength(text) !== t.characters) throw new QuarryError('invalid_input', `Merge: the transcript of “${t.name}” in the other file is damaged.`);
      setTranscriptText(db, t.id, text, t.characters, t.contentHash);
    },
    EACH,
  );
  yield* inChunks(plan.sourceUpdates, (u) => updateSourceMeta(db, u.id, getSource(db, u.id)!.name, u.description));
  yield* inChunks(plan.caseLinks, (l) => setSourceCase(db, id(l.source), id(l.case)));
  yield { done, total, phase: 'Merging' };
  // Only memos ask for a new coding's id: a whole project's million codings are not kept (growing a map that large holds the loop).
  const codingsNamed = new Set(plan.memos.flatMap((m) => (m.coding !== null && 'key' in m.coding ? [m.coding.key] : [])));
  // A folder code is made codable before its first coding, as the codings come: listing every coding's code first
  // was one pass over the whole plan in a single turn (about 100 ms at a million codings).
  const codable = new Set<number>();
  for (const c of plan.codings) {
    const codeId = id(c.code);
    if (!codable.has(codeId)) {
      codable.add(codeId);
      makeCodable(db, [codeId]);
    }
    const codingId = insertCoding(db, { guid: c.guid, sourceId: id(c.source), codeId, coderId: id(c.coder), start: c.start, end: c.end, createdAt: c.createdAt });
    if (codingsNamed.has(c.key)) created.set(c.key, codingId);
    if (++done % ROWS_PER_CHUNK === 0) yield { done, total, phase: 'Merging' };
  }
  for (const m of plan.memos) {
    if (++done % ROWS_PER_CHUNK === 0) yield { done, total, phase: 'Merging' };
    insertMemo(db, {
      guid: m.guid,
      target: m.target,
      sourceId: opt(m.source),
      codeId: opt(m.code),
      codingId: opt(m.coding),
      caseId: opt(m.case),
      start: m.start,
      end: m.end,
      title: m.title,
      body: m.body,
      authorId: opt(m.author),
      createdAt: m.createdAt,
    });
  }
  yield* inChunks(plan.values, (v) => setValue(db, id(v.case), id(v.attribute), v.value));
  yield* inChunks(plan.sourceValues, (v) => setSourceValue(db, id(v.source), id(v.attribute), v.value));
  yield* inChunks(plan.caseSpans, (s) => insertCaseSpan(db, { guid: s.guid, caseId: id(s.case), sourceId: id(s.source), start: s.start, end: s.end }));
  yield* inChunks(
    plan.caseSets,
    (s) => {
      const setId = insertCaseSet(db, { guid: s.guid, name: s.name, description: s.description, rule: s.rule === null ? null : (JSON.parse(s.rule) as CaseSetRule) });
      if (s.rule === null) replaceMembers(db, setId, s.members.map(id));
    },
    EACH,
  );
  yield* inChunks(plan.setMembers, (s) => replaceMembers(db, s.setId, [...new Set([...setMemberIds(db, s.setId), ...s.members.map(id)])]), EACH);
  yield* inChunks(plan.itemSets, (s) => changeItemSetMembers(db, s.kind, insertItemSet(db, s), { add: s.members.map(id) }), EACH);
  yield* inChunks(plan.itemSetMembers, (s) => changeItemSetMembers(db, s.kind, s.setId, { add: s.members.map(id) }), EACH);
  yield* inChunks(plan.media, (m) => {
    const { source, theirId: _t, ...row } = m;
    insertMedia(db, { ...row, sourceId: id(source) });
  });
  yield* inChunks(plan.cues, (c) => insertCues(db, id(c.source), c.cues), EACH);
  return id;
}
