/**
 * The agreement units (shared/agreement) for a coding comparison, built
 * from the stored codings.
 *
 * A coder counts as present in a source when they coded anything in it; a
 * source one of the two never coded is left out of the pair statistics
 * rather than counted as "nothing coded". Each code is compared on its own
 * codings, not its children's.
 *
 * Most (source, code) cells of a real project are empty — nobody applied
 * that code in that source — and all an empty cell contributes is "neither
 * coded" for each of its characters. Those cells are pooled, per code and
 * per set of coders present, into one unit as long as all of them together:
 * every statistic is a sum over characters, so the figures are the same,
 * while a project of 2,000 sources and 300 codes needs a few thousand units
 * instead of 600,000. The pooled units are taken out of the per-cell rows
 * afterwards (an empty cell has nothing to show).
 */
import type Database from 'better-sqlite3';
import type { AgreementUnit, Span } from '../agreement/types.js';
import type { AgreementQuery } from '../domain/agreementTypes.js';
import { QuarryError } from '../errors.js';
import { codesUsedBy, coderPresence, codingSpans, sourceLengths } from '../store/agreementStore.js';
import { findUserByName } from '../store/usersStore.js';
import { codeTree, flattenTree } from './codeService.js';
import { displayColor } from '../domain/codeColor.js';

export interface CodeInfo {
  id: number;
  path: string;
  color: string;
}

export interface PreparedUnits {
  units: AgreementUnit[];
  codes: Map<number, CodeInfo>;
  codeIdByPath: Map<string, number>;
  sourceIdByName: Map<string, number>;
  alphaCoders: string[];
  /** Pooled empty cells, by their unit's (made-up) source name: how many cells each stands for, and whether both compared coders are in it. */
  pooled: Map<string, { cells: number; pair: boolean }>;
  /** Chosen sources in which both compared coders coded, by name. */
  compared: { id: number; name: string }[];
  /** Chosen sources left out of the pair statistics, and which of the two did not code them. */
  leftOut: { id: number; source: string; missing: string[] }[];
}

function coderId(db: Database.Database, name: string): number {
  const c = findUserByName(db, name.trim());
  if (!c) throw new QuarryError('not_found', `There is no coder “${name}” in this project.`, { coder: name });
  return c.id;
}

export function agreementUnits(db: Database.Database, q: AgreementQuery): PreparedUnits {
  const coderA = q.coderA.trim();
  const coderB = q.coderB.trim();
  if (coderA === coderB) throw new QuarryError('bad_request', 'Choose two different coders to compare.');
  const alphaCoders = [...new Set([coderA, coderB, ...(q.alphaCoders ?? []).map((c) => c.trim())])];
  const idOf = new Map(alphaCoders.map((name) => [name, coderId(db, name)]));
  const nameOf = new Map([...idOf].map(([name, id]) => [id, name]));
  const pair = [idOf.get(coderA)!, idOf.get(coderB)!] as const;

  const sources = sourceLengths(db, q.sourceIds ?? null);
  if (q.sourceIds && sources.length !== new Set(q.sourceIds).size) throw new QuarryError('not_found', 'One of the chosen sources no longer exists.');
  const present = new Map<number, number[]>();
  for (const p of coderPresence(db, [...idOf.values()])) present.set(p.sourceId, [...(present.get(p.sourceId) ?? []), p.coderId]);
  for (const list of present.values()) list.sort((x, y) => x - y);

  const compared = sources.filter((s) => pair.every((id) => present.get(s.id)?.includes(id)));
  const leftOut = sources
    .filter((s) => !compared.includes(s))
    .map((s) => ({ id: s.id, source: s.name, missing: pair.filter((id) => !present.get(s.id)?.includes(id)).map((id) => nameOf.get(id)!) }));

  const all = new Map(flattenTree(codeTree(db)).map((n) => [n.id, { id: n.id, path: n.path, color: displayColor(n) }]));
  // Default codes: those either coder used where both coded (elsewhere the pair is not compared), else anywhere.
  const chosen = q.codeIds ?? (compared.length > 0 ? codesUsedBy(db, [...pair], compared.map((s) => s.id)) : codesUsedBy(db, [...pair]));
  for (const id of chosen) if (!all.has(id)) throw new QuarryError('not_found', `There is no code with id ${id}.`);
  const codes = new Map(chosen.map((id) => [id, all.get(id)!]));

  // Codings of the chosen codes, by source, code and coder.
  const cells = new Map<number, Map<number, Map<number, Span[]>>>();
  for (const r of codingSpans(db, [...idOf.values()], [...codes.keys()], sources.map((s) => s.id))) {
    let bySource = cells.get(r.sourceId);
    if (!bySource) cells.set(r.sourceId, (bySource = new Map()));
    let byCoder = bySource.get(r.codeId);
    if (!byCoder) bySource.set(r.codeId, (byCoder = new Map()));
    const list = byCoder.get(r.coderId);
    if (list) list.push({ start: r.start, end: r.end });
    else byCoder.set(r.coderId, [{ start: r.start, end: r.end }]);
  }

  const units: AgreementUnit[] = [];
  // Per set of coders present: all its sources' length, and what the non-empty cells of each code take out of it.
  const groups = new Map<string, { coders: number[]; length: number; count: number }>();
  const groupOf = new Map<number, string>();
  for (const s of sources) {
    const coders = present.get(s.id) ?? [];
    if (coders.length === 0) continue; // nobody coded it: it tells nothing about agreement
    const sig = coders.join(',');
    const g = groups.get(sig) ?? { coders, length: 0, count: 0 };
    g.length += s.length;
    g.count += 1;
    groups.set(sig, g);
    groupOf.set(s.id, sig);
  }
  const used = new Map<string, { length: number; count: number }>();
  for (const s of sources) {
    const sig = groupOf.get(s.id);
    const bySource = cells.get(s.id);
    if (sig === undefined || !bySource) continue;
    const coders = present.get(s.id)!;
    for (const [codeId, byCoder] of bySource) {
      const code = codes.get(codeId)!;
      units.push({ source: s.name, sourceLength: s.length, code: code.path, coders: coders.map((cid) => ({ coder: nameOf.get(cid)!, spans: byCoder.get(cid) ?? [] })) });
      const key = `${codeId}|${sig}`;
      const u = used.get(key);
      if (u) {
        u.length += s.length;
        u.count += 1;
      } else used.set(key, { length: s.length, count: 1 });
    }
  }
  const pooled = new Map<string, { cells: number; pair: boolean }>();
  for (const code of codes.values()) {
    for (const [sig, g] of groups) {
      const u = used.get(`${code.id}|${sig}`) ?? { length: 0, count: 0 };
      const count = g.count - u.count;
      if (count === 0) continue;
      const name = `\u0000empty cells of code ${code.id} with coders ${sig}`;
      units.push({ source: name, sourceLength: g.length - u.length, code: code.path, coders: g.coders.map((cid) => ({ coder: nameOf.get(cid)!, spans: [] })) });
      pooled.set(name, { cells: count, pair: pair.every((id) => g.coders.includes(id)) });
    }
  }
  return {
    units,
    codes,
    codeIdByPath: new Map([...codes.values()].map((c) => [c.path, c.id])),
    sourceIdByName: new Map(sources.map((s) => [s.name, s.id])),
    alphaCoders,
    pooled,
    compared: compared.map((s) => ({ id: s.id, name: s.name })),
    leftOut,
  };
}
