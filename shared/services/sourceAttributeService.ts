/**
 * Source attributes — the source classification sheet (Wave, Interview
 * date, Interviewer, Mode) — and their values. They are typed and compared
 * exactly like case attributes; filters reach them as `source:NAME` or by a
 * name no case attribute has.
 */
import { normalizeChoices } from '../cases/attributeTypeRegistry.js';
import type Database from 'better-sqlite3';
import { parseValue, type AttributeType, type AttributeValue } from '../cases/attributeTypes.js';
import { inferType } from '../cases/typeInference.js';
import type { SourceAttributeInfo, SourceSheet } from '../domain/caseTypes.js';
import { QuarryError } from '../errors.js';
import {
  deleteSourceAttribute,
  findSourceAttributeByName,
  getSourceAttribute,
  insertSourceAttribute,
  listSourceAttributes,
  listSourceValues,
  setSourceValue,
  updateSourceAttribute,
  type SourceAttributeRow,
} from '../store/sourceAttributesStore.js';
import { findSourceByName, getSource, listSources } from '../store/sourcesStore.js';
import { toDef } from './caseService.js';
import { mutate, type ServiceContext } from './context.js';

export function listSourceAttributeInfo(db: Database.Database): SourceAttributeInfo[] {
  const counts = new Map<number, number>();
  for (const v of listSourceValues(db)) counts.set(v.attributeId, (counts.get(v.attributeId) ?? 0) + 1);
  return listSourceAttributes(db).map((a) => ({ ...a, valueCount: counts.get(a.id) ?? 0 }));
}

export function sourceSheet(db: Database.Database): SourceSheet {
  const values = new Map<number, Record<number, AttributeValue>>();
  for (const v of listSourceValues(db)) {
    const rec = values.get(v.sourceId) ?? {};
    rec[v.attributeId] = v.value;
    values.set(v.sourceId, rec);
  }
  return {
    attributes: listSourceAttributeInfo(db),
    sources: listSources(db).map((s) => ({ id: s.id, name: s.name, caseName: s.caseName ?? null, values: values.get(s.id) ?? {} })),
  };
}

/** Every source's values by attribute name, formatted as the CLI prints them (Unassigned left out). */
export function sourceAttributesByName(db: Database.Database): Map<number, Record<string, string>> {
  const attrs = new Map(listSourceAttributes(db).map((a) => [a.id, a]));
  const out = new Map<number, Record<string, string>>();
  for (const v of listSourceValues(db)) {
    const a = attrs.get(v.attributeId);
    if (!a) continue;
    const rec = out.get(v.sourceId) ?? {};
    rec[a.name] = v.value.kind === 'value' ? v.value.value : 'Not applicable';
    out.set(v.sourceId, rec);
  }
  return out;
}

function requireAttribute(db: Database.Database, id: number): SourceAttributeRow {
  const a = getSourceAttribute(db, id);
  if (!a) throw new QuarryError('not_found', 'That source attribute no longer exists.');
  return a;
}

function checkName(name: string): string {
  const clean = name.trim();
  if (!clean) throw new QuarryError('bad_request', 'A source attribute needs a name.');
  return clean;
}

export function defineSourceAttribute(ctx: ServiceContext, args: { name: string; type: AttributeType; choices?: string[]; description?: string }): number {
  return mutate(ctx, 'Add source attribute', (db) => {
    const name = checkName(args.name);
    const clash = findSourceAttributeByName(db, name);
    if (clash) throw new QuarryError('conflict', `There is already a source attribute called “${clash.name}”.`);
    const choices = normalizeChoices(args.type, args.choices);
    return insertSourceAttribute(db, { name, type: args.type, choices, ...(args.description !== undefined ? { description: args.description } : {}) });
  });
}

/** Rename, describe, or (when no stored value would stop fitting) change the type or choice list. */
export function editSourceAttribute(
  ctx: ServiceContext,
  args: { id: number; name?: string; description?: string; type?: AttributeType; choices?: string[] },
): void {
  mutate(ctx, 'Edit source attribute', (db) => {
    const a = requireAttribute(db, args.id);
    const name = args.name === undefined ? a.name : checkName(args.name);
    const clash = findSourceAttributeByName(db, name);
    if (clash && clash.id !== a.id) throw new QuarryError('conflict', `There is already a source attribute called “${clash.name}”.`);
    const type = args.type ?? a.type;
    const choices = normalizeChoices(type, args.choices ?? a.choices);
    const def = toDef({ name, type, choices });
    for (const v of listSourceValues(db)) {
      if (v.attributeId !== a.id || v.value.kind !== 'value') continue;
      if (!parseValue(def, v.value.value).ok) {
        throw new QuarryError('invalid_input', `${name}: the value “${v.value.value}” of ${getSource(db, v.sourceId)?.name ?? 'a source'} would not fit; change it first.`);
      }
    }
    updateSourceAttribute(db, a.id, { name, type, choices, description: args.description ?? a.description });
  });
}

export function removeSourceAttribute(ctx: ServiceContext, id: number): void {
  mutate(ctx, 'Delete source attribute', (db) => {
    requireAttribute(db, id);
    deleteSourceAttribute(db, id);
  });
}

/** Sets one cell of the source sheet from what the user typed; returns the stored value. */
export function setSourceAttributeValue(ctx: ServiceContext, args: { sourceId: number; attributeId: number; raw: string }): AttributeValue {
  return mutate(ctx, 'Edit source attribute value', (db) => {
    const a = requireAttribute(db, args.attributeId);
    if (!getSource(db, args.sourceId)) throw new QuarryError('not_found', 'That source no longer exists.');
    const parsed = parseValue(toDef(a), args.raw);
    if (!parsed.ok) throw new QuarryError('invalid_input', `${a.name}: ${parsed.reason}.`);
    setSourceValue(db, args.sourceId, a.id, parsed.value);
    return parsed.value;
  });
}

/**
 * quarry sources set: NAME=VALUE pairs for one source, in one step. An
 * attribute not yet defined is created with the type its value suggests
 * (2 → number, 2024-03-01 → date, anything else text).
 */
export function setSourceValuesByName(
  ctx: ServiceContext,
  args: { source: string; values: { name: string; raw: string }[] },
): { source: string; values: Record<string, string>; createdAttributes: string[] } {
  return mutate(ctx, 'Edit source attributes', (db) => {
    const src = findSourceByName(db, args.source);
    if (!src) throw new QuarryError('not_found', `There is no source called “${args.source}”.`, { source: args.source });
    const created: string[] = [];
    const out: Record<string, string> = {};
    for (const { name, raw } of args.values) {
      let a = findSourceAttributeByName(db, checkName(name));
      if (!a) {
        const inferred = inferType(raw.trim() === '' ? [] : [raw.trim()]);
        a = getSourceAttribute(db, insertSourceAttribute(db, { name: name.trim(), type: inferred.type }))!;
        created.push(a.name);
      }
      const parsed = parseValue(toDef(a), raw);
      if (!parsed.ok) throw new QuarryError('invalid_input', `${src.name}: ${a.name}: ${parsed.reason}.`, { source: src.name, attribute: a.name });
      setSourceValue(db, src.id, a.id, parsed.value);
      out[a.name] = parsed.value.kind === 'value' ? parsed.value.value : parsed.value.kind === 'not_applicable' ? 'Not applicable' : 'Unassigned';
    }
    return { source: src.name, values: out, createdAttributes: created };
  });
}
