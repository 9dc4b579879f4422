/**
 * How a case attribute is named when its name is not unique in the project.
 * Names are unique within a classification only (Firm and School may each
 * have "Size"), so every place that names an attribute by text — filters,
 * matrix rows, case-set rules, label templates, sheets, REFI-QDA markers —
 * reads it through here:
 *
 * - an attribute whose name no other classification has is named by its
 *   name alone, exactly as before classifications shared names;
 * - one whose name another classification also has is named
 *   CLASSIFICATION.NAME ("School.Size"): its reference name;
 * - CLASSIFICATION.NAME works for any attribute, shared or not;
 * - an exact full attribute name always wins over a reading with a dot
 *   ("No. of staff" is a name, not classification "No" and " of staff");
 * - a bare name two classifications have is refused with the qualified
 *   forms spelled out, never silently picked.
 *
 * Letter case is ignored as everywhere else (an exact spelling wins).
 * Pure and renderer-safe.
 */
import { QuarryError } from '../errors.js';
import { attributeDefOf, type AttributeType } from './attributeTypeRegistry.js';
import type { AttributeDef } from './attributeTypes.js';

export interface ClassifiedName {
  name: string;
  /** The owning classification's name; null or absent for one that has none. */
  classification?: string | null | undefined;
}

const lower = (s: string) => s.toLowerCase();

/** CLASSIFICATION.NAME as written in filters and sheets. */
export function qualifiedName(classification: string, name: string): string {
  return `${classification}.${name}`;
}

/** "Size" for "School.Size" when the classification is School (letter case ignored); the name unchanged otherwise. */
export function withoutClassificationPrefix(name: string, classification: string | undefined): string {
  if (!classification) return name;
  const prefix = `${classification}.`;
  const rest = name.slice(prefix.length).trim();
  return name.toLowerCase().startsWith(prefix.toLowerCase()) && rest ? rest : name;
}

/**
 * Each attribute's reference name, in input order: the name alone unless
 * another classification has the same name (ignoring letter case), then
 * CLASSIFICATION.NAME. Reference names are unique, so they key values.
 */
export function referenceNames(attrs: readonly ClassifiedName[]): string[] {
  const count = new Map<string, number>();
  for (const a of attrs) count.set(lower(a.name), (count.get(lower(a.name)) ?? 0) + 1);
  return attrs.map((a) => ((count.get(lower(a.name)) ?? 0) > 1 && a.classification ? qualifiedName(a.classification, a.name) : a.name));
}

/** The message for a bare name two or more classifications have. */
export function ambiguousNameMessage(name: string, holders: readonly ClassifiedName[]): string {
  const classes = holders.map((h) => h.classification ?? '(no classification)');
  const forms = holders.map((h) => qualifiedName(h.classification ?? '', h.name));
  const list = (xs: string[], word: string) => (xs.length <= 2 ? xs.join(` ${word} `) : `${xs.slice(0, -1).join(', ')} ${word} ${xs[xs.length - 1]!}`);
  return `${name} is an attribute of ${list(classes, 'and of')}; write ${list(forms, 'or')}.`;
}

export type NameLookup<T> = { found: T } | { ambiguous: string } | { missing: true };

/**
 * Finds the attribute a name means (see the module comment). `refs` are the
 * attributes' reference names, in the order of `attrs`.
 */
export function lookupAttributeName<T extends ClassifiedName>(attrs: readonly T[], text: string, refs: readonly string[] = referenceNames(attrs)): NameLookup<T> {
  const want = text.trim();
  const pick = (matches: number[]): NameLookup<T> | undefined => {
    if (matches.length === 1) return { found: attrs[matches[0]!]! };
    if (matches.length > 1) return { ambiguous: ambiguousNameMessage(want, matches.map((i) => attrs[i]!)) };
    return undefined;
  };
  const indexes = attrs.map((_, i) => i);
  // An exact spelling first, then ignoring letter case; a reference name is one match.
  const byRef = pick(indexes.filter((i) => refs[i] === want)) ?? pick(indexes.filter((i) => lower(refs[i]!) === lower(want)));
  if (byRef) return byRef;
  const byName = pick(indexes.filter((i) => attrs[i]!.name === want)) ?? pick(indexes.filter((i) => lower(attrs[i]!.name) === lower(want)));
  if (byName) return byName;
  // CLASSIFICATION.NAME, at whichever dot splits it into a classification and one of its attributes.
  for (let dot = want.indexOf('.'); dot > 0; dot = want.indexOf('.', dot + 1)) {
    const cls = lower(want.slice(0, dot).trim());
    const name = lower(want.slice(dot + 1).trim());
    const hit = pick(indexes.filter((i) => lower(attrs[i]!.classification ?? '') === cls && lower(attrs[i]!.name) === name));
    if (hit) return hit;
  }
  return { missing: true };
}

/** The attribute a name means, undefined when there is none; a name two classifications have throws, listing the qualified forms. */
export function resolveAttributeName<T extends ClassifiedName>(attrs: readonly T[], text: string, refs?: readonly string[]): T | undefined {
  const r = lookupAttributeName(attrs, text, refs);
  if ('ambiguous' in r) throw new QuarryError('invalid_input', r.ambiguous, { attribute: text });
  return 'found' in r ? r.found : undefined;
}

/**
 * Reading definitions keyed by reference name, from attribute rows and the
 * names of their classifications (a project's, or a co-author's file's).
 */
export function referenceDefs<R extends { name: string; type: AttributeType; choices?: string[] | undefined; classificationId?: number | null | undefined }>(
  rows: readonly R[],
  classificationName: (id: number) => string | undefined,
): AttributeDef[] {
  const classOf = (a: R) => (a.classificationId == null ? null : (classificationName(a.classificationId) ?? null));
  const refs = referenceNames(rows.map((a) => ({ name: a.name, classification: classOf(a) })));
  return rows.map((row, i) => {
    const ref = refs[i]!;
    const def: AttributeDef = { ...attributeDefOf({ ...row, name: ref }), classification: classOf(row) };
    if (ref !== row.name) def.bareName = row.name;
    return def;
  });
}
