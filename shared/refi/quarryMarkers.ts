/**
 * What REFI-QDA 1.0 has no element for, written so that Quarry reads it back
 * and other tools show it as ordinary, readable text:
 *
 * - a choice attribute's list of choices: a last line of the Variable's
 *   Description, `[Quarry choices: ["Early","Established"]]` (the variable
 *   itself is Text, as the standard has no choice type);
 * - a case set: a Set whose members are the cases' sources, its Description
 *   ending `[Quarry case set: <case GUID> …]` (REFI sets cannot hold cases),
 *   plus `[Quarry case set rule: {…}]` for a set defined by a rule;
 * - a case memo: a Set of the memos' Notes, its Description
 *   `[Quarry case memos: <case GUID>]` (a REFI case cannot refer to a note).
 */

const CHOICES = /\n*\[Quarry choices: (\[.*\])\]\s*$/s;
const CASE_SET = /\[Quarry case set: ([0-9a-fA-F{}\- ]*)\]/;
const CASE_SET_RULE = /\[Quarry case set rule: (\{.*\})\]/s;
const CASE_MEMOS = /^\s*\[Quarry case memos: ([0-9a-fA-F{}-]+)\]\s*$/;

export function joinDescription(description: string, marker: string): string {
  return description.trim() ? `${description}\n\n${marker}` : marker;
}

export function withChoices(description: string, choices: readonly string[]): string {
  return joinDescription(description, `[Quarry choices: ${JSON.stringify(choices)}]`);
}

/** The description without the marker, and the choices it held (undefined when there is no valid marker). */
export function readChoices(description: string | undefined): { description: string; choices?: string[] } {
  const text = description ?? '';
  const m = CHOICES.exec(text);
  if (!m) return { description: text };
  try {
    const parsed = JSON.parse(m[1] as string) as unknown;
    if (!Array.isArray(parsed) || !parsed.every((c) => typeof c === 'string')) return { description: text };
    return { description: text.slice(0, m.index), choices: parsed };
  } catch {
    return { description: text };
  }
}

export function caseSetDescription(description: string, caseGuids: readonly string[], rule: string | null): string {
  let marker = `[Quarry case set: ${caseGuids.join(' ')}]`;
  if (rule !== null) marker += `\n[Quarry case set rule: ${rule}]`;
  return joinDescription(description, marker);
}

export interface CaseSetMarker {
  description: string;
  caseGuids: string[];
  /** The rule JSON, for a set defined by a rule. */
  rule: string | null;
}

export function readCaseSet(description: string | undefined): CaseSetMarker | undefined {
  const text = description ?? '';
  const m = CASE_SET.exec(text);
  if (!m) return undefined;
  const r = CASE_SET_RULE.exec(text);
  const cut = Math.min(m.index, r?.index ?? Infinity);
  return {
    description: text.slice(0, cut).replace(/\s+$/, ''),
    caseGuids: (m[1] ?? '').split(/\s+/).filter(Boolean),
    rule: r ? (r[1] as string) : null,
  };
}

export const caseMemosDescription = (caseGuid: string): string => `[Quarry case memos: ${caseGuid}]`;

export function readCaseMemos(description: string | undefined): string | undefined {
  return CASE_MEMOS.exec(description ?? '')?.[1];
}

/*
 * A code renamed for a peer that needs unique code names (exportProfiles.ts):
 * its Description ends `[Quarry name: <the name in Quarry>]`, so Quarry
 * reads the code back under its own name.
 */
const ORIGINAL_NAME = /\n*\[Quarry name: (.*)\]\s*$/s;

export function withOriginalName(description: string | undefined, name: string): string {
  return joinDescription(description ?? '', `[Quarry name: ${name}]`);
}

export function readOriginalName(description: string | undefined): { description: string | undefined; name?: string } {
  const m = ORIGINAL_NAME.exec(description ?? '');
  if (!m) return { description };
  const rest = (description as string).slice(0, m.index);
  return rest ? { description: rest, name: m[1] as string } : { description: undefined, name: m[1] as string };
}

/*
 * The sources of a case, also written as a Set for peers that group
 * documents in sets rather than read a Case's SourceRefs (ATLAS.ti, MAXQDA):
 * its Description is `[Quarry case sources: <case GUID>]`, and Quarry skips
 * the set on reading (the Case already links them).
 */
const CASE_SOURCES = /^\s*\[Quarry case sources: ([0-9a-fA-F{}-]+)\]\s*$/;

export const caseSourcesDescription = (caseGuid: string): string => `[Quarry case sources: ${caseGuid}]`;

export function readCaseSources(description: string | undefined): string | undefined {
  return CASE_SOURCES.exec(description ?? '')?.[1];
}
