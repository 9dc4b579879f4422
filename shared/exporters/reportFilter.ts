/**
 * The one filter every report takes — the matrix table, the coded passages
 * report and the classification table: named cases, a case set, attribute
 * conditions (all must hold) and named sources. It is the queries' case
 * filter plus sources, so a report narrows exactly as a query does; the
 * loaders only ever ask it "is this case in?" and "is this passage in?".
 * A classification keeps the cases whose own classification it is, and
 * their passages include their sub-cases' text: a Firm report holds its
 * respondents' interviews, as a matrix row of a classification does.
 */
import type Database from 'better-sqlite3';
import { CaseHierarchy } from '../cases/caseHierarchy.js';
import { QuarryError } from '../errors.js';
import { requireClassification } from '../queries/matrixAxes.js';
import { resolveCaseFilter, resolveSourceFilter, splitWhere } from '../queries/caseScope.js';
import type { AttributeCondition } from '../cases/attributeCondition.js';
import { resolveSetName, setMembersOfKind } from '../queries/setScope.js';
import { ProjectLookup } from '../queries/projectLookup.js';
import type { CaseFilter } from '../queries/types.js';
import type { ReportFilter } from './reportFilterSchema.js';
import type { SetKind } from '../domain/setTypes.js';
import { caseHierarchyRows } from '../store/casesStore.js';

export { reportFilterSchema, type ReportFilter } from './reportFilterSchema.js';

export const isEmptyFilter = (f: ReportFilter | undefined): boolean => !f || (!f.where?.length && f.set === undefined && !f.cases && !f.sources && f.classification === undefined);

/** The filter without its sources and classification: what the case-level queries understand. */
export function caseFilterOf(f: ReportFilter | undefined): CaseFilter | undefined {
  if (!f) return undefined;
  const { sources: _sources, classification: _classification, ...rest } = f;
  return rest.where?.length || rest.set !== undefined || rest.cases ? rest : undefined;
}

export interface ResolvedFilter {
  /** Allowed case ids, or null when any case (and text in no case) is allowed. */
  caseIds: Set<number> | null;
  /** Cases whose text a passage may reach: the allowed cases and, with a classification, their sub-cases. */
  passageCaseIds: Set<number> | null;
  /** Allowed source ids, or null for every source. */
  sourceIds: Set<number> | null;
  /** A case is in when it meets the case conditions and (with sources) has text in one of the sources. */
  hasCase(caseId: number): boolean;
  /** A passage is in when its source is, and (with a case condition) it reaches an allowed case. */
  hasPassage(p: { sourceId: number; start: number; end: number }): boolean;
}

/** The kind of set the filter names ('cases' when it names none), for describeReportFilter. */
export const filterSetKind = (db: Database.Database, f: ReportFilter | undefined): SetKind => (f?.set === undefined ? 'cases' : resolveSetName(db, f.set).kind);

/** Resolves names against the project; an unknown case, set, attribute or source is refused with its name. */
export function resolveReportFilter(db: Database.Database, filter: ReportFilter | undefined): ResolvedFilter {
  const lookup = ProjectLookup.of(db);
  const conditions = resolveCaseFilter(db, lookup, caseFilterOf(filter));
  const { caseIds, passageCaseIds } = filter?.classification === undefined ? { caseIds: conditions, passageCaseIds: conditions } : classified(db, filter.classification, conditions);
  // A source set narrows the sources as naming them does.
  let sourceIds: Set<number> | null = setMembersOfKind(db, filter?.set, 'sources');
  if (filter?.sources) {
    const byName = new Map([...lookup.sources.values()].map((s) => [s.name, s.id]));
    const named = filter.sources.map((n) => {
      const id = byName.get(n);
      if (id === undefined) throw new QuarryError('not_found', `There is no source “${n}”.`, { source: n });
      return id;
    });
    sourceIds = new Set(sourceIds ? named.filter((id) => sourceIds!.has(id)) : named);
  }
  // Conditions on source attributes (Wave >= 2) keep the sources that meet them, as in queries and matrices.
  const bySourceAttributes = resolveSourceFilter(db, caseFilterOf(filter));
  if (bySourceAttributes) sourceIds = sourceIds ? new Set([...sourceIds].filter((id) => bySourceAttributes.has(id))) : new Set(bySourceAttributes);
  const inSources = new Map<number, boolean>();
  const hasText = (id: number) => {
    if (!sourceIds) return true;
    let yes = inSources.get(id);
    if (yes === undefined) inSources.set(id, (yes = lookup.sourcesOfCases(new Set([id])).some((s) => sourceIds!.has(s))));
    return yes;
  };
  return {
    caseIds,
    passageCaseIds,
    sourceIds,
    hasCase: (id) => (!caseIds || caseIds.has(id)) && hasText(id),
    hasPassage: (p) =>
      (!sourceIds || sourceIds.has(p.sourceId)) && (!passageCaseIds || lookup.casesOf(p.sourceId, p.start, p.end).some((c) => passageCaseIds.has(c))),
  };
}

/** The cases of the classification that meet the other conditions, and those cases with everything nested under them. */
function classified(db: Database.Database, classification: string, conditions: Set<number> | null): { caseIds: Set<number>; passageCaseIds: Set<number> } {
  const k = requireClassification(db, classification);
  const rows = caseHierarchyRows(db);
  const hierarchy = new CaseHierarchy(rows);
  const caseIds = new Set(rows.filter((c) => c.classificationId === k.id && (!conditions || conditions.has(c.id))).map((c) => c.id));
  return { caseIds, passageCaseIds: new Set([...caseIds].flatMap((id) => hierarchy.subtree(id))) };
}

/**
 * "Cases where Group = Entrepreneur, in the case set Founders; sources where Wave >= 2; sources E1, E2; codings by Ruth" —
 * a sentence for a table's note. A condition is described on the side it reads, so a wave is never called a case's.
 */
export function describeReportFilter(db: Database.Database, f: ReportFilter | undefined, coder?: string): string {
  const setKind = filterSetKind(db, f);
  const { caseConditions, sourceConditions } = f ? splitWhere(db, f) : { caseConditions: [], sourceConditions: [] };
  const condition = (c: AttributeCondition) => `${c.attribute} ${c.operator ?? '='} ${c.value}`;
  const cases: string[] = caseConditions.map(condition);
  if (f?.set !== undefined && setKind === 'cases') cases.push(`in the case set ${f.set}`);
  if (f?.cases) cases.push(`named ${f.cases.join(', ')}`);
  if (f?.classification !== undefined) cases.push(`of the classification ${f.classification} (with their sub-cases' text)`);
  const parts: string[] = [];
  if (cases.length) parts.push(`cases ${caseConditions.length ? 'where ' : ''}${cases.join(', ')}`);
  if (sourceConditions.length) parts.push(`sources where ${sourceConditions.map(condition).join(', ')}`);
  if (f?.sources) parts.push(`sources ${f.sources.join(', ')}`);
  if (f?.set !== undefined && setKind !== 'cases') parts.push(`${setKind} in the ${setKind === 'sources' ? 'source' : 'code'} set ${f.set.replace(/^(sources|codes):/, '')}`);
  if (coder) parts.push(`codings by ${coder}`);
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
