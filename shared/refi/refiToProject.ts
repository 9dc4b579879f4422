/**
 * A read REFI-QDA project → the rows of a NEW Quarry project, written through
 * the stores inside the caller's single transaction. Source, code, coding,
 * case, attribute, memo and set GUIDs are the file's own, so exporting the
 * imported project again refers to the same things.
 */
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import { insertAttribute, setValue } from '../store/attributesStore.js';
import { insertCaseSet, replaceMembers } from '../store/caseSetsStore.js';
import { writeItemSets } from './refiSets.js';
import { insertCaseSpan } from '../store/caseSpansStore.js';
import { insertCase, setCaseParent } from '../store/casesStore.js';
import { classificationUsage, deleteClassification, findClassificationByName } from '../store/classificationsStore.js';
import { insertSourceAttribute, setSourceValue } from '../store/sourceAttributesStore.js';
import { ensureClassification } from '../services/classificationsService.js';
import { insertCode } from '../store/codesStore.js';
import { insertCodingWithSelection } from '../store/codingsStore.js';
import { withCodingChecksAfter, withFullTextFilledAfter, withIndexesDeferred } from '../store/deferredIndexes.js';
import { insertMemo } from '../store/memosStore.js';
import { setMeta } from '../store/metaStore.js';
import { insertSource } from '../store/sourcesStore.js';
import { insertUser } from '../store/usersStore.js';
import { stmt } from '../store/statements.js';
import { contentHash } from '../services/sourceService.js';
import { codePointLength } from '../text/positions.js';
import type { RefiImportResult } from './refiModel.js';
import { storeRefiRecording } from './recordingToProject.js';
import { planRefiImport } from './refiImportPlan.js';
import { selectionProvenance, writeImportProvenance } from './refiProvenance.js';
import { plannedCodingCount, plannedCodings, type RefiImportPlan, type RefiImportReport } from './refiImportPlanTypes.js';

export function reportOf(result: RefiImportResult, plan: RefiImportPlan): RefiImportReport {
  return {
    sources: plan.sources.length,
    codes: plan.codes.length,
    codings: plannedCodingCount(plan),
    cases: plan.cases.filter((c) => c.fromCase).length,
    notes: plan.memos.filter((m) => m.fromNote).length,
    caseLinks: plan.caseLinks,
    sets: { cases: plan.caseSets.length, sources: plan.itemSets.filter((s) => s.kind === 'sources').length, codes: plan.itemSets.filter((s) => s.kind === 'codes').length },
    skipped: plan.skipped,
    positionUnit: result.positionUnit,
    positionUnitReason: result.positionUnitReason,
    declared: result.declared,
    warnings: plan.warnings,
    projectName: plan.projectName,
    origin: result.project.origin ?? null,
  };
}

function idOf(map: Map<string, number>, guid: string | undefined, what: string): number {
  const id = guid === undefined ? undefined : map.get(guid);
  if (id === undefined) throw new QuarryError('internal', `REFI-QDA import: the ${what} ${guid ?? '(none)'} was not created.`);
  return id;
}

/** Writes a plan into an empty project (call inside one transaction). */
export function writeImportPlan(db: Database.Database, plan: RefiImportPlan): void {
  if ((stmt(db, `SELECT count(*) AS n FROM sources`).get() as { n: number }).n > 0) {
    throw new QuarryError('conflict', 'A REFI-QDA project can only be imported into a new, empty Quarry project.');
  }
  setMeta(db, 'name', plan.projectName);
  const users = new Map<string, number>();
  for (const u of plan.users) users.set(u.guid, insertUser(db, u).id);
  const codes = new Map<string, number>();
  for (const c of plan.codes) {
    const parentId = c.parentGuid === null ? null : idOf(codes, c.parentGuid, 'parent code');
    codes.set(
      c.guid,
      insertCode(db, {
        guid: c.guid,
        parentId,
        name: c.name,
        color: c.color,
        isCodable: c.isCodable,
        description: c.description,
        createdBy: null,
        sortOrder: c.sortOrder,
      }),
    );
  }
  const classifications = new Map(plan.classifications.map((name) => [name, ensureClassification(db, name)]));
  const classificationId = (name: string | null | undefined): { classificationId?: number | null } =>
    name === undefined ? {} : { classificationId: name === null ? null : (classifications.get(name) ?? null) };
  const cases = new Map<string, number>();
  for (const c of plan.cases) cases.set(c.guid, insertCase(db, { guid: c.guid, name: c.name, description: c.description, ...classificationId(c.classification) }));
  for (const c of plan.cases) if (c.parentGuid !== undefined) setCaseParent(db, idOf(cases, c.guid, 'case'), idOf(cases, c.parentGuid, 'parent case'));
  const sources = new Map<string, number>();
  withFullTextFilledAfter(db, () => {
    for (const s of plan.sources) {
      const id = insertSource(db, {
        guid: s.guid,
        name: s.name,
        text: s.text,
        characters: codePointLength(s.text),
        contentHash: contentHash(s.text),
        originName: s.originName,
        originType: s.originType,
        encoding: 'utf-8',
        description: s.description,
        createdBy: s.createdByGuid === undefined ? null : (users.get(s.createdByGuid) ?? null),
        ...(s.createdAt ? { createdAt: s.createdAt } : {}),
        ...(s.caseGuid !== undefined ? { caseId: idOf(cases, s.caseGuid, 'case') } : {}),
      });
      sources.set(s.guid, id);
      if (s.recording) storeRefiRecording(db, id, s.name, s.recording);
    }
  });
  const codings = new Map<string, number>();
  // Only memos look codings up by GUID: a million codings' ids are not all kept for the few that carry one.
  const memoCodings = new Set(plan.memos.flatMap((m) => (m.codingGuid === undefined ? [] : [m.codingGuid])));
  // A brand-new project: its codings' indexes are built once, after the last row, not row by row.
  withIndexesDeferred(db, 'codings', () => withCodingChecksAfter(db, () => {
    for (const c of plannedCodings(plan)) {
      const id = insertCodingWithSelection(db, {
        guid: c.guid,
        sourceId: idOf(sources, c.sourceGuid, 'source'),
        codeId: idOf(codes, c.codeGuid, 'code'),
        coderId: idOf(users, c.coderGuid, 'coder'),
        start: c.start,
        end: c.end,
        ...(c.createdAt ? { createdAt: c.createdAt } : {}),
        selection: c.selection ? selectionProvenance(users, c.selection) : null,
      });
      if (memoCodings.has(c.guid)) codings.set(c.guid, id);
    }
  }));
  const attributes = new Map<string, number>();
  for (const a of plan.attributes) {
    attributes.set(a.guid, insertAttribute(db, { guid: a.guid, name: a.name, type: a.type, choices: a.choices, description: a.description, ...classificationId(a.classification) }));
  }
  for (const v of plan.values) setValue(db, idOf(cases, v.caseGuid, 'case'), idOf(attributes, v.attributeGuid, 'attribute'), v.value);
  const sourceAttributes = new Map<string, number>();
  for (const a of plan.sourceAttributes) sourceAttributes.set(a.guid, insertSourceAttribute(db, { guid: a.guid, name: a.name, type: a.type, choices: a.choices, description: a.description }));
  for (const v of plan.sourceValues) setSourceValue(db, idOf(sources, v.sourceGuid, 'source'), idOf(sourceAttributes, v.attributeGuid, 'source attribute'), v.value);
  dropUnlistedDefault(db, plan);
  for (const s of plan.caseSpans) {
    insertCaseSpan(db, { guid: s.guid, caseId: idOf(cases, s.caseGuid, 'case'), sourceId: idOf(sources, s.sourceGuid, 'source'), start: s.start, end: s.end });
  }
  for (const set of plan.caseSets) {
    const id = insertCaseSet(db, { guid: set.guid, name: set.name, description: set.description, rule: set.rule });
    if (set.rule === null) replaceMembers(db, id, set.memberCaseGuids.map((g) => idOf(cases, g, 'case')));
  }
  writeItemSets(db, plan.itemSets, (kind, g) => (kind === 'sources' ? idOf(sources, g, 'source') : idOf(codes, g, 'code')));
  const memos = new Map<string, number>();
  for (const m of plan.memos) {
    memos.set(m.guid, insertMemo(db, {
      guid: m.guid,
      target: m.target,
      sourceId: m.sourceGuid === undefined ? null : idOf(sources, m.sourceGuid, 'source'),
      codeId: m.codeGuid === undefined ? null : idOf(codes, m.codeGuid, 'code'),
      codingId: m.codingGuid === undefined ? null : idOf(codings, m.codingGuid, 'coding'),
      caseId: m.caseGuid === undefined ? null : idOf(cases, m.caseGuid, 'case'),
      start: m.start ?? null,
      end: m.end ?? null,
      title: m.title,
      body: m.body,
      authorId: m.authorGuid === undefined ? null : (users.get(m.authorGuid) ?? null),
      ...(m.createdAt ? { createdAt: m.createdAt } : {}),
    }));
  }
  writeImportProvenance(db, plan, { users, sources, memos });
}

/**
 * A new project starts with the classification Default; when the file
 * lists its own classifications without it, an unused Default goes, so the
 * imported project has the classifications it was exported with.
 */
function dropUnlistedDefault(db: Database.Database, plan: RefiImportPlan): void {
  if (plan.classifications.length === 0 || plan.classifications.some((k) => k.toLowerCase() === 'default')) return;
  const k = findClassificationByName(db, 'Default');
  const used = k && classificationUsage(db).get(k.id);
  if (k && used && used.cases === 0 && used.attributes === 0) deleteClassification(db, k.id);
}

/** Plans and writes (inside the caller's transaction); returns the summary. */
export function refiToProject(db: Database.Database, result: RefiImportResult): RefiImportReport {
  const plan = planRefiImport(result);
  writeImportPlan(db, plan);
  return reportOf(result, plan);
}
