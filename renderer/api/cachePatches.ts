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
import { hashKey, type QueryClient } from '@tanstack/react-query';
import { codingChangeIn, type DataKey } from '../../shared/api/affects.js';
import type { ArgsOf, MethodName, ResultOf } from '../../shared/api/contract.js';
import type { AppliedCoding, AppliedCodingWithCounts, Coder, CodeNode, Coding, CodingsChange, CountChange, CountDelta, ProjectInfo, SourceSummary } from '../../shared/domain/types.js';
import type { AttributeValue } from '../../shared/cases/attributeTypes.js';
import type { CaseSheet, CompactValue } from '../../shared/domain/caseTypes.js';
import type { CodersOverview } from '../../shared/domain/coderTypes.js';
import { joinPath } from '../../shared/domain/codePath.js';
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

/**
 * What a patch brought up to date: whole keys (no read of them needs refetching), or single
 * cached reads; `changed`, when the result says the change touched less than its method
 * declares (an undo that only moved one source's codings), replaces what it declares.
 */
export interface Handled {
  keys?: readonly DataKey[];
  queries?: readonly ApiQueryKey[];
  changed?: readonly DataKey[];
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
  // The folders (names, numbers of sources) read `sources` too, but no coding moves them.
  const folders = apiQueryKey('sources.folders', {});
  return { queries: [codings, list, folders, project, ...overview, ...trees, ...otherTrees, ...(knownCoder ? [apiQueryKey('coders.list', {})] : [])] };
}

/** The coder's activity (the "Code as" prompt and the coders dialog): codings, and sources when this is their first (or last) here. */
function patchCoderActivity(client: QueryClient, coderId: number, added: number, firstInSource: boolean | number): ApiQueryKey[] {
  const key = apiQueryKey('coders.overview', {});
  const overview = client.getQueryData<CodersOverview>(key);
  if (!overview?.coders.some((c) => c.id === coderId)) return [];
  const coders = overview.coders.map((c) => (c.id === coderId ? { ...c, codings: c.codings + added, sources: c.sources + Number(firstInSource) } : c));
  client.setQueryData<CodersOverview>(key, { ...overview, coders });
  return [key];
}

/** A source's codings after a change: the removed and saved rows out, the saved rows in, in the core's order. */
export function codingsAfterChange(codings: readonly Coding[], change: Pick<CodingsChange, 'removed' | 'saved'>): Coding[] {
  const out = new Set([...change.removed, ...change.saved.map((c) => c.id)]);
  return [...codings.filter((c) => !out.has(c.id)), ...change.saved].sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
}

/**
 * Uncode, resize, recode, in vivo: the source's codings, its row, the project's total,
 * the coder's activity and the code trees move by what the core says changed. Without a
 * change (several coders' codings changed) everything the contract names is refetched.
 */
function patchCodingsChange(client: QueryClient, change: CodingsChange | undefined, treesToo = true): Handled {
  if (!change) return {};
  const { sourceId, codings: added } = change;
  const codings = apiQueryKey('sources.codings', { id: sourceId });
  const before = client.getQueryData<Coding[]>(codings);
  // The id of a removed or resized coding does not name its source: the other sources' codings stay as they are.
  const otherSources = client
    .getQueryCache()
    .findAll({ queryKey: ['sources.codings'] })
    .map((q) => q.queryKey as unknown as ApiQueryKey<'sources.codings'>)
    .filter(([, args]) => args.id !== sourceId);
  if (before) client.setQueryData<Coding[]>(codings, codingsAfterChange(before, change));
  const list = apiQueryKey('sources.list', {});
  const project = apiQueryKey('project.info', {});
  client.setQueryData<SourceSummary[]>(list, (old) => old?.map((s) => (s.id === sourceId ? { ...s, codingCount: s.codingCount + added } : s)));
  client.setQueryData<ProjectInfo | null>(project, (old) => (old ? { ...old, counts: { ...old.counts, codings: old.counts.codings + added } } : old));
  const overview = patchCoderActivity(client, change.coderId, added, change.coderSources);
  const trees = treesToo ? [...patchCodeTrees(client, change.countChange, change.coderName), ...otherCodersTrees(client, change.coderName)] : [];
  return {
    // The folders (names, numbers of sources) read `sources` too, but no coding moves them.
    queries: [...(before ? [codings] : []), ...otherSources, list, apiQueryKey('sources.folders', {}), project, ...overview, ...trees, apiQueryKey('coders.list', {})],
  };
}

/** Undo or redo of a change to one source's codings: patched like the change itself; nothing else changed. */
function patchHistoryChange(client: QueryClient, change: CodingsChange | undefined): Handled {
  if (!change) return {};
  return { ...patchCodingsChange(client, change), changed: codingChangeIn(change.sourceId) };
}

/** SQLite's NOCASE order (ASCII letters folded, the rest by code point), as the core sorts siblings. */
function byNoCase(a: string, b: string): number {
  const fold = (s: string) => [...s.replace(/[A-Z]/g, (c) => c.toLowerCase())].map((c) => c.codePointAt(0)!);
  const x = fold(a);
  const y = fold(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** A code tree after renaming, recolouring or describing code `id`: a new name moves the paths under it and its place among its siblings. */
export function treeAfterCodeUpdate(tree: readonly CodeNode[], change: ArgsOf<'codes.update'>, prefix: readonly string[] = []): CodeNode[] {
  let renamed = false;
  const nodes = tree.map((n) => {
    const own = n.id === change.id;
    // As the core stores them: the name trimmed, the colour in lower case.
    const name = own && change.name !== undefined ? change.name.trim() : n.name;
    if (own && name !== n.name) renamed = true;
    const path = joinPath([...prefix, name]);
    const children = treeAfterCodeUpdate(n.children, change, [...prefix, name]);
    const same = !own && path === n.path && children.every((c, i) => c === n.children[i]);
    if (same) return n;
    if (!own) return { ...n, path, children };
    const color = change.color === undefined ? n.color : (change.color?.toLowerCase() ?? null);
    return { ...n, name, color, colorChosen: color !== null, description: change.description ?? n.description, path, children };
  });
  return renamed ? nodes.sort((a, b) => a.sortOrder - b.sortOrder || byNoCase(a.name, b.name) || a.id - b.id) : nodes;
}

function patchCodeUpdate(client: QueryClient, args: ArgsOf<'codes.update'>): Handled {
  const trees = client.getQueryCache().findAll({ queryKey: ['codes.tree'] });
  for (const q of trees) client.setQueryData<CodeNode[]>(q.queryKey, (old) => (old ? treeAfterCodeUpdate(old, args) : old));
  return { queries: trees.map((q) => q.queryKey as unknown as ApiQueryKey) };
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

/**
 * Another project is open (or none): every read the cache holds describes the previous one. Refetching would
 * show its rows until the new ones arrive — a click on one in that moment selects something of the old project
 * and is lost. So the reads are reset (they show as loading) and the project's own info comes from the result,
 * which remounts the workbench at once. App-wide reads (recent projects) are refetched.
 */
function switchedProject(client: QueryClient, info: ProjectInfo | null): Handled {
  const project = apiQueryKey('project.info', {});
  const projectHash = hashKey(project);
  void client.resetQueries({ predicate: (q) => q.queryHash !== projectHash && !String(q.queryKey[0]).startsWith('app.') });
  client.setQueryData<ProjectInfo | null>(project, info);
  return { changed: ['app'] };
}

export const CACHE_PATCHES: { [K in MethodName]?: Patch<K> } = {
  'project.open': (client, _args, info) => switchedProject(client, info),
  'project.create': (client, _args, info) => switchedProject(client, info),
  'project.openDemo': (client, _args, info) => switchedProject(client, info),
  'project.openCleanedCopy': (client, _args, r) => switchedProject(client, r.project),
  'project.saveCopy': (client, _args, info) => switchedProject(client, info),
  'project.reopen': (client, _args, info) => switchedProject(client, info),
  'project.close': (client) => switchedProject(client, null),
  'backups.restore': (client, _args, r) => switchedProject(client, r.project),
  'refi.importProject': (client, _args, r) => switchedProject(client, r.project),
  'codings.apply': (client, _args, r) => patchApplied(client, r),
  'cases.setValue': patchSetValue,
  'codings.remove': (client, _args, r) => patchCodingsChange(client, r.change),
  'codings.uncodeSelection': (client, _args, r) => patchCodingsChange(client, r.change),
  'codings.resize': (client, _args, r) => patchCodingsChange(client, r.change),
  'codings.recode': (client, _args, r) => patchCodingsChange(client, r.change),
  // A new code is not in the cached trees: they are refetched whole.
  'codings.inVivo': (client, _args, r) => patchCodingsChange(client, r.change, !r.created),
  'codes.update': patchCodeUpdate,
  'history.undo': (client, _args, r) => patchHistoryChange(client, r.change),
  'history.redo': (client, _args, r) => patchHistoryChange(client, r.change),
};

/** Updates the cache from a mutation's result; says what is now up to date. */
export function patchFromResult<K extends MethodName>(client: QueryClient, method: K, args: ArgsOf<K>, result: ResultOf<K>): Handled {
  const patch = CACHE_PATCHES[method] as Patch<K> | undefined;
  return patch ? patch(client, args, result) : {};
}
