/**
 * Classifications (Firm, Person, School, Pupil) and the case tree: which
 * classification a case has and which case it is nested under. A case's
 * attribute values are edited in caseService; what nesting means for
 * filters and matrices is in shared/cases/caseHierarchy.ts.
 */
import { keepingRulesPointed } from './caseAttributeNames.js';
import type Database from 'better-sqlite3';
import { CaseHierarchy } from '../cases/caseHierarchy.js';
import type { ClassificationInfo } from '../domain/caseTypes.js';
import { QuarryError } from '../errors.js';
import { caseHierarchyRows, findCaseByName, getCase, insertCase, setCaseClassification, setCaseParent } from '../store/casesStore.js';
import {
  classificationUsage,
  deleteClassification,
  findClassificationByName,
  getClassification,
  insertClassification,
  listClassifications,
  updateClassification,
  type ClassificationRow,
} from '../store/classificationsStore.js';
import { requireCase } from './caseService.js';
import { mutate, type ServiceContext } from './context.js';

export function listClassificationInfo(db: Database.Database): ClassificationInfo[] {
  const usage = classificationUsage(db);
  return listClassifications(db).map((k) => ({ ...k, cases: usage.get(k.id)?.cases ?? 0, attributes: usage.get(k.id)?.attributes ?? 0 }));
}

function checkName(name: string): string {
  const clean = name.trim();
  if (!clean) throw new QuarryError('bad_request', 'A classification needs a name.');
  return clean;
}

export function requireClassificationId(db: Database.Database, id: number): ClassificationRow {
  const k = getClassification(db, id);
  if (!k) throw new QuarryError('not_found', 'That classification no longer exists.');
  return k;
}

/** The classification with this name, created if missing (inside the caller's transaction). */
export function ensureClassification(db: Database.Database, name: string): number {
  const clean = checkName(name);
  return findClassificationByName(db, clean)?.id ?? insertClassification(db, { name: clean });
}

export function createClassification(ctx: ServiceContext, args: { name: string; description?: string }): number {
  return mutate(ctx, 'Add classification', (db) => {
    const name = checkName(args.name);
    const clash = findClassificationByName(db, name);
    if (clash) throw new QuarryError('conflict', `There is already a classification called “${clash.name}”.`);
    return insertClassification(db, { name, ...(args.description !== undefined ? { description: args.description } : {}) });
  });
}

export function editClassification(ctx: ServiceContext, args: { id: number; name?: string; description?: string }): void {
  mutate(ctx, 'Edit classification', (db) => {
    const k = requireClassificationId(db, args.id);
    const name = args.name === undefined ? k.name : checkName(args.name);
    const clash = findClassificationByName(db, name);
    if (clash && clash.id !== k.id) throw new QuarryError('conflict', `There is already a classification called “${clash.name}”.`);
    // A shared attribute name is written with its classification's name (Firm.Size): rules follow the rename.
    keepingRulesPointed(db, () => updateClassification(db, k.id, name, args.description ?? k.description));
  });
}

/** Only an unused classification can go: its attributes' values would go with it. */
export function removeClassification(ctx: ServiceContext, id: number): void {
  mutate(ctx, 'Delete classification', (db) => {
    const k = requireClassificationId(db, id);
    const used = classificationUsage(db).get(k.id);
    if (used && (used.cases > 0 || used.attributes > 0)) {
      throw new QuarryError(
        'conflict',
        `The classification ${k.name} still has ${used.cases} case${used.cases === 1 ? '' : 's'} and ${used.attributes} attribute${used.attributes === 1 ? '' : 's'}; move or delete them first.`,
      );
    }
    deleteClassification(db, k.id);
  });
}

/** Puts a case under another (or at the top, parentId null), refusing a loop. Inside the caller's transaction. */
export function placeCase(db: Database.Database, caseId: number, parentId: number | null): void {
  const c = requireCase(db, caseId);
  if (parentId !== null) {
    const parent = requireCase(db, parentId);
    if (new CaseHierarchy(caseHierarchyRows(db)).wouldCycle(caseId, parentId)) {
      throw new QuarryError('invalid_input', `${c.name} cannot go under ${parent.name}: ${parent.name} is ${c.name} or nested under it.`);
    }
  }
  setCaseParent(db, caseId, parentId);
}

export function moveCase(ctx: ServiceContext, args: { id: number; parentId: number | null }): void {
  mutate(ctx, 'Move case', (db) => placeCase(db, args.id, args.parentId));
}

export function classifyCase(ctx: ServiceContext, args: { id: number; classificationId: number | null }): void {
  mutate(ctx, 'Change case classification', (db) => {
    requireCase(db, args.id);
    if (args.classificationId !== null) requireClassificationId(db, args.classificationId);
    setCaseClassification(db, args.id, args.classificationId);
  });
}

export interface AddCaseArgs {
  name: string;
  description?: string;
  /** The case it is nested under, by name (must exist). */
  parent?: string;
  /** By name, created if missing; omitted = the first classification. */
  classification?: string;
}

/** Creates a case, nested and classified as asked (quarry cases add). */
export function addCase(ctx: ServiceContext, args: AddCaseArgs): { id: number; classification: string | null; parent: string | null } {
  return mutate(ctx, 'Create case', (db) => {
    const name = args.name.trim();
    if (!name) throw new QuarryError('bad_request', 'A case needs a name.');
    if (findCaseByName(db, name)) throw new QuarryError('conflict', `There is already a case called “${name}”.`);
    let parentId: number | null = null;
    if (args.parent !== undefined) {
      const parent = findCaseByName(db, args.parent.trim());
      if (!parent) throw new QuarryError('not_found', `There is no case “${args.parent}” to put ${name} under.`, { case: args.parent });
      parentId = parent.id;
    }
    const classificationId = args.classification !== undefined ? ensureClassification(db, args.classification) : undefined;
    const id = insertCase(db, {
      name,
      ...(args.description !== undefined ? { description: args.description } : {}),
      parentId,
      ...(classificationId !== undefined ? { classificationId } : {}),
    });
    const row = getCase(db, id)!;
    return {
      id,
      classification: row.classificationId === null ? null : (getClassification(db, row.classificationId)?.name ?? null),
      parent: args.parent !== undefined ? args.parent.trim() : null,
    };
  });
}
