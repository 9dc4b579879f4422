/**
 * Readers for the elements the project and codebook schemas share (Code,
 * Set, VariableValue), written to accept what real exporters produce:
 * doorstop's `description=` attribute, MemberCode with `guid` (codebook) or
 * `targetGUID` (project), braced or upper-case GUIDs.
 */
import type { RefiCode, RefiSet, RefiSkipped, RefiVariableValue } from './refiModel.js';
import { derivedGuid, normalizeGuid } from './refiGuid.js';
import { shownName } from '../api/methods/valueSchemas.js';
import { normalizeColor, parseXsdBoolean, readValueElement } from './refiValues.js';
import { attrOf, childText, childrenNamed, firstChild, type XmlElement } from './xmlTree.js';

export interface ReadContext {
  fileName: string;
  skipped: RefiSkipped[];
  warnings: string[];
  /** Warnings already given, so a quirk repeated on every element is reported once. */
  warned: Set<string>;
  /** Counter for GUIDs Quarry has to make up for elements that lack one. */
  madeUp: number;
  /**
   * Set on a context that reads ahead (a source read as soon as the file
   * has it, before the notes): the key of each warnOnce message by its
   * index in `warnings`, so replaying them into the real context warns once
   * over the whole file, as reading in order does.
   */
  onceKeys?: Map<number, string>;
}

export function newReadContext(fileName: string): ReadContext {
  return { fileName, skipped: [], warnings: [], warned: new Set(), madeUp: 0 };
}

export function warnOnce(ctx: ReadContext, key: string, message: string): void {
  if (ctx.warned.has(key)) return;
  ctx.warned.add(key);
  ctx.onceKeys?.set(ctx.warnings.length, key);
  ctx.warnings.push(message);
}

/** The element's guid attribute, normalised; a stable made-up one (with a warning) if it has none. */
export function guidOf(ctx: ReadContext, el: XmlElement, attr = 'guid'): string {
  const raw = attrOf(el, attr);
  if (raw) return normalizeGuid(raw);
  ctx.madeUp += 1;
  warnOnce(ctx, `noguid:${el.name}`, `Some <${el.name}> elements have no ${attr}; Quarry gave them new identifiers.`);
  return derivedGuid('missing', ctx.fileName, el.name, String(ctx.madeUp));
}

/** A reference attribute (targetGUID, creatingUser...), normalised, or undefined. */
export function refOf(el: XmlElement, attr: string): string | undefined {
  const raw = attrOf(el, attr);
  return raw ? normalizeGuid(raw) : undefined;
}

export function refsOf(el: XmlElement, childName: string, attr = 'targetGUID'): string[] {
  const out: string[] = [];
  for (const c of childrenNamed(el, childName)) {
    const g = refOf(c, attr);
    if (g) out.push(g);
  }
  return out;
}

/** <Description> child, or the `description` attribute some small tools write instead. */
export function descriptionOf(ctx: ReadContext, el: XmlElement): string | undefined {
  const child = childText(el, 'Description');
  if (child !== undefined) return child;
  const attr = el.attrs['description'];
  if (attr !== undefined && attr !== '') {
    warnOnce(ctx, 'descattr', `Descriptions are written as a "description" attribute instead of a <Description> element; Quarry read them anyway.`);
    return attr;
  }
  return undefined;
}

function countCodes(el: XmlElement): number {
  return 1 + childrenNamed(el, 'Code').reduce((n, c) => n + countCodes(c), 0);
}

/** Reads <Code> elements (recursively); `seen` collects GUIDs to catch duplicates across the tree. */
export function readCodes(ctx: ReadContext, parent: XmlElement | undefined, seen: Set<string>): RefiCode[] {
  const codes: RefiCode[] = [];
  for (const el of childrenNamed(parent, 'Code')) {
    const guid = guidOf(ctx, el);
    const name = attrOf(el, 'name') ?? el.attrs['name'] ?? '';
    if (seen.has(guid)) {
      const n = countCodes(el);
      for (let i = 0; i < n; i++) {
        ctx.skipped.push({ kind: 'code', name: i === 0 ? name : undefined, reason: i === 0 ? `another code already has the GUID ${guid}` : 'it sits under a code that was skipped' });
      }
      continue;
    }
    seen.add(guid);
    const code: RefiCode = { guid, name, isCodable: parseXsdBoolean(el.attrs['isCodable']) ?? true, children: [], noteGuids: refsOf(el, 'NoteRef') };
    const rawColor = attrOf(el, 'color');
    const color = normalizeColor(rawColor);
    if (color) code.color = color;
    // The colour alone is left out (never stored); the code keeps one of Quarry's.
    else if (rawColor) ctx.skipped.push({ kind: 'code colour', name: shownName(name), reason: `“${shownName(rawColor)}” is not a colour in the form #rrggbb; the code gets one of Quarry’s colours` });
    const description = descriptionOf(ctx, el);
    if (description !== undefined) code.description = description;
    code.children = readCodes(ctx, el, seen);
    codes.push(code);
  }
  return codes;
}

export function readSets(ctx: ReadContext, setsEl: XmlElement | undefined): RefiSet[] {
  const sets: RefiSet[] = [];
  for (const el of childrenNamed(setsEl, 'Set')) {
    const set: RefiSet = {
      guid: guidOf(ctx, el),
      name: el.attrs['name'] ?? '',
      memberCodeGuids: childrenNamed(el, 'MemberCode')
        .map((m) => refOf(m, 'targetGUID') ?? refOf(m, 'guid'))
        .filter((g): g is string => g !== undefined),
      memberSourceGuids: refsOf(el, 'MemberSource'),
      memberNoteGuids: refsOf(el, 'MemberNote'),
    };
    const description = descriptionOf(ctx, el);
    if (description !== undefined) set.description = description;
    sets.push(set);
  }
  return sets;
}

const VALUE_ELEMENTS = new Set(['TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue']);

export function readVariableValues(ctx: ReadContext, el: XmlElement, owner: string): RefiVariableValue[] {
  const values: RefiVariableValue[] = [];
  for (const vv of childrenNamed(el, 'VariableValue')) {
    const variableGuid = refOf(firstChild(vv, 'VariableRef') ?? vv, 'targetGUID');
    if (!variableGuid) {
      ctx.skipped.push({ kind: 'variable value', name: owner, reason: 'it names no variable' });
      continue;
    }
    const valueEl = vv.children.find((c) => VALUE_ELEMENTS.has(c.name));
    values.push({ variableGuid, value: readValueElement(valueEl?.name, valueEl?.text ?? '') });
  }
  return values;
}
