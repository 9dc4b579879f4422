/**
 * Coding comparison (NVivo's "coding comparison query") over the project:
 * builds the character-level agreement units of shared/agreement from the
 * stored codings and attaches the project's ids to the statistics.
 *
 * A coder counts as present in a source when they coded anything in it; a
 * source one of the two never coded is left out of the pair statistics
 * (listed in `skipped`) rather than counted as "nothing coded". Each code is
 * compared on its own codings, not its children's.
 */
import type Database from 'better-sqlite3';
import { compareCoders } from '../agreement/compareCoders.js';
import { mergeSpans } from '../agreement/spans.js';
import type { AgreementUnit, CoderSpans, Span } from '../agreement/types.js';
import {
  AGREEMENT_UNIT_LABEL,
  type AgreementQuery,
  type AgreementResult,
  type DisagreementRegion,
  type SourceDisagreements,
} from '../domain/agreementTypes.js';
import { QuarryError } from '../errors.js';
import { codesUsedBy, coderPresence, codingSpans, sourceLengths } from '../store/agreementStore.js';
import { getSource, getSourceText } from '../store/sourcesStore.js';
import { findUserByName } from '../store/usersStore.js';
import { buildPositionIndex } from '../text/positions.js';
import { codeTree, flattenTree } from './codeService.js';

interface CodeInfo {
  id: number;
  path: string;
  color: string;
}

function coderId(db: Database.Database, name: string): number {
  const c = findUserByName(db, name.trim());
  if (!c) throw new QuarryError('not_found', `There is no coder “${name}” in this project.`, { coder: name });
  return c.id;
}

function codeInfos(db: Database.Database): Map<number, CodeInfo> {
  return new Map(flattenTree(codeTree(db)).map((n) => [n.id, { id: n.id, path: n.path, color: n.color }]));
}

interface Prepared {
  units: AgreementUnit[];
  codes: Map<number, CodeInfo>;
  codeIdByPath: Map<string, number>;
  sourceIdByName: Map<string, number>;
  alphaCoders: string[];
}

/** The agreement units for the query: one per chosen source × chosen code, each with the coders present in that source. */
export function agreementUnits(db: Database.Database, q: AgreementQuery): Prepared {
  const coderA = q.coderA.trim();
  const coderB = q.coderB.trim();
  if (coderA === coderB) throw new QuarryError('bad_request', 'Choose two different coders to compare.');
  const alphaCoders = [...new Set([coderA, coderB, ...(q.alphaCoders ?? []).map((c) => c.trim())])];
  const idOf = new Map(alphaCoders.map((name) => [name, coderId(db, name)]));
  const nameOf = new Map([...idOf].map(([name, id]) => [id, name]));
  const coderIds = [...idOf.values()];

  const sources = sourceLengths(db, q.sourceIds ?? null);
  if (q.sourceIds && sources.length !== new Set(q.sourceIds).size) throw new QuarryError('not_found', 'One of the chosen sources no longer exists.');
  const present = new Map<number, Set<number>>();
  for (const p of coderPresence(db, coderIds)) {
    const set = present.get(p.sourceId) ?? new Set<number>();
    set.add(p.coderId);
    present.set(p.sourceId, set);
  }

  const all = codeInfos(db);
  const pair = [idOf.get(coderA)!, idOf.get(coderB)!];
  // Default codes: those either coder used where both coded (elsewhere the pair is not compared), else anywhere.
  const shared = sources.filter((s) => pair.every((id) => present.get(s.id)?.has(id))).map((s) => s.id);
  const chosen = q.codeIds ?? (shared.length > 0 ? codesUsedBy(db, pair, shared) : codesUsedBy(db, pair));
  for (const id of chosen) if (!all.has(id)) throw new QuarryError('not_found', `There is no code with id ${id}.`);
  const codes = new Map(chosen.map((id) => [id, all.get(id)!]));

  const spans = new Map<string, Span[]>();
  for (const r of codingSpans(db, coderIds, [...codes.keys()], sources.map((s) => s.id))) {
    const key = `${r.sourceId}:${r.codeId}:${r.coderId}`;
    const list = spans.get(key) ?? [];
    list.push({ start: r.start, end: r.end });
    spans.set(key, list);
  }

  const units: AgreementUnit[] = [];
  for (const s of sources) {
    const here = [...(present.get(s.id) ?? [])];
    for (const code of codes.values()) {
      const coders: CoderSpans[] = here.map((cid) => ({ coder: nameOf.get(cid)!, spans: spans.get(`${s.id}:${code.id}:${cid}`) ?? [] }));
      units.push({ source: s.name, sourceLength: s.length, code: code.path, coders });
    }
  }
  return {
    units,
    codes,
    codeIdByPath: new Map([...codes.values()].map((c) => [c.path, c.id])),
    sourceIdByName: new Map(sources.map((s) => [s.name, s.id])),
    alphaCoders,
  };
}

/** Percentage agreement, Cohen's kappa (pooled, per code, per code × source) and Krippendorff's alpha. */
export function compareCoding(db: Database.Database, q: AgreementQuery): AgreementResult {
  const prep = agreementUnits(db, q);
  const report = compareCoders(prep.units, q.coderA.trim(), q.coderB.trim(), prep.alphaCoders, { excludeUncoded: q.excludeUncoded ?? false });
  const code = (path: string) => prep.codes.get(prep.codeIdByPath.get(path)!)!;
  const compared = new Map<number, string>();
  const perCodeSource = report.perCodeSource.map((c) => {
    const sourceId = prep.sourceIdByName.get(c.source)!;
    compared.set(sourceId, c.source);
    return { ...c, codeId: code(c.code).id, sourceId };
  });
  return {
    ...report,
    unitLabel: AGREEMENT_UNIT_LABEL,
    perCode: report.perCode.map((c) => ({ ...c, codeId: code(c.code).id, color: code(c.code).color })),
    perCodeSource,
    comparedSources: [...compared].map(([id, name]) => ({ id, name })).sort((x, y) => x.name.localeCompare(y.name)),
  };
}

function clip(spans: readonly Span[], start: number, end: number): Span[] {
  return spans.flatMap((s) => {
    const lo = Math.max(s.start, start);
    const hi = Math.min(s.end, end);
    return hi > lo ? [{ start: lo, end: hi }] : [];
  });
}

const covered = (spans: readonly Span[]): number => spans.reduce((n, s) => n + s.end - s.start, 0);

function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  return a.length === b.length && a.every((s, i) => s.start === b[i]!.start && s.end === b[i]!.end);
}

/**
 * Where the two coders' codings differ in one source: for each code, every
 * connected stretch of text either coder coded in which their versions are
 * not the same, with both versions for showing side by side.
 */
export function sourceDisagreements(db: Database.Database, q: AgreementQuery & { sourceId: number }): SourceDisagreements {
  const src = getSource(db, q.sourceId);
  if (!src) throw new QuarryError('not_found', 'That source no longer exists.');
  const prep = agreementUnits(db, { ...q, sourceIds: [q.sourceId], alphaCoders: [] });
  const text = getSourceText(db, q.sourceId) ?? '';
  const index = buildPositionIndex(text);
  const coderA = q.coderA.trim();
  const coderB = q.coderB.trim();
  const regions: DisagreementRegion[] = [];
  for (const unit of prep.units) {
    const a = unit.coders.find((c) => c.coder === coderA);
    const b = unit.coders.find((c) => c.coder === coderB);
    if (!a || !b) continue;
    const ma = mergeSpans(a.spans);
    const mb = mergeSpans(b.spans);
    const info = prep.codes.get(prep.codeIdByPath.get(unit.code)!)!;
    for (const r of mergeSpans([...ma, ...mb])) {
      const va = clip(ma, r.start, r.end);
      const vb = clip(mb, r.start, r.end);
      if (sameSpans(va, vb)) continue;
      const both = covered(va.flatMap((x) => clip(vb, x.start, x.end)));
      regions.push({
        codeId: info.id,
        code: info.path,
        color: info.color,
        start: r.start,
        end: r.end,
        text: text.slice(index.cpToUtf16(r.start), index.cpToUtf16(r.end)),
        a: va,
        b: vb,
        onlyA: covered(va) - both,
        onlyB: covered(vb) - both,
      });
    }
  }
  regions.sort((x, y) => x.start - y.start || x.code.localeCompare(y.code));
  return { sourceId: src.id, source: src.name, coderA, coderB, regions };
}
