/**
 * Mutations whose result says exactly what changed in some cached reads:
 * those reads are updated in the cache from the result, and not refetched.
 * Coding a passage is the hot path: the open document gains the coding; its
 * source row, the project's totals and the coder's activity move by the
 * number of codings it added; the code trees move by the count change the
 * core computed for that one source (references merge across coders, so
 * only the core can count them). One coding then costs the apply call and
 * the undo state.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { DataKey } from '../../shared/api/affects.js';
import type { ArgsOf, MethodName, ResultOf } from '../../shared/api/contract.js';
import type { AppliedCoding, AppliedCodingWithCounts, Coder, CodeNode, Coding, CountChange, CountDelta, ProjectInfo, SourceSummary } from '../../shared/domain/types.js';
import type { AttributeValue } from '../../shared/cases/attributeTypes.js';
import type { CaseSheet, CompactValue } from '../../shared/domain/caseTypes.js';
import type { CodersOverview } from '../../shared/domain/coderTypes.js';
import { apiQueryKey, type ApiQueryKey } from './queryCache.js';

type Patch<K extends MethodName> = (client: QueryClient, args: ArgsOf<K>, result: ResultOf<K>) => Handled;

/** A coding as the document holds it (the apply result without its report fields). */
function codingOf(r: AppliedCoding): Coding {
  return { id: r.id, guid: r.guid, sourceId: r.sourceId, codeId: r.codeId, start: r.start, end: r.end, coderId: r.coderId, coderName: r.coderName, createdAt: r.createdAt };
}

/**
 * The source's codings after an apply: the coder's codings at the code that the new span
 * joined lie inside the result's span (it is their union) and are now the result.
 */
export function codingsAfterApply(codings: readonly Coding[], r: AppliedCoding): Coding[] {
  const joined = (c: Coding) => c.id === r.id || (c.codeId === r.codeId && c.coderId === r.coderId && c.start >= r.start && c.end <= r.end);
  return [...codings.filter((c) => !joined(c)), codingOf(r)];
}

/** What a patch brought up to date: whole keys (no read of them needs refetching), or single cached reads. */
export interface Handled {
  keys?: readonly DataKey[];
  queries?: readonly ApiQueryKey[];
}

/** A code tree with each node's numbers moved by `change` (codes it does not name keep theirs). */
export function treeAfterCountChange(tree: readonly CodeNode[], change: Record<number, CountDelta>): CodeNode[] {
  return tree.map((n) => {
    const d = change[n.id];
    const children = treeAfterCountChange(n.children, change);
    if (!d) return children.every((c, i) => c === n.children[i]) ? n : { ...n, children };
    return {
      ...n,
      references: n.references + d.references,
      sources: n.sources + d.sources,
      aggregateReferences: n.aggregateReferences + d.aggregateReferences,
      aggregateSources: n.aggregateSources + d.aggregateSources,
      codings: n.codings + d.codings,
      children,
    };
  });
}

/** The cached code trees counted for one coder other than `coderName`: another coder's coding leaves them as they are. */
function otherCodersTrees(client: QueryClient, coderName: string): ApiQueryKey[] {
  return client
    .getQueryCache()
    .findAll({ queryKey: ['codes.tree'] })
    .map((q) => q.queryKey as unknown as ApiQueryKey<'codes.tree'>)
    .filter(([, args]) => args.coder !== undefined && args.coder !== coderName);
}

/** The code trees cached for everyone and for the coder who coded, moved by the apply's count change. */
function patchCodeTrees(client: QueryClient, change: CountChange | undefined, coderName: string): ApiQueryKey[] {
  if (!change) return [];
  const keys: ApiQueryKey[] = [];
  const move = (key: ApiQueryKey, delta: Record<number, CountDelta>) => {
    if (!client.getQueryData(key)) return;
    client.setQueryData<CodeNode[]>(key, (old) => (old ? treeAfterCountChange(old, delta) : old));
    keys.push(key);
  };
  move(apiQueryKey('codes.tree', {}), change.all);
  move(apiQueryKey('codes.tree', { coder: coderName }), change.coder);
  return keys;
}

function patchApplied(client: QueryClient, r: AppliedCodingWithCounts): Handled {
  const sourceId = r.sourceId;
  // The first coding by a coder the project did not know adds them.
  const coders = client.getQueryData<Coder[]>(apiQueryKey('coders.list', {}));
  const knownCoder = !coders || coders.some((c) => c.id === r.coderId);
  if (r.alreadyCoded) return { keys: [`codings:${sourceId}`, `sources:${sourceId}`, 'project', 'counts', ...(knownCoder ? (['coders'] as const) : [])] };
  const added = 1 - r.mergedWith;
  const codings = apiQueryKey('sources.codings', { id: sourceId });
  const list = apiQueryKey('sources.list', {});
  const project = apiQueryKey('project.info', {});
  const before = client.getQueryData<Coding[]>(codings);
  const overview = before && knownCoder ? patchCoderActivity(client, r.coderId, added, !before.some((c) => c.coderId === r.coderId)) : [];
  client.setQueryData<Coding[]>(codings, (old) => (old ? codingsAfterApply(old, r) : old));
  client.setQueryData<SourceSummary[]>(list, (old) => old?.map((s) => (s.id === sourceId ? { ...s, codingCount: s.codingCount + added } : s)));
  client.setQueryData<ProjectInfo | null>(project, (old) => (old ? { ...old, counts: { ...old.counts, codings: old.counts.codings + added } } : old));
  const trees = patchCodeTrees(client, r.countChange, r.coderName);
  // A tree filtered to another coder does not change; one filtered to an unknown name counts nothing.
  const otherTrees = r.countChange ? otherCodersTrees(client, r.coderName) : [];
  return { queries: [codings, list, project, ...overview, ...trees, ...otherTrees, ...(knownCoder ? [apiQueryKey('coders.list', {})] : [])] };
}

/** The coder's activity (the "Code as" prompt and the coders dialog): codings, and sources when this is their first here. */
function patchCoderActivity(client: QueryClient, coderId: number, added: number, firstInSource: boolean): ApiQueryKey[] {
  const key = apiQueryKey('coders.overview', {});
  const overview = client.getQueryData<CodersOverview>(key);
  if (!overview?.coders.some((c) => c.id === coderId)) return [];
  const coders = overview.coders.map((c) => (c.id === coderId ? { ...c, codings: c.codings + added, sources: c.sources + (firstInSource ? 1 : 0) } : c));
  client.setQueryData<CodersOverview>(key, { ...overview, coders });
  return [key];
}

const compact = (v: AttributeValue): CompactValue => (v.kind === 'value' ? v.value : v.kind === 'unassigned' ? null : 0);

/** One cell of the classification sheet: the value, and the attribute's count of cases with one. */
export function sheetAfterSetValue(sheet: CaseSheet, caseId: number, attributeId: number, value: AttributeValue): CaseSheet {
  const row = sheet.cases.findIndex((c) => c.id === caseId);
  const column = sheet.values[attributeId];
  if (row < 0 || !column) return sheet;
  const next = compact(value);
  const had = column[row] !== null && column[row] !== undefined;
  const has = next !== null;
  const values = { ...sheet.values, [attributeId]: column.map((v, i) => (i === row ? next : v)) };
  const attributes = had === has ? sheet.attributes : sheet.attributes.map((a) => (a.id === attributeId ? { ...a, valueCount: a.valueCount + (has ? 1 : -1) } : a));
  return { ...sheet, attributes, values };
}

function patchSetValue(client: QueryClient, args: ArgsOf<'cases.setValue'>, value: AttributeValue): Handled {
  const key = apiQueryKey('cases.sheet', {});
  const sheet = client.getQueryData<CaseSheet>(key);
  if (!sheet || !sheet.cases.some((c) => c.id === args.caseId) || !sheet.values[args.attributeId]) return {};
  client.setQueryData<CaseSheet>(key, sheetAfterSetValue(sheet, args.caseId, args.attributeId, value));
  return { queries: [key] };
}

export const CACHE_PATCHES: { [K in MethodName]?: Patch<K> } = {
  'codings.apply': (client, _args, r) => patchApplied(client, r),
  'cases.setValue': patchSetValue,
};

/** Updates the cache from a mutation's result; says what is now up to date. */
export function patchFromResult<K extends MethodName>(client: QueryClient, method: K, args: ArgsOf<K>, result: ResultOf<K>): Handled {
  const patch = CACHE_PATCHES[method] as Patch<K> | undefined;
  return patch ? patch(client, args, result) : {};
}
