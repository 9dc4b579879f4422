/**
 * Repairs of case ↔ source links that other tools' exports get wrong.
 *
 * QualCoder (and tools importing from it) may write a case's <SourceRef>
 * with an identifier that matches no source in the file, and hold the same
 * participant's variables on the source too. Taken literally, every such
 * source would lose its case and then get a second, made-up case for its
 * variables. A dangling reference is therefore matched to a source by name
 * (the case's name is the source's, with or without the file extension) or
 * by variables (the source's values are exactly the case's); a reference that
 * is the name-derived identifier the qc tool gives a file (nameDerivedGuid)
 * counts as a match by name. Only a single, unambiguous source that no case owns yet is linked. A source whose values
 * are exactly an existing case's joins that case instead of getting its own.
 */
import { createHash } from 'node:crypto';
import type { RefiCase, RefiTextSource, RefiVariableValue } from './refiModel.js';
import { fixGuid } from './importGuid.js';
import type { PlannedSource } from './refiImportPlanTypes.js';

/** The import report's account of repaired case links. */
export interface CaseLinkRepairs {
  /** Dangling SourceRefs linked to the source of the case's name. */
  byName: number;
  /** Dangling SourceRefs linked to the source with exactly the case's variable values. */
  byVariables: number;
  /** Sources whose values matched an existing case, so no second case was made for them. */
  joinedExisting: number;
  /** "Case name → GUID" of each dangling reference that matched nothing. */
  unmatched: string[];
}

export const noCaseLinkRepairs = (): CaseLinkRepairs => ({ byName: 0, byVariables: 0, joinedExisting: 0, unmatched: [] });

/** A comparable fingerprint of variable values (no values → empty string, which matches nothing). */
export function valuesKey(values: RefiVariableValue[]): string {
  return values
    .filter((v) => v.value !== null && String(v.value).trim() !== '')
    .map((v) => `${fixGuid(v.variableGuid)}=${String(v.value).trim()}`)
    .sort()
    .join('\n');
}

/**
 * The identifier the qc tool (cproctor's qualitative-coding, origin "qc")
 * writes for a file: the first 16 hex digits of the MD5 of its file name,
 * as ASCII, in hex — "board_2017.txt" → 33663939-3636-3632-3038-613431643463
 * (its demo.qdpx shows it). Another export of the same corpus refers to the
 * source by it, whatever GUID the source got since.
 */
export function nameDerivedGuid(fileName: string): string {
  const hex = Buffer.from(createHash('md5').update(fileName).digest('hex').slice(0, 16), 'ascii').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const fileNamesOf = (s: RefiTextSource): string[] => [s.name, `${s.name}.${s.originalExt ?? 'txt'}`];

const bareName = (name: string): string => name.trim().replace(/\.[A-Za-z0-9]{1,5}$/u, '').toLocaleLowerCase();

interface Candidate {
  planned: PlannedSource;
  file: RefiTextSource;
}

/** The one source no case owns yet that `accept` picks, or undefined when none or several do. */
function unique(candidates: Candidate[], accept: (c: Candidate) => boolean): Candidate | undefined {
  const hits = candidates.filter((c) => c.planned.caseGuid === undefined && accept(c));
  return hits.length === 1 ? hits[0] : undefined;
}

export interface DanglingLink {
  fileCase: RefiCase;
  caseGuid: string;
  caseName: string;
  ref: string;
}

/**
 * Links each dangling reference to a source by name, then by variables.
 * Returns the links it made so the caller can attach the sources.
 */
export function repairDanglingLinks(
  dangling: DanglingLink[],
  sources: Candidate[],
  repairs: CaseLinkRepairs,
): { caseGuid: string; source: PlannedSource }[] {
  const made: { caseGuid: string; source: PlannedSource }[] = [];
  const link = (d: DanglingLink, c: Candidate): void => {
    c.planned.caseGuid = d.caseGuid;
    made.push({ caseGuid: d.caseGuid, source: c.planned });
  };
  const unresolved: DanglingLink[] = [];
  // Names first, for every case, so a name match is never taken by another case's variables.
  for (const d of dangling) {
    const ref = d.ref.toLowerCase();
    const hit = unique(
      sources,
      (c) =>
        bareName(c.planned.name) === bareName(d.caseName) ||
        bareName(c.file.name) === bareName(d.caseName) ||
        fileNamesOf(c.file).some((f) => nameDerivedGuid(f) === ref),
    );
    if (hit) {
      link(d, hit);
      repairs.byName++;
    } else unresolved.push(d);
  }
  for (const d of unresolved) {
    const key = valuesKey(d.fileCase.values);
    const hit = key ? unique(sources, (c) => valuesKey(c.file.values) === key) : undefined;
    if (hit) {
      link(d, hit);
      repairs.byVariables++;
    } else repairs.unmatched.push(`${d.caseName} → ${d.ref}`);
  }
  return made;
}

/** The case (by GUID) whose file values are exactly the source's, when exactly one is. */
export function caseWithSameValues(source: RefiTextSource, caseValues: Map<string, string>): string | undefined {
  const key = valuesKey(source.values);
  if (!key) return undefined;
  const hits = [...caseValues].filter(([, k]) => k === key);
  return hits.length === 1 ? hits[0]![0] : undefined;
}

/** The lines the import report shows for the repairs made (none when nothing was repaired). */
export function caseLinkWarnings(r: CaseLinkRepairs): string[] {
  const out: string[] = [];
  if (r.byName + r.byVariables > 0) {
    out.push(
      `Repaired: ${r.byName + r.byVariables} case link(s) pointed at no source in the file; ${r.byName} matched by name, ${r.byVariables} by variables.`,
    );
  }
  if (r.joinedExisting > 0) {
    out.push(`Repaired: ${r.joinedExisting} source(s) carry the same variable values as an existing case and joined it instead of becoming a second case.`);
  }
  return out;
}
