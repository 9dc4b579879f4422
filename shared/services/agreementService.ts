/**
 * Coding comparison (NVivo's "coding comparison query") over the project:
 * the statistics of shared/agreement over the units agreementUnits.ts
 * builds, with the project's ids attached, and the disagreeing passages of
 * one source side by side.
 */
import type Database from 'better-sqlite3';
import { compareCoders } from '../agreement/compareCoders.js';
import { mergeSpans } from '../agreement/spans.js';
import type { Span } from '../agreement/types.js';
import {
  AGREEMENT_UNIT_LABEL,
  type AgreementQuery,
  type AgreementResult,
  type DisagreementRegion,
  type SourceDisagreements,
} from '../domain/agreementTypes.js';
import { QuarryError } from '../errors.js';
import { getSource, getSourceText } from '../store/sourcesStore.js';
import { buildPositionIndex } from '../text/positions.js';
import { agreementUnits } from './agreementUnits.js';

/** Percentage agreement, Cohen's kappa (pooled, per code, per code × source) and Krippendorff's alpha. */
export function compareCoding(db: Database.Database, q: AgreementQuery): AgreementResult {
  const prep = agreementUnits(db, q);
  const report = compareCoders(prep.units, q.coderA.trim(), q.coderB.trim(), prep.alphaCoders, { excludeUncoded: q.excludeUncoded ?? false });
  const code = (path: string) => prep.codes.get(prep.codeIdByPath.get(path)!)!;
  // A pooled unit of empty cells counted as one source; it stands for `cells` of them.
  const extraSources = new Map<string, number>();
  for (const u of prep.units) {
    const p = prep.pooled.get(u.source);
    if (p?.pair) extraSources.set(u.code, (extraSources.get(u.code) ?? 0) + p.cells - 1);
  }
  const { skipped: _skipped, ...rest } = report;
  return {
    ...rest,
    unitLabel: AGREEMENT_UNIT_LABEL,
    perCode: report.perCode.map((c) => ({ ...c, sources: c.sources + (extraSources.get(c.code) ?? 0), codeId: code(c.code).id, color: code(c.code).color })),
    perCodeSource: report.perCodeSource
      .filter((c) => !prep.pooled.has(c.source))
      .map((c) => ({ ...c, codeId: code(c.code).id, sourceId: prep.sourceIdByName.get(c.source)! })),
    comparedSources: prep.compared,
    leftOut: prep.leftOut.map((l) => ({ sourceId: l.id, source: l.source, missing: l.missing })),
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
