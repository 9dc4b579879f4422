/**
 * Classifications, nested cases and source attributes in REFI-QDA.
 *
 * REFI-QDA 1.0 has Variables with VariableValues on Cases and on
 * TextSources (the standard way source attributes travel), but no element
 * for a classification or for a case inside another case. Those go into
 * Descriptions as readable markers (quarryMarkers.ts), which other tools
 * show as text:
 *
 * - a case attribute's Variable: `[Quarry classification: "Pupil"]`;
 * - a source attribute's Variable: `[Quarry source attribute]`;
 * - a Case: `[Quarry classification: "Pupil"]` and
 *   `[Quarry parent case: <GUID> "North"]`;
 * - the Project: `[Quarry classifications: ["Default","School","Pupil"]]`,
 *   so classifications without cases and their order come back too.
 *
 * A Variable's choice list stays the last marker (readChoices reads it
 * from the end).
 */
import type Database from 'better-sqlite3';
import { listAttributes } from '../store/attributesStore.js';
import { listCases } from '../store/casesStore.js';
import { listClassifications } from '../store/classificationsStore.js';
import { listSourceAttributes } from '../store/sourceAttributesStore.js';
import { derivedGuid, isRefiGuid, normalizeGuid } from './refiGuid.js';
import { joinDescription, readChoices, withChoices } from './quarryMarkers.js';
import type { RefiProject, RefiVariable } from './refiModel.js';

const CLASSIFICATION = /\n*\[Quarry classification: ("(?:[^"\\\n]|\\.)*")\]/;
const SOURCE_ATTRIBUTE = /\n*\[Quarry source attribute\]/;
const PARENT = /\n*\[Quarry parent case: ([0-9a-fA-F{}-]+)(?: "(?:[^"\\\n]|\\.)*")?\]/;
const CLASSIFICATIONS = /\n*\[Quarry classifications: (\[.*?\])\]/s;

/** The GUID a row is exported under (projectToRefi replaces a stored one that is not a GUID the same way). */
const exportGuid = (table: string, guid: string): string => (isRefiGuid(guid.trim()) ? normalizeGuid(guid) : derivedGuid('quarry-id', table, guid));

/** A Variable's description with a marker added before its choice list (which must stay last). */
function markVariable(v: RefiVariable, marker: string): void {
  const { description, choices } = v.type === 'Text' ? readChoices(v.description) : { description: v.description ?? '', choices: undefined };
  const marked = joinDescription(description, marker);
  v.description = choices ? withChoices(marked, choices) : marked;
}

/**
 * Adds the markers to an exported project. Nothing is marked in a project
 * that uses none of it (one classification still called Default, no
 * nesting), so such exports read exactly as before.
 */
export function markClassifications(db: Database.Database, project: RefiProject): void {
  const variables = new Map(project.variables.map((v) => [v.guid, v]));
  for (const a of listSourceAttributes(db)) {
    const v = variables.get(exportGuid('source_attributes', a.guid));
    if (v) markVariable(v, '[Quarry source attribute]');
  }
  const classifications = listClassifications(db);
  const cases = listCases(db);
  const plain = classifications.length === 1 && classifications[0]!.name === 'Default' && cases.every((c) => c.parentId === null);
  if (plain || classifications.length === 0) return;
  const nameOf = new Map(classifications.map((k) => [k.id, k.name]));
  const classMarker = (id: number | null | undefined): string | undefined => {
    const name = id === null || id === undefined ? undefined : nameOf.get(id);
    return name === undefined ? undefined : `[Quarry classification: ${JSON.stringify(name)}]`;
  };
  for (const a of listAttributes(db)) {
    const v = variables.get(exportGuid('attributes', a.guid));
    const marker = classMarker(a.classificationId);
    if (v && marker) markVariable(v, marker);
  }
  const refiCases = new Map(project.cases.map((c) => [c.guid, c]));
  const byId = new Map(cases.map((c) => [c.id, c]));
  for (const c of cases) {
    const rc = refiCases.get(exportGuid('cases', c.guid));
    if (!rc) continue;
    const markers: string[] = [];
    const marker = classMarker(c.classificationId);
    if (marker) markers.push(marker);
    const parent = c.parentId === null ? undefined : byId.get(c.parentId);
    if (parent) markers.push(`[Quarry parent case: ${exportGuid('cases', parent.guid)} ${JSON.stringify(parent.name)}]`);
    if (markers.length > 0) rc.description = joinDescription(rc.description ?? '', markers.join('\n'));
  }
  project.description = joinDescription(project.description ?? '', `[Quarry classifications: ${JSON.stringify(classifications.map((k) => k.name))}]`);
}

function parseJsonString(literal: string): string | undefined {
  try {
    const v = JSON.parse(literal) as unknown;
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  } catch {
    return undefined;
  }
}

const cut = (text: string, re: RegExp): string => text.replace(re, '');

export interface VariableMarkers {
  /** The description without Quarry's classification markers (the choice list is left for readChoices). */
  description: string | undefined;
  classification?: string;
  sourceAttribute: boolean;
}

export function readVariableMarkers(description: string | undefined): VariableMarkers {
  if (description === undefined) return { description, sourceAttribute: false };
  const m = CLASSIFICATION.exec(description);
  const classification = m ? parseJsonString(m[1] as string) : undefined;
  const sourceAttribute = SOURCE_ATTRIBUTE.test(description);
  const rest = cut(cut(description, CLASSIFICATION), SOURCE_ATTRIBUTE).replace(/^\n+/, '');
  return { description: rest, ...(classification !== undefined ? { classification } : {}), sourceAttribute };
}

export interface CaseMarkers {
  description: string;
  classification?: string;
  /** The parent case's GUID as written (fix it with fixGuid). */
  parentGuid?: string;
}

export function readCaseMarkers(description: string | undefined): CaseMarkers {
  const text = description ?? '';
  const k = CLASSIFICATION.exec(text);
  const p = PARENT.exec(text);
  const classification = k ? parseJsonString(k[1] as string) : undefined;
  return {
    description: cut(cut(text, CLASSIFICATION), PARENT).replace(/^\n+/, ''),
    ...(classification !== undefined ? { classification } : {}),
    ...(p ? { parentGuid: p[1] as string } : {}),
  };
}

/** The project's classification names in order (empty when the file has no marker). */
export function readProjectClassifications(description: string | undefined): string[] {
  const m = CLASSIFICATIONS.exec(description ?? '');
  if (!m) return [];
  try {
    const v = JSON.parse(m[1] as string) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [];
  } catch {
    return [];
  }
}
