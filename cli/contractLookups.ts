/**
 * Names on the command line → the ids contract methods take, found through
 * the contract's own list methods (never a query of the CLI's own).
 */
import { basename } from 'node:path';
import type { CaseSetInfo, CaseRecord } from '../shared/domain/caseTypes.js';
import type { CodeNode } from '../shared/domain/types.js';
import { splitPath } from '../shared/domain/codePath.js';
import { QuarryError } from '../shared/errors.js';
import type { FrameworkHeader, FrameworkSummary } from '../shared/queries/types.js';
import type { CliApi } from './contractSession.js';

export async function codeByPath(api: CliApi, path: string): Promise<CodeNode> {
  let level = await api.call('codes.tree', {});
  let found: CodeNode | undefined;
  for (const name of splitPath(path)) {
    found = level.find((n) => n.name === name);
    if (!found) break;
    level = found.children;
  }
  if (!found) throw new QuarryError('not_found', `There is no code “${path}”.`, { code: path });
  return found;
}

export async function sourceIdByName(api: CliApi, name: string): Promise<number> {
  const src = (await api.call('sources.list', {})).find((s) => s.name === name);
  if (!src) throw new QuarryError('not_found', `There is no source “${name}” in ${basename(api.projectArg)}.`);
  return src.id;
}

export async function caseIdsByName(api: CliApi, names: readonly string[]): Promise<number[]> {
  const cases = await api.call('cases.list', {});
  return names.map((name) => {
    const c = cases.find((x: CaseRecord) => x.name === name);
    if (!c) throw new QuarryError('not_found', `There is no case “${name}” in ${basename(api.projectArg)}.`);
    return c.id;
  });
}

export async function caseSetByName(api: CliApi, name: string): Promise<CaseSetInfo | undefined> {
  return (await api.call('caseSets.list', {})).find((s) => s.name === name);
}

export async function frameworkByName(api: CliApi, name: string): Promise<FrameworkSummary> {
  const f = (await api.call('frameworks.list', {})).find((m) => m.name === name);
  if (!f) throw new QuarryError('not_found', `There is no framework matrix “${name}” in ${basename(api.projectArg)}.`);
  return f;
}

/** A row or column by its label as shown (or, failing that, the case or code it stands for). */
export function headerByLabel(headers: readonly FrameworkHeader[], label: string, axis: 'row' | 'column', matrix: string): FrameworkHeader {
  const h = headers.find((x) => x.label === label) ?? headers.find((x) => x.caseName === label || x.codePath === label);
  if (!h) throw new QuarryError('not_found', `The framework matrix “${matrix}” has no ${axis} “${label}”.`);
  return h;
}
