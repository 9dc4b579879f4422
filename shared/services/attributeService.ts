/**
 * Attribute definitions: list, rename and describe, reorder, delete, and
 * change type (or edit a choice list) with a preview of the values that
 * would not convert. Renaming keeps the case sets that use the attribute
 * working; deleting one that a set's rule uses is refused.
 */
import { hasChoices } from '../cases/attributeTypeRegistry.js';
import type Database from 'better-sqlite3';
import { convertPreview, type AttributeType } from '../cases/attributeTypes.js';
import type { AttributeInfo, TypeChangePreview } from '../domain/caseTypes.js';
import { QuarryError } from '../errors.js';
import {
  deleteAttribute,
  getAttribute,
  listAttributes,
  listValues,
  setAttributeOrder,
  setValue,
  updateAttribute,
  valueCountsByAttribute,
  type AttributeRow,
} from '../store/attributesStore.js';
import { listCaseSets } from '../store/caseSetsStore.js';
import { attributeClash, classificationPhrase, keepingRulesPointed, namedCaseAttributes, ruleUsesCaseAttribute } from './caseAttributeNames.js';
import { listCases } from '../store/casesStore.js';
import { dedupe, toDef } from './caseService.js';
import { mutate, type ServiceContext } from './context.js';


export function listAttributeInfo(db: Database.Database): AttributeInfo[] {
  const counts = valueCountsByAttribute(db);
  return namedCaseAttributes(db).map(({ row: a, ref }) => ({ ...a, valueCount: counts.get(a.id) ?? 0, ...(ref !== a.name ? { reference: ref } : {}) }));
}

function requireAttribute(db: Database.Database, id: number): AttributeRow {
  const a = getAttribute(db, id);
  if (!a) throw new QuarryError('not_found', 'That attribute no longer exists.');
  return a;
}

/** Rename and/or describe. */
export function editAttribute(ctx: ServiceContext, args: { id: number; name?: string; description?: string }): void {
  mutate(ctx, 'Edit attribute', (db) => {
    const a = requireAttribute(db, args.id);
    const name = args.name === undefined ? a.name : args.name.trim();
    if (!name) throw new QuarryError('bad_request', 'An attribute needs a name.');
    const clash = attributeClash(db, name, a.classificationId ?? null, a.id);
    if (clash) throw new QuarryError('conflict', `There is already an attribute called “${clash.name}”${classificationPhrase(db, a.classificationId)}.`);
    // Renaming keeps the case sets that use the attribute (or another whose qualified name the rename changes) working.
    keepingRulesPointed(db, () => updateAttribute(db, a.id, { name, type: a.type, choices: a.choices, description: args.description ?? a.description }));
  });
}

/** Puts the attributes (the sheet's columns) in the given order; `ids` must list every attribute once. */
export function reorderAttributes(ctx: ServiceContext, ids: number[]): void {
  mutate(ctx, 'Reorder attributes', (db) => {
    const all = listAttributes(db).map((a) => a.id);
    const given = new Set(ids);
    if (given.size !== ids.length || ids.length !== all.length || all.some((id) => !given.has(id))) {
      throw new QuarryError('bad_request', 'The new order must list every attribute exactly once (the attributes may have changed; reload and try again).');
    }
    ids.forEach((id, i) => setAttributeOrder(db, id, i));
  });
}

export function removeAttribute(ctx: ServiceContext, id: number): { values: number } {
  return mutate(ctx, 'Delete attribute', (db) => {
    const a = requireAttribute(db, id);
    const users = listCaseSets(db).filter((s) => s.rule && ruleUsesCaseAttribute(db, s.rule, a.id));
    if (users.length > 0) {
      const names = users.map((s) => `“${s.name}”`).join(', ');
      throw new QuarryError('conflict', `${a.name} is used by the case set${users.length > 1 ? 's' : ''} ${names}; change or delete ${users.length > 1 ? 'them' : 'it'} first.`);
    }
    const values = listValues(db, id).length;
    // The name another classification shares goes back to its bare form; rules follow.
    keepingRulesPointed(db, () => deleteAttribute(db, id));
    return { values };
  });
}

export interface TypeChangeArgs {
  id: number;
  type: AttributeType;
  /** For 'choice': the new ordered list (derived from the values when omitted). */
  choices?: string[];
}


function planTypeChange(db: Database.Database, args: TypeChangeArgs) {
  const a = requireAttribute(db, args.id);
  const names = new Map(listCases(db).map((c) => [c.id, c.name]));
  const ids = new Map<string, number>();
  const values = listValues(db, a.id).map((v) => {
    const caseName = names.get(v.caseId) ?? '';
    ids.set(caseName, v.caseId);
    return { caseName, value: v.value };
  });
  const toChoices = hasChoices(args.type) && args.choices !== undefined ? dedupe(args.choices) : undefined;
  const preview = convertPreview(toDef(a), args.type, values, toChoices);
  return { a, ids, preview };
}

export function previewTypeChange(db: Database.Database, args: TypeChangeArgs): TypeChangePreview {
  const { a, preview } = planTypeChange(db, args);
  const result: TypeChangePreview = { attribute: a.name, from: a.type, to: args.type, converted: preview.converted.length, failures: preview.failures };
  if (preview.choices) result.choices = preview.choices;
  return result;
}

/**
 * Changes the type (or the choice list). Values that would not convert are
 * cleared to Unassigned only when the caller confirms with clearFailing,
 * after showing the preview; otherwise the change is refused.
 */
export function changeAttributeType(ctx: ServiceContext, args: TypeChangeArgs & { clearFailing?: boolean }): TypeChangePreview {
  return mutate(ctx, 'Change attribute type', (db) => {
    const { a, ids, preview } = planTypeChange(db, args);
    if (preview.failures.length > 0 && !args.clearFailing) {
      const n = preview.failures.length;
      throw new QuarryError(
        'conflict',
        `${n} value${n === 1 ? '' : 's'} of ${a.name} would not fit the type ${args.type} (for example ${preview.failures[0]!.caseName}: ${preview.failures[0]!.reason}); confirm to clear ${n === 1 ? 'it' : 'them'}.`,
      );
    }
    updateAttribute(db, a.id, { name: a.name, type: args.type, choices: preview.choices ?? [], description: a.description });
    for (const cv of preview.converted) setValue(db, ids.get(cv.caseName)!, a.id, cv.value);
    for (const f of preview.failures) setValue(db, ids.get(f.caseName)!, a.id, { kind: 'unassigned' });
    const result: TypeChangePreview = { attribute: a.name, from: a.type, to: args.type, converted: preview.converted.length, failures: preview.failures };
    if (preview.choices) result.choices = preview.choices;
    return result;
  });
}
