/**
 * Every attribute type, each described once: how a typed value is read and
 * shown, how two values compare, how a sheet column is recognised as the
 * type, how it travels through REFI-QDA and Excel, and which editor the
 * user gets. The core, the contract's schema, the exporters and the
 * renderer all look the type up here, so adding a type is one spec here
 * (plus a migration for the tables' CHECK constraints, which are SQL); the
 * compiler then names every other place that needs it.
 *
 * Pure and renderer-safe: no store, database or Node imports.
 */
import type { RefiVariableType } from '../refi/refiModel.js';
import { matchChoice, parseBooleanText, parseDateText, parseNumberText, type ValueParse } from './attributeValueParsers.js';
import { orderChoices } from './ordinalScales.js';

/** What a spec needs of the attribute it reads for (its name for messages, its choices for 'choice'). */
export interface AttributeDefLike {
  name: string;
  choices?: readonly string[] | undefined;
}

/** Which widget edits a value; the renderer maps it to an element (the core has no DOM). */
export type EditorKind = 'text-input' | 'number-input' | 'date-input' | 'select';

export interface EditorOption {
  value: string;
  label: string;
}

export interface AttributeEditor {
  kind: EditorKind;
  /** For 'select': the canonical values offered, with what the user sees. */
  options?: (choices: readonly string[]) => EditorOption[];
  /** For 'select': the words offered in a filter or condition (what a user would type). */
  conditionOptions?: (choices: readonly string[]) => EditorOption[];
  /** What an input says when the browser cannot read what was typed into it. */
  badInput?: string;
  /** The column's width in the classification sheet, in CSS pixels. */
  columnWidth: number;
}

/** A canonical value as a typed spreadsheet cell. */
export type SheetCellValue = string | number | boolean | Date;

export interface AttributeTypeSpec {
  /** In a type picker ("Yes / no"). */
  label: string;
  /** In a column header, lower case and short ("yes/no"). */
  shortLabel: string;
  /** The attribute carries an ordered list of choices. */
  hasChoices: boolean;
  /**
   * Reads a value as typed, already known not to be blank or a "no value" word;
   * `raw` is untrimmed so that text keeps meaningful spaces.
   */
  parse(raw: string, def: AttributeDefLike): ValueParse;
  /** How a canonical value reads in a published table or the sheet when that differs from the stored string. */
  display?: (canonical: string) => string;
  /** Ordering of two canonical values, for sorting and for < <= > >=. */
  compare(a: string, b: string, def: AttributeDefLike): number;
  /** Whether two canonical values are the same value ('=' and '!='). */
  equal(a: string, b: string, def: AttributeDefLike): boolean;
  /**
   * How well a column of trimmed, non-blank cells fits this type when a sheet
   * is imported (0..1, the best fit wins), or undefined when it does not fit.
   */
  infer(samples: readonly string[]): { confidence: number; choices?: string[] } | undefined;
  refi: {
    /** The REFI-QDA variable type for an attribute holding these canonical values. */
    typeOfVariable(values: readonly string[]): RefiVariableType;
    /** The REFI-QDA variable types that import as this type (a Text variable with a choice list becomes 'choice' on its own). */
    imports: readonly RefiVariableType[];
  };
  /** The typed cell of an exported workbook. */
  sheetCell(canonical: string): SheetCellValue;
  editor: AttributeEditor;
}

// Made on first use: creating a collator starts ICU, which costs start-up time of every quarry command.
let textCollator: Intl.Collator | undefined;
const collator = (): Intl.Collator => (textCollator ??= new Intl.Collator(undefined, { sensitivity: 'accent', numeric: true }));

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sameString = (a: string, b: string): boolean => a === b;
const allParse = (samples: readonly string[], parse: (s: string) => ValueParse): boolean => samples.every((s) => parse(s).ok);

/** A value no longer in the list sorts after every listed choice. */
function rank(choices: readonly string[], v: string): number {
  const i = choices.indexOf(v);
  return i < 0 ? choices.length : i;
}

/** A column is offered as 'choice' with at most this many distinct values... */
export const MAX_INFERRED_CHOICES = 12;

/** Distinct values ignoring letter case, first spelling kept, in order of first appearance. */
export function distinctIgnoringCase(values: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const v of values) {
    const key = v.toLowerCase();
    if (!seen.has(key)) seen.set(key, v);
  }
  return [...seen.values()];
}

const text: AttributeTypeSpec = {
  label: 'Text',
  shortLabel: 'text',
  hasChoices: false,
  // Text keeps its surrounding spaces: the CSV reader has already removed
  // the ones that were only layout (unquoted), so what is left is meant.
  parse: (raw) => ({ ok: true, canonical: raw.replace(/\r\n?/g, '\n') }),
  compare: (a, b) => Math.sign(collator().compare(a, b)),
  // Text ignores letter case.
  equal: (a, b) => collator().compare(a, b) === 0,
  // Anything is text: the fallback when nothing else fits.
  infer: () => ({ confidence: 0.1 }),
  refi: { typeOfVariable: () => 'Text', imports: ['Text', 'DateTime'] },
  sheetCell: (v) => v,
  editor: { kind: 'text-input', columnWidth: 200 },
};

const number: AttributeTypeSpec = {
  label: 'Number',
  shortLabel: 'number',
  hasChoices: false,
  parse: (raw) => parseNumberText(raw.trim()),
  compare: (a, b) => Math.sign(Number(a) - Number(b)),
  equal: sameString,
  infer: (samples) => (allParse(samples, parseNumberText) ? { confidence: 0.9 } : undefined),
  refi: { typeOfVariable: (values) => (values.every((v) => /^-?\d+$/.test(v)) ? 'Integer' : 'Float'), imports: ['Integer', 'Float'] },
  sheetCell: (v) => Number(v),
  editor: { kind: 'number-input', badInput: 'Not a number', columnWidth: 140 },
};

const date: AttributeTypeSpec = {
  label: 'Date',
  shortLabel: 'date',
  hasChoices: false,
  parse: (raw) => parseDateText(raw.trim()),
  // Canonical dates are YYYY-MM-DD with a four-digit year: text order is date order.
  compare: byString,
  equal: sameString,
  infer: (samples) => (allParse(samples, parseDateText) ? { confidence: 0.8 } : undefined),
  refi: { typeOfVariable: () => 'Date', imports: ['Date'] },
  sheetCell: (v) => new Date(`${v}T00:00:00Z`),
  editor: { kind: 'date-input', badInput: 'Not a complete date', columnWidth: 150 },
};

const YES_NO: EditorOption[] = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

const boolean: AttributeTypeSpec = {
  label: 'Yes / no',
  shortLabel: 'yes/no',
  hasChoices: false,
  parse: (raw) => parseBooleanText(raw.trim()),
  display: (v) => (v === 'true' ? 'Yes' : v === 'false' ? 'No' : v),
  // No before yes.
  compare: (a, b) => (a === 'true' ? 1 : 0) - (b === 'true' ? 1 : 0),
  equal: sameString,
  infer: (samples) => (allParse(samples, parseBooleanText) ? { confidence: 0.7 } : undefined),
  refi: { typeOfVariable: () => 'Boolean', imports: ['Boolean'] },
  sheetCell: (v) => v === 'true',
  editor: {
    kind: 'select',
    columnWidth: 130,
    options: () => YES_NO,
    conditionOptions: () => [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ],
  },
};

const choiceOptions = (choices: readonly string[]): EditorOption[] => choices.map((c) => ({ value: c, label: c }));

const choice: AttributeTypeSpec = {
  label: 'Choice list',
  shortLabel: 'choice',
  hasChoices: true,
  parse: (raw, def) => {
    const s = raw.trim();
    const choices = def.choices ?? [];
    const match = matchChoice(s, choices);
    if (match !== undefined) return { ok: true, canonical: match };
    const list = choices.length === 0 ? 'it has no choices yet' : `the choices are ${choices.join(', ')}`;
    return { ok: false, reason: `'${s}' is not one of the choices of ${def.name} (${list})` };
  },
  // Choices in the order of their list: an ordinal scale sorts Low < Medium < High.
  compare: (a, b, def) => {
    const choices = def.choices ?? [];
    return Math.sign(rank(choices, a) - rank(choices, b));
  },
  equal: sameString,
  infer: (samples) => {
    const distinct = distinctIgnoringCase(samples);
    // ...and only when values repeat enough to look like categories rather than free text.
    if (distinct.length <= MAX_INFERRED_CHOICES && distinct.length <= samples.length / 2 && distinct.length < samples.length) {
      return { confidence: 0.5, choices: orderChoices(distinct) };
    }
    return undefined;
  },
  refi: { typeOfVariable: () => 'Text', imports: [] },
  sheetCell: (v) => v,
  editor: { kind: 'select', columnWidth: 170, options: choiceOptions, conditionOptions: choiceOptions },
};

/** The registry. Key order is the order types are offered in. */
export const ATTRIBUTE_TYPE_SPECS = { text, number, date, boolean, choice } satisfies Record<string, AttributeTypeSpec>;

export type AttributeType = keyof typeof ATTRIBUTE_TYPE_SPECS;

export const ATTRIBUTE_TYPES = Object.keys(ATTRIBUTE_TYPE_SPECS) as [AttributeType, ...AttributeType[]];

export function attributeTypeSpec(type: AttributeType): AttributeTypeSpec {
  return ATTRIBUTE_TYPE_SPECS[type];
}

/** The type whose spec fits a sheet column best (text when the column is empty). */
export function inferAttributeType(samples: readonly string[]): { type: AttributeType; choices?: string[] } {
  if (samples.length === 0) return { type: 'text' };
  let best: { type: AttributeType; confidence: number; choices?: string[] } = { type: 'text', confidence: 0 };
  for (const type of ATTRIBUTE_TYPES) {
    const fit = ATTRIBUTE_TYPE_SPECS[type].infer(samples);
    if (fit && fit.confidence > best.confidence) best = { type, ...fit };
  }
  return best.choices ? { type: best.type, choices: best.choices } : { type: best.type };
}

/** The attribute type a REFI-QDA variable imports as (before its description is read for a choice list). */
export function attributeTypeFromRefi(variableType: RefiVariableType): AttributeType {
  return ATTRIBUTE_TYPES.find((t) => ATTRIBUTE_TYPE_SPECS[t].refi.imports.includes(variableType)) ?? 'text';
}

/** How a canonical value of the type reads to a person (Yes/No for yes/no values). */
export function displayCanonical(type: AttributeType, canonical: string): string {
  return ATTRIBUTE_TYPE_SPECS[type].display?.(canonical) ?? canonical;
}

/** An attribute definition for the reading functions: the choice list only for a type that has one. */
export function attributeDefOf(a: { name: string; type: AttributeType; choices?: string[] | undefined }): { name: string; type: AttributeType; choices?: string[] } {
  return ATTRIBUTE_TYPE_SPECS[a.type].hasChoices ? { name: a.name, type: a.type, choices: a.choices ?? [] } : { name: a.name, type: a.type };
}

/** Whether the type carries an ordered list of choices (what a select offers, what orders its values). */
export function hasChoices(type: AttributeType): boolean {
  return ATTRIBUTE_TYPE_SPECS[type].hasChoices;
}

/** The attribute's ordered choices when its type has a list, else none: a stale list left on another type is never read. */
export function orderedChoices(a: { type: AttributeType; choices?: readonly string[] | undefined }): string[] {
  return hasChoices(a.type) ? [...(a.choices ?? [])] : [];
}

/** A choice list as stored: trimmed, non-empty, the first spelling kept of choices differing only in letter case. */
export function dedupeChoices(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const s = raw.trim();
    if (!s || seen.has(s.toLowerCase())) continue;
    seen.add(s.toLowerCase());
    out.push(s);
  }
  return out;
}

/** The list an attribute of this type stores: the given choices cleaned for a type that has a list, none for any other. */
export function normalizeChoices(type: AttributeType, list: readonly string[] | undefined): string[] {
  return hasChoices(type) ? dedupeChoices(list ?? []) : [];
}

/** The type as a column header's tooltip or an attribute list shows it, with its choices in order ("choice: Low < High"). */
export function describeAttributeType(a: { type: AttributeType; choices?: readonly string[] | undefined }, separator = ': '): string {
  return hasChoices(a.type) ? `${a.type}${separator}${orderedChoices(a).join(' < ')}` : a.type;
}
