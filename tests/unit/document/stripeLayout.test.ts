/** The coding-stripe margin's layout: columns for the bars, a lane of labels that never overlap. */
import { describe, expect, it } from 'vitest';
import {
  assignColumns,
  LabelPlacer,
  labelsByRow,
  labelsInRows,
  layoutStripeMargin,
  placeLabels,
  sortExtents,
  type LabelRequest,
  type PlacedLabel,
  type StripeExtent,
} from '../../../renderer/features/document/stripeLayout.js';

const ext = (id: number, first: number, last: number): StripeExtent => ({ id, first, last });

/** True when two line ranges share a line. */
const share = (a: StripeExtent, b: StripeExtent) => a.first <= b.last && b.first <= a.last;

/** A small deterministic generator, so the property checks below see many layouts. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('assignColumns', () => {
  it('gives overlapping codings different columns and reuses a column once it is free', () => {
    const { columnOf, count } = assignColumns([ext(1, 0, 4), ext(2, 2, 6), ext(3, 5, 5), ext(4, 7, 9), ext(5, 3, 3)]);
    expect(count).toBe(3);
    expect(columnOf.get(1)).toBe(0);
    expect(columnOf.get(2)).toBe(1);
    expect(columnOf.get(5)).toBe(2);
    // 3 starts after 1 ended: column 0 again; 4 starts after everything: column 0.
    expect(columnOf.get(3)).toBe(0);
    expect(columnOf.get(4)).toBe(0);
  });

  it('two codings on the same line (even side by side in it) never share a column', () => {
    const { columnOf, count } = assignColumns([ext(1, 3, 3), ext(2, 3, 3)]);
    expect(count).toBe(2);
    expect(columnOf.get(1)).not.toBe(columnOf.get(2));
  });

  it('never lets overlapping codings share a column, and uses only as many columns as the most codings on one line', () => {
    const rnd = random(7);
    for (let round = 0; round < 200; round++) {
      const extents = Array.from({ length: 1 + Math.floor(rnd() * 25) }, (_, id) => {
        const first = Math.floor(rnd() * 40);
        return ext(id, first, first + Math.floor(rnd() * 8));
      });
      const { columnOf, count } = assignColumns(extents);
      for (const a of extents) for (const b of extents) if (a.id < b.id && share(a, b)) expect(columnOf.get(a.id)).not.toBe(columnOf.get(b.id));
      let most = 0;
      for (let line = 0; line < 50; line++) most = Math.max(most, extents.filter((e) => e.first <= line && line <= e.last).length);
      expect(count).toBe(most);
      expect(Math.max(...columnOf.values()) + 1).toBe(count);
    }
  });

  it('lays out the same codings the same way whatever order they arrive in', () => {
    const extents = [ext(1, 0, 2), ext(2, 0, 2), ext(3, 1, 1), ext(4, 0, 5)];
    expect(assignColumns([...extents].reverse()).columnOf).toEqual(assignColumns(extents).columnOf);
  });
});

describe('placeLabels', () => {
  const SLOT = 18;
  const req = (id: number, top: number, bottom: number): LabelRequest => ({ id, top, bottom });

  it('puts each label level with the start of its coding when there is room', () => {
    expect(placeLabels([req(1, 0, 26), req(2, 52, 78)], SLOT)).toEqual([
      { id: 1, top: 0, hidden: [] },
      { id: 2, top: 52, hidden: [] },
    ]);
  });

  it('moves a label down to the next free slot while it is still beside its passage', () => {
    // Three codings starting on the same tall line (a paragraph of 4 visual lines).
    const got = placeLabels([req(1, 0, 104), req(2, 0, 104), req(3, 0, 104)], SLOT);
    expect(got.map((p) => p.top)).toEqual([0, 18, 36]);
    expect(got.every((p) => p.hidden.length === 0)).toBe(true);
  });

  it('names both codings of one short line: the second label starts beside the line and hangs over the next', () => {
    // A one-line row is 29 px high; the second label's middle (18 + 9) is still beside it.
    expect(placeLabels([req(1, 0, 29), req(2, 0, 29)], SLOT)).toEqual([
      { id: 1, top: 0, hidden: [] },
      { id: 2, top: 18, hidden: [] },
    ]);
  });

  it('gives the top slot to a short coding and moves the long one down instead of hiding the short one', () => {
    // The short one is a 14 px line: its label can only start at its top.
    const got = placeLabels([req(1, 0, 130), req(2, 0, 14)], SLOT);
    expect(got).toEqual([
      { id: 2, top: 0, hidden: [] },
      { id: 1, top: 18, hidden: [] },
    ]);
  });

  it('counts a label with no room left in the "+N" of the label holding its place', () => {
    // Four one-line codings on the same 29 px line: two labels start beside it.
    const got = placeLabels([req(1, 0, 29), req(2, 0, 29), req(3, 0, 29), req(4, 0, 29)], SLOT);
    expect(got).toEqual([
      { id: 1, top: 0, hidden: [] },
      { id: 2, top: 18, hidden: [3, 4] },
    ]);
  });

  it('never overlaps two labels, keeps every label beside its passage, and accounts for every coding once', () => {
    const rnd = random(11);
    for (let round = 0; round < 300; round++) {
      const requests = Array.from({ length: 1 + Math.floor(rnd() * 30) }, (_, id) => {
        const top = Math.floor(rnd() * 40) * 26;
        return req(id, top, top + 26 * (1 + Math.floor(rnd() * 5)));
      });
      const got = placeLabels(requests, SLOT);
      const sorted = [...got].sort((a, b) => a.top - b.top);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.top).toBeGreaterThanOrEqual(sorted[i - 1]!.top + SLOT);
      for (const p of got) {
        const r = requests.find((x) => x.id === p.id)!;
        expect(p.top).toBeGreaterThanOrEqual(r.top);
        // It starts beside its passage, with its middle (where the line to its stripe runs) no lower than the passage.
        expect(p.top).toBeLessThanOrEqual(Math.max(r.top, r.bottom - SLOT / 2));
      }
      const all = got.flatMap((p) => [p.id, ...p.hidden]).sort((a, b) => a - b);
      expect(all).toEqual(requests.map((r) => r.id));
    }
  });

  it('hides a label only when no arrangement of slots could show all of them', () => {
    // Two one-line codings on different lines never crowd each other out.
    expect(placeLabels([req(1, 0, 26), req(2, 26, 52)], SLOT).every((p) => p.hidden.length === 0)).toBe(true);
  });
});

describe('layoutStripeMargin', () => {
  it('files each label under the row it is drawn in, with its offset inside that row', () => {
    // Rows of 26, 78 (a wrapped paragraph) and 26 px.
    const tops = [0, 26, 104, 130];
    const boxes = { top: (i: number) => tops[i]!, bottom: (i: number) => tops[i + 1]! };
    const margin = layoutStripeMargin([ext(1, 1, 1), ext(2, 1, 2), ext(3, 1, 1), ext(4, 0, 0)], boxes, 3, 18);
    expect(margin.columns.count).toBe(3);
    expect(margin.labelsByLine.get(0)).toEqual([{ id: 4, top: 0, offset: 0, hidden: [] }]);
    // Three codings start on row 1 (78 px high): four slots would fit, three are needed.
    expect(margin.labelsByLine.get(1)!.map((l) => [l.id, l.offset])).toEqual([
      [1, 0],
      [3, 18],
      [2, 36],
    ]);
  });
});

/** The sweep as first written, scanning every waiting label for each pick: placeLabels must place exactly as it does. */
function placeLabelsByScan(requests: readonly LabelRequest[], slot: number): PlacedLabel[] {
  const byTop = [...requests].sort((a, b) => a.top - b.top || a.bottom - b.bottom || a.id - b.id);
  const latest = (r: LabelRequest) => Math.max(r.top, r.bottom - Math.ceil(slot / 2));
  const placed: PlacedLabel[] = [];
  const waiting: LabelRequest[] = [];
  let next = 0;
  let cursor = Number.NEGATIVE_INFINITY;
  while (next < byTop.length || waiting.length > 0) {
    if (waiting.length === 0) cursor = Math.max(cursor, byTop[next]!.top);
    while (next < byTop.length && byTop[next]!.top <= cursor) waiting.push(byTop[next++]!);
    let pick = 0;
    for (let i = 1; i < waiting.length; i++) {
      const a = waiting[i]!;
      const b = waiting[pick]!;
      if (latest(a) < latest(b) || (latest(a) === latest(b) && a.id < b.id)) pick = i;
    }
    const r = waiting.splice(pick, 1)[0]!;
    if (cursor <= latest(r)) {
      placed.push({ id: r.id, top: cursor, hidden: [] });
      cursor += slot;
    } else placed[placed.length - 1]?.hidden.push(r.id);
  }
  return placed;
}

/** Random codings over `lineCount` lines, some stretches crowded (so labels move down and hide) and some sparse. */
function randomExtents(rnd: () => number, lineCount: number): StripeExtent[] {
  const out: StripeExtent[] = [];
  let id = 1;
  for (let line = 0; line < lineCount; line++) {
    const crowded = Math.floor(line / 15) % 3 === 0;
    const n = crowded ? Math.floor(rnd() * 4) : rnd() < 0.15 ? 1 : 0;
    for (let k = 0; k < n; k++) out.push(ext(id++, line, Math.min(lineCount - 1, line + Math.floor(rnd() * (rnd() < 0.2 ? 12 : 3)))));
  }
  return out.sort(() => rnd() - 0.5);
}

/** Row boxes from sizes; sizes are whole or quarter pixels, as layout measures them (exact in floating point). */
function boxesOf(sizes: number[]) {
  const tops = [0];
  for (const s of sizes) tops.push(tops[tops.length - 1]! + s);
  return { top: (i: number) => tops[i] ?? 0, bottom: (i: number) => tops[i + 1] ?? 0 };
}

const randomSize = (rnd: () => number) => 22 * (1 + Math.floor(rnd() * 3)) + 6 + Math.floor(rnd() * 4) / 4;

describe('placing labels with a heap of waiting labels', () => {
  it('places exactly as scanning every waiting label does', () => {
    const rnd = random(23);
    for (let round = 0; round < 300; round++) {
      const requests = Array.from({ length: 1 + Math.floor(rnd() * 60) }, (_, id) => {
        const top = Math.floor(rnd() * 30) * 13;
        return { id: id * 7 + 3, top, bottom: top + 13 * Math.floor(rnd() * 6) };
      });
      expect(placeLabels(requests, 18)).toEqual(placeLabelsByScan(requests, 18));
    }
  });
});

describe('labels placed run by run and filed for a window of rows', () => {
  it('gives every row in any window exactly the labels the whole-document sweep gives it', () => {
    const rnd = random(31);
    let withHidden = 0;
    let manyRuns = 0;
    for (let round = 0; round < 120; round++) {
      const lineCount = 20 + Math.floor(rnd() * 200);
      const extents = randomExtents(rnd, lineCount);
      const sizes = Array.from({ length: lineCount }, () => randomSize(rnd));
      const boxes = boxesOf(sizes);
      const global = labelsByRow(sortExtents(extents), boxes, lineCount, 18);
      const layout = new LabelPlacer(18).layout(extents, boxes);
      if (layout.anyHidden) withHidden++;
      if (layout.runs.length > 3) manyRuns++;
      expect(layout.anyHidden).toBe([...global.values()].some((list) => list.some((l) => l.hidden.length > 0)));
      for (let w = 0; w < 8; w++) {
        const from = Math.floor(rnd() * lineCount);
        const to = from + Math.floor(rnd() * 40);
        const expected = new Map([...global].filter(([line]) => line >= from && line <= to));
        expect(labelsInRows(layout, boxes, lineCount, from, to)).toEqual(expected);
      }
      expect(labelsInRows(layout, boxes, lineCount, 0, lineCount - 1)).toEqual(global);
    }
    // The inputs exercised what matters: "+N" labels, and documents cut into several runs.
    expect(withHidden).toBeGreaterThan(20);
    expect(manyRuns).toBeGreaterThan(20);
  });

  it('stays equal to the whole-document sweep as rows are measured and codings added (reusing the runs that kept their rows\' sizes)', () => {
    const rnd = random(43);
    for (let round = 0; round < 40; round++) {
      const lineCount = 50 + Math.floor(rnd() * 150);
      let extents = sortExtents(randomExtents(rnd, lineCount));
      const placer = new LabelPlacer(18);
      const sizes = Array.from({ length: lineCount }, () => 28);
      for (let pass = 0; pass < 6; pass++) {
        // Halfway, a passage is coded: the same placer lays out the new list of codings.
        if (pass === 3) extents = [...extents, ext(100_000, Math.floor(rnd() * lineCount), lineCount - 1)];
        // "Measure" a screenful of rows somewhere: their sizes change, everything below them moves.
        const at = Math.floor(rnd() * lineCount);
        for (let i = at; i < Math.min(lineCount, at + 25); i++) sizes[i] = randomSize(rnd);
        const boxes = boxesOf(sizes);
        expect(labelsInRows(placer.layout(extents, boxes), boxes, lineCount, 0, lineCount - 1)).toEqual(labelsByRow(extents, boxes, lineCount, 18));
      }
    }
  });

  it('places a run again only when its own rows change size', () => {
    // Two codings far apart: two runs. Growing a row of the first moves the second but keeps its placement.
    const extents = sortExtents([ext(1, 0, 0), ext(2, 0, 0), ext(3, 40, 41)]);
    const placer = new LabelPlacer(18);
    const sizes = Array.from({ length: 50 }, () => 28);
    const before = placer.layout(extents, boxesOf(sizes));
    expect(before.runs).toHaveLength(2);
    sizes[3] = 60;
    const after = placer.layout(extents, boxesOf(sizes));
    expect(after.runs[1]!.placed).toBe(before.runs[1]!.placed);
    expect(after.runs[1]!.top).toBe(before.runs[1]!.top + 32);
    sizes[0] = 40;
    expect(placer.layout(extents, boxesOf(sizes)).runs[0]!.placed).not.toBe(before.runs[0]!.placed);
  });
});
