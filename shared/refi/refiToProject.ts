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
import { startBulkLoad } from '../store/deferredIndexes.js';
import { insertMemo } from '../store/memosStore.js';
import { setMeta } from '../store/metaStore.js';
import { insertSource, setSourceCase } from '../store/sourcesStore.js';
import { insertUser } from '../store/usersStore.js';
import { stmt } from '../store/statements.js';
import { contentHash } from '../services/sourceService.js';
import { codePointLength } from '../text/positions.js';
import type { RefiImportResult } from './refiModel.js';
import { storeRefiRecording } from './recordingToProject.js';
import { planRefiImport } from './refiImportPlan.js';
import { selectionProvenance, writeImportProvenance } from './refiProvenance.js';
import { plannedCodingCount, type PlannedCoding, type PlannedSource, type RefiImportPlan, type RefiImportReport } from './refiImportPlanTypes.js';

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

/**
 * Writes an import plan into an empty project, inside the caller's one
 * transaction, in the order the plan is made: the users and codes, then each
 * source with its codings as soon as the planner has them (the import never
 * holds a million planned codings: importRefiProject plans and writes in one
 * pass), then — once the plan is complete — the cases (and each source's
 * case), attributes, values, passages, sets and memos. Ids come out as
 * writing it all at the end gave them: every table is written in plan order.
 */
export class ImportWriter {
  private readonly users = new Map<string, number>();
  private readonly codes = new Map<string, number>();
  private readonly sources = new Map<string, number>();
  private started = false;
  private endBulkLoad: (() => void) | undefined;

  constructor(private readonly db: Database.Database) {}

  private start(plan: RefiImportPlan): void {
    if (this.started) return;
    this.started = true;
    const db = this.db;
    if ((stmt(db, `SELECT count(*) AS n FROM sources`).get() as { n: number }).n > 0) {
      throw new QuarryError('conflict', 'A REFI-QDA project can only be imported into a new, empty Quarry project.');
    }
    setMeta(db, 'name', plan.projectName);
    this.writeUsers(plan);
    for (const c of plan.codes) {
      const parentId = c.parentGuid === null ? null : idOf(this.codes, c.parentGuid, 'parent code');
      this.codes.set(
        c.guid,
        insertCode(db, { guid: c.guid, parentId, name: c.name, color: c.color, isCodable: c.isCodable, description: c.description, createdBy: null, sortOrder: c.sortOrder }),
      );
    }
    // A brand-new project: its full-text index and its codings' indexes and checks are built once, after the last row.
    this.endBulkLoad = startBulkLoad(db);
  }

  /** Users the plan has added since (the planner adds one when a file names an unknown coder). */
  private writeUsers(plan: RefiImportPlan): void {
    for (let i = this.users.size; i < plan.users.length; i++) this.users.set(plan.users[i]!.guid, insertUser(this.db, plan.users[i]!).id);
  }

  /** A planned source and its codings (the planner's sink). */
  source(plan: RefiImportPlan, s: PlannedSource, codings: Iterable<PlannedCoding>): void {
    this.start(plan);
    this.writeUsers(plan);
    const db = this.db;
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
      createdBy: s.createdByGuid === undefined ? null : (this.users.get(s.createdByGuid) ?? null),
      ...(s.createdAt ? { createdAt: s.createdAt } : {}),
    });
    this.sources.set(s.guid, id);
    if (s.recording) storeRefiRecording(db, id, s.name, s.recording);
    for (const c of codings) {
      insertCodingWithSelection(db, {
        guid: c.guid,
        sourceId: id,
        codeId: idOf(this.codes, c.codeGuid, 'code'),
        coderId: idOf(this.users, c.coderGuid, 'coder'),
        start: c.start,
        end: c.end,
        ...(c.createdAt ? { createdAt: c.createdAt } : {}),
        selection: c.selection ? selectionProvenance(this.users, c.selection) : null,
      });
    }
  }

  /** The rest of the complete plan. */
  finish(plan: RefiImportPlan): void {
    this.start(plan);
    this.endBulkLoad?.();
    this.endBulkLoad = undefined;
    this.writeUsers(plan);
    const db = this.db;
    const classifications = new Map(plan.classifications.map((name) => [name, ensureClassification(db, name)]));
    const classificationId = (name: string | null | undefined): { classificationId?: number | null } =>
      name === undefined ? {} : { classificationId: name === null ? null : (classifications.get(name) ?? null) };
    const cases = new Map<string, number>();
    for (const c of plan.cases) cases.set(c.guid, insertCase(db, { guid: c.guid, name: c.name, description: c.description, ...classificationId(c.classification) }));
    for (const c of plan.cases) if (c.parentGuid !== undefined) setCaseParent(db, idOf(cases, c.guid, 'case'), idOf(cases, c.parentGuid, 'parent case'));
    for (const s of plan.sources) if (s.caseGuid !== undefined) setSourceCase(db, idOf(this.sources, s.guid, 'source'), idOf(cases, s.caseGuid, 'case'));
    const attributes = new Map<string, number>();
    for (const a of plan.attributes) {
      attributes.set(a.guid, insertAttribute(db, { guid: a.guid, name: a.name, type: a.type, choices: a.choices, description: a.description, ...classificationId(a.classification) }));
    }
    for (const v of plan.values) setValue(db, idOf(cases, v.caseGuid, 'case'), idOf(attributes, v.attributeGuid, 'attribute'), v.value);
    const sourceAttributes = new Map<string, number>();
    for (const a of plan.sourceAttributes) sourceAttributes.set(a.guid, insertSourceAttribute(db, { guid: a.guid, name: a.name, type: a.type, choices: a.choices, description: a.description }));
    for (const v of plan.sourceValues) setSourceValue(db, idOf(this.sources, v.sourceGuid, 'source'), idOf(sourceAttributes, v.attributeGuid, 'source attribute'), v.value);
    dropUnlistedDefault(db, plan);
    for (const s of plan.caseSpans) {
      insertCaseSpan(db, { guid: s.guid, caseId: idOf(cases, s.caseGuid, 'case'), sourceId: idOf(this.sources, s.sourceGuid, 'source'), start: s.start, end: s.end });
    }
    for (const set of plan.caseSets) {
      const id = insertCaseSet(db, { guid: set.guid, name: set.name, description: set.description, rule: set.rule });
      if (set.rule === null) replaceMembers(db, id, set.memberCaseGuids.map((g) => idOf(cases, g, 'case')));
    }
    writeItemSets(db, plan.itemSets, (kind, g) => (kind === 'sources' ? idOf(this.sources, g, 'source') : idOf(this.codes, g, 'code')));
    const memos = new Map<string, number>();
    // Few memos point at a coding: each is found by its GUID, not by keeping a million codings' ids.
    const codingId = (guid: string): number => {
      const row = stmt(db, `SELECT id FROM codings WHERE guid = ?`).get(guid) as { id: number } | undefined;
      if (!row) throw new QuarryError('internal', `REFI-QDA import: the coding ${guid} was not created.`);
      return row.id;
    };
    for (const m of plan.memos) {
      memos.set(m.guid, insertMemo(db, {
        guid: m.guid,
        target: m.target,
        sourceId: m.sourceGuid === undefined ? null : idOf(this.sources, m.sourceGuid, 'source'),
        codeId: m.codeGuid === undefined ? null : idOf(this.codes, m.codeGuid, 'code'),
        codingId: m.codingGuid === undefined ? null : codingId(m.codingGuid),
        caseId: m.caseGuid === undefined ? null : idOf(cases, m.caseGuid, 'case'),
        start: m.start ?? null,
        end: m.end ?? null,
        title: m.title,
        body: m.body,
        authorId: m.authorGuid === undefined ? null : (this.users.get(m.authorGuid) ?? null),
        ...(m.createdAt ? { createdAt: m.createdAt } : {}),
      }));
    }
    writeImportProvenance(db, plan, { users: this.users, sources: this.sources, memos });
  }
}

/** Writes a whole plan into an empty project (call inside one transaction). */
export function writeImportPlan(db: Database.Database, plan: RefiImportPlan): void {
  const writer = new ImportWriter(db);
  // The planner lists each source's codings together, sources in order.
  let next = 0;
  for (const s of plan.sources) {
    const from = next;
    while (next < plan.codings.length && plan.codings[next]!.sourceGuid === s.guid) next++;
    writer.source(plan, s, plan.codings.slice(from, next));
  }
  if (next < plan.codings.length) throw new QuarryError('internal', `REFI-QDA import: the coding ${plan.codings[next]!.guid} is not listed with its source.`);
  writer.finish(plan);
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
