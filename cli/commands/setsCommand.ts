/**
 * quarry sets: the project's sets and how to make one from a script.
 *   quarry sets <project> [--json]            → [{"name","kind","members"}]
 *   quarry sets add <project> <name> (--where COND... [--any] | --cases A,B) [--description TEXT] [--json]
 * Sets are case sets today (kind "cases"); members are case names, in name order.
 */
import { basename } from 'node:path';
import type { CaseSetRule, RuleCondition } from '../../shared/cases/caseSetRules.js';
import type { CaseSetInfo } from '../../shared/domain/caseTypes.js';
import { flag, list, parse, str } from '../args.js';
import { caseIdsByName } from '../contractLookups.js';
import { readContract, withContract, type CliApi } from '../contractSession.js';
import { printJson, UsageError, type CliIo } from '../io.js';

export interface SetJson {
  name: string;
  kind: 'cases';
  members: string[];
}

const LIST_USAGE = 'quarry sets <project> [--json] | quarry sets add …';
const ADD_USAGE = 'quarry sets add <project> <name> (--where "ATTR=VALUE"... [--any] | --cases A,B) [--description TEXT] [--json]';

async function toJson(api: CliApi, sets: CaseSetInfo[]): Promise<SetJson[]> {
  const names = new Map((await api.call('cases.list', {})).map((c) => [c.id, c.name]));
  return sets.map((s) => ({ name: s.name, kind: 'cases', members: s.caseIds.map((id) => names.get(id) ?? String(id)) }));
}

function print(io: CliIo, s: SetJson): void {
  io.out(`${s.name}  (${s.members.length} case${s.members.length === 1 ? '' : 's'})${s.members.length ? `: ${s.members.join(', ')}` : ''}\n`);
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
  const sets = await readContract(io, p.positionals[0]!, async (api) => toJson(api, await api.call('caseSets.list', {})));
  if (flag(p, 'json')) printJson(io, sets);
  else if (sets.length === 0) io.out('No sets.\n');
  else for (const s of sets) print(io, s);
  return 0;
}

async function setsAdd(argv: string[], io: CliIo): Promise<number> {
  const p = parse(
    argv,
    { where: { type: 'string', multiple: true }, any: { type: 'boolean' }, cases: { type: 'string', multiple: true }, description: { type: 'string' }, coder: { type: 'string' }, json: { type: 'boolean' } },
    { min: 2, max: 2, usage: ADD_USAGE },
  );
  const [project, name] = p.positionals as [string, string];
  const where = list(p, 'where').map(parseRuleCondition);
  const cases = list(p, 'cases').flatMap(splitNames);
  if ((where.length > 0) === (cases.length > 0)) throw new UsageError(`a set is made either from conditions (--where) or from named cases (--cases)\nusage: ${ADD_USAGE}`);
  if (flag(p, 'any') && where.length === 0) throw new UsageError(`--any goes with --where\nusage: ${ADD_USAGE}`);
  const description = str(p, 'description');
  const saved = await withContract(io, project, { write: true, coder: str(p, 'coder') }, async (api) => {
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
