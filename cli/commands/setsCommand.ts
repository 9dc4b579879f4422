/**
 * quarry sets: the project's sets and how to make one from a script.
 *   quarry sets <project> [--json]            → [{"name","kind","members"}]
 *   quarry sets add <project> <name> (--where COND... [--any] | --cases A,B | --sources A,B | --codes PATH,PATH) [--description TEXT] [--json]
 * kind is "cases" (members are case names, in name order), "sources"
 * (source names, in the Sources list's order) or "codes" (code paths such as
 * Motivations/Intermediaries, in the code tree's order). Case sets come
 * first, then source sets, then code sets, each kind by name.
 */
import { basename } from 'node:path';
import type { CaseSetRule, RuleCondition } from '../../shared/cases/caseSetRules.js';
import type { CaseSetInfo } from '../../shared/domain/caseTypes.js';
import type { ItemSetInfo, SetKind } from '../../shared/domain/setTypes.js';
import { joinPath } from '../../shared/domain/codePath.js';
import type { CodeNode } from '../../shared/domain/types.js';
import { flag, list, parse, str } from '../args.js';
import { caseIdsByName, codeByPath, sourceIdByName } from '../contractLookups.js';
import { readContract, withContract, type CliApi } from '../contractSession.js';
import { printJson, UsageError, type CliIo } from '../io.js';

export interface SetJson {
  name: string;
  kind: SetKind;
  members: string[];
}

const LIST_USAGE = 'quarry sets <project> [--json] | quarry sets add …';
const ADD_USAGE =
  'quarry sets add <project> <name> (--where "ATTR=VALUE"... [--any] | --cases A,B | --sources A,B | --codes PATH,PATH) [--description TEXT] [--json]';

async function toJson(api: CliApi, sets: CaseSetInfo[]): Promise<SetJson[]> {
  const names = new Map((await api.call('cases.list', {})).map((c) => [c.id, c.name]));
  return sets.map((s) => ({ name: s.name, kind: 'cases', members: s.caseIds.map((id) => names.get(id) ?? String(id)) }));
}

function codePaths(tree: readonly CodeNode[], parents: readonly string[] = []): [number, string][] {
  return tree.flatMap((n) => [[n.id, joinPath([...parents, n.name])] as [number, string], ...codePaths(n.children, [...parents, n.name])]);
}

/** Source sets and code sets as JSON: members named (source names, code paths) in list and tree order. */
async function itemSetsJson(api: CliApi, sets: ItemSetInfo[]): Promise<SetJson[]> {
  if (sets.length === 0) return [];
  const sources = (await api.call('sources.list', {})).map((s) => [s.id, s.name] as [number, string]);
  const codes = codePaths(await api.call('codes.tree', {}));
  return sets.map((s) => {
    const members = new Set(s.memberIds);
    return { name: s.name, kind: s.kind, members: (s.kind === 'sources' ? sources : codes).filter(([id]) => members.has(id)).map(([, n]) => n) };
  });
}

const NOUNS: Record<SetKind, [string, string]> = { cases: ['case', 'cases'], sources: ['source', 'sources'], codes: ['code', 'codes'] };

function print(io: CliIo, s: SetJson): void {
  const [one, many] = NOUNS[s.kind];
  const kind = s.kind === 'cases' ? '' : `${one} set, `;
  io.out(`${s.name}  (${kind}${s.members.length} ${s.members.length === 1 ? one : many})${s.members.length ? `: ${s.members.join(', ')}` : ''}\n`);
}

/** ATTR=VALUE, ATTR!=VALUE, ATTR<VALUE, ATTR<=VALUE, ATTR>VALUE, ATTR>=VALUE (the operators a case set rule has). */
export function parseRuleCondition(text: string): RuleCondition {
  const m = /^(.*?)(!=|<=|>=|=|<|>)(.*)$/s.exec(text);
  if (!m || !m[1]!.trim()) throw new UsageError(`“${text}” is not a condition; write ATTRIBUTE=VALUE (or != < <= > >=), for example Group=Entrepreneur`);
  return { attribute: m[1]!.trim(), operator: m[2] as RuleCondition['operator'], value: m[3]!.trim() };
}

const splitNames = (v: string): string[] => v.split(',').map((x) => x.trim()).filter(Boolean);

async function setsList(argv: string[], io: CliIo): Promise<number> {
  const p = parse(argv, { json: { type: 'boolean' } }, { min: 1, max: 1, usage: LIST_USAGE });
  const sets = await readContract(io, p.positionals[0]!, async (api) => [
    ...(await toJson(api, await api.call('caseSets.list', {}))),
    ...(await itemSetsJson(api, await api.call('sets.list', {}))),
  ]);
  if (flag(p, 'json')) printJson(io, sets);
  else if (sets.length === 0) io.out('No sets.\n');
  else for (const s of sets) print(io, s);
  return 0;
}

async function setsAdd(argv: string[], io: CliIo): Promise<number> {
  const p = parse(
    argv,
    {
      where: { type: 'string', multiple: true },
      any: { type: 'boolean' },
      cases: { type: 'string', multiple: true },
      sources: { type: 'string', multiple: true },
      codes: { type: 'string', multiple: true },
      description: { type: 'string' },
      coder: { type: 'string' },
      json: { type: 'boolean' },
    },
    { min: 2, max: 2, usage: ADD_USAGE },
  );
  const [project, name] = p.positionals as [string, string];
  const where = list(p, 'where').map(parseRuleCondition);
  const cases = list(p, 'cases').flatMap(splitNames);
  const sources = list(p, 'sources').flatMap(splitNames);
  const codes = list(p, 'codes').flatMap(splitNames);
  const given = [where, cases, sources, codes].filter((l) => l.length > 0).length;
  if (given !== 1) {
    throw new UsageError(`a set is made from conditions (--where), named cases (--cases), named sources (--sources) or code paths (--codes): one of them\nusage: ${ADD_USAGE}`);
  }
  if (flag(p, 'any') && where.length === 0) throw new UsageError(`--any goes with --where\nusage: ${ADD_USAGE}`);
  const description = str(p, 'description');
  const saved = await withContract(io, project, { write: true, coder: str(p, 'coder') }, async (api) => {
    if (sources.length || codes.length) {
      const memberIds = sources.length
        ? await Promise.all(sources.map((n) => sourceIdByName(api, n)))
        : (await Promise.all(codes.map((c) => codeByPath(api, c)))).map((c) => c.id);
      const set = await api.call('sets.create', { kind: sources.length ? 'sources' : 'codes', name, memberIds, ...(description !== undefined ? { description } : {}) });
      return (await itemSetsJson(api, [set]))[0]!;
    }
    const rule: CaseSetRule | undefined = where.length ? { op: flag(p, 'any') ? 'or' : 'and', conditions: where } : undefined;
    const set = await api.call('caseSets.save', {
      name,
      ...(description !== undefined ? { description } : {}),
      ...(rule ? { rule } : { caseIds: await caseIdsByName(api, cases) }),
    });
    return (await toJson(api, [set]))[0]!;
  });
  if (flag(p, 'json')) printJson(io, saved);
  else {
    io.out(`Saved the set “${saved.name}” in ${basename(project)}\n`);
    print(io, saved);
  }
  return 0;
}

export function cmdSets(argv: string[], io: CliIo): Promise<number> {
  return argv[0] === 'add' ? setsAdd(argv.slice(1), io) : setsList(argv, io);
}
