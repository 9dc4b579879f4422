import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { CodeNode, Coding, Memo } from '../../../shared/domain/types.js';
import { byline, memoExcerpt } from '../memos/memoFormat.js';
import type { AnnotationModel } from '../memos/useAnnotations.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import { lineAt, lineDirection, segmentLine, type Line, type SpanU16 } from './documentLayout.js';
import { stripeLabelNames } from './stripeLabelNames.js';
import { assignColumns, keepUnchangedRows, LabelPlacer, labelsInRows, type RowLabel } from './stripeLayout.js';
import { highlightStyle, stripeTitle } from './highlightStyle.js';
import { BLANK_LINE_TEXT } from './selectionOffsets.js';
import type { DocumentModel } from './useDocument.js';
import { restHeight } from './documentPage.js';
import { useDocumentSelection } from './useDocumentSelection.js';
import { FindBar } from './FindBar.js';
import { FIND_CURRENT_MARK, FIND_MARK, useFindInDocument } from './useFindInDocument.js';
import { useKeyChords } from '../shortcuts/useKeyChords.js';
import './document.css';
import { displayColor } from '../../../shared/domain/codeColor.js';

interface Props {
  model: DocumentModel;
  codes: Map<number, CodeNode>;
  snap: boolean;
  annotations?: AnnotationModel | null;
  onOpenAnnotation?: (memoId: number) => void;
  /** A timed transcript: each timed line's time label, the line being said, and playing from a line. */
  timing?: LineTiming | null;
}

export interface LineTiming {
  /** Document line index → its time as a label ("01:23"). */
  labels: Map<number, string>;
  currentLine: number;
  onPlayLine: (line: number) => void;
}

const STRIPE_WIDTH = 7;
/** Gap between the last stripe column and the label lane. */
const LANE_GAP = 5;
/** Room after the label lane, so a label does not touch the pane's edge. */
const LANE_END = 4;
/** One label's slot in the lane: its height and the space below it. */
const LABEL_SLOT = 18;
/** How often, at most, labels are placed again while rows are being measured. */
const LABEL_SETTLE_MS = 120;
/** Labels are filed for the rendered rows' blocks of this many lines and one block either side. */
const LABEL_BLOCK = 32;
const NO_LABELS = new Map<number, RowLabel[]>();
const NONE: SpanU16[] = [];
const NO_NOTES: Memo[] = [];
/** Marks with this code id are the passage just revealed (outlined), not an annotation. */
const REVEAL_MARK = -1;

interface LineProps {
  line: Line;
  text: string;
  spans: SpanU16[];
  marks: SpanU16[];
  notes: Memo[] | null;
  codes: Map<number, CodeNode>;
  codingById: Map<number, Coding>;
  /** Coding id → its stripe column, and how many columns there are. */
  stripeColumns: Map<number, number>;
  columnCount: number;
  /** The code-name labels drawn in this line's row (they may reach into the next row). */
  labels: RowLabel[] | undefined;
  /** Code id → the text of its label (its name, or enough of its path when two codes here share a name). */
  labelNames: Map<number, string>;
  /** How many different codes touch this line, and the most on any line (the density bar's scale). */
  density: number;
  maxDensity: number;
  activeCodingId: number | null;
  onStripeClick: (codingId: number) => void;
  onNoteClick?: ((memoId: number) => void) | undefined;
  timeLabel?: string | undefined;
  current?: boolean;
  onPlayLine?: ((line: number) => void) | undefined;
}

const DocLine = memo(function DocLine({ line, text, spans, marks, notes, codes, codingById, stripeColumns, columnCount, labels, labelNames, density, maxDensity, activeCodingId, onStripeClick, onNoteClick, timeLabel, current, onPlayLine }: LineProps) {
  const segments = segmentLine(line, spans, marks);
  const lineText = text.slice(line.start, line.end);
  const columns = columnCount;
  const laneLeft = columns * STRIPE_WIDTH + LANE_GAP;
  return (
    <div className={`${line.start === line.end ? 'doc-line doc-line-blank' : 'doc-line'}${current ? ' doc-line-current' : ''}`} data-line={line.index}>
      {timeLabel !== undefined && (
        <button type="button" className="doc-line-time" aria-label={`Play from ${timeLabel}`} onClick={() => onPlayLine?.(line.index)}>
          {timeLabel}
        </button>
      )}
      <div className="doc-text" data-ls={line.start} data-le={line.end} dir={lineDirection(lineText)}>
        {line.start === line.end ? (
          <span data-o={line.start}>{BLANK_LINE_TEXT}</span>
        ) : (
          segments.map((seg) => {
            const classes = [
              seg.covering.length ? 'hl' : '',
              seg.marks.some((m) => m.codeId >= 0) ? 'annotated' : '',
              seg.marks.some((m) => m.codeId === REVEAL_MARK) ? 'revealed' : '',
              seg.marks.some((m) => m.codeId === FIND_MARK) ? 'found' : '',
              seg.marks.some((m) => m.codeId === FIND_CURRENT_MARK) ? 'found found-current' : '',
            ].filter(Boolean);
            return (
              <span
                key={seg.start}
                data-o={seg.start}
                className={classes.length ? classes.join(' ') : undefined}
                style={highlightStyle(seg.covering, codes, activeCodingId)}
                title={seg.covering.length ? seg.covering.map((s) => stripeTitle(codes.get(s.codeId), codingById.get(s.id))).join('\n') : undefined}
              >
                {text.slice(seg.start, seg.end)}
              </span>
            );
          })
        )}
      </div>
      <div className="doc-density" data-density={density} title={densityTitle(density)} aria-hidden="true" style={{ background: densityShade(density, maxDensity) }} />
      <div className={columns ? 'doc-stripes doc-stripes-labelled' : 'doc-stripes'} style={columns ? { width: `calc(${laneLeft + 1 + LANE_END}px + var(--label-lane))` } : { width: 4 }}>
        {spans.map((s) => {
          const code = codes.get(s.codeId);
          const col = stripeColumns.get(s.id) ?? 0;
          const title = stripeTitle(code, codingById.get(s.id));
          const startsHere = s.start >= line.start;
          return (
            <button
              type="button"
              key={s.id}
              className={`stripe${s.id === activeCodingId ? ' stripe-active' : ''}${startsHere ? ' stripe-start' : ''}`}
              style={{ left: col * STRIPE_WIDTH, background: displayColor(code) }}
              data-tip={title}
              aria-label={`Coding stripe: ${title.replace('\n', ', ')}`}
              aria-pressed={s.id === activeCodingId}
              data-coding-id={s.id}
              onClick={() => onStripeClick(s.id)}
            />
          );
        })}
        {labels?.map((l) => (
          <StripeLabel
            key={l.id}
            label={l}
            code={codes.get(codingById.get(l.id)?.codeId ?? -1)}
            name={labelNames.get(codingById.get(l.id)?.codeId ?? -1) ?? 'code'}
            title={stripeTitle(codes.get(codingById.get(l.id)?.codeId ?? -1), codingById.get(l.id))}
            hiddenNames={l.hidden.map((h) => codes.get(codingById.get(h)?.codeId ?? -1)?.path ?? 'code')}
            left={laneLeft}
            leader={laneLeft - ((stripeColumns.get(l.id) ?? 0) * STRIPE_WIDTH + 5)}
            active={l.id === activeCodingId}
            onSelect={onStripeClick}
          />
        ))}
      </div>
      {notes && (
        <div className="doc-notes">
          {notes.map((m) => (
            <button type="button" key={m.id} className="note-card" data-memo-id={m.id} onClick={() => onNoteClick?.(m.id)} title="Open the annotation">
              <span className="note-meta">{byline(m.author, m.createdAt)}</span>
              <span className="note-text">{memoExcerpt(m)}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
});

interface StripeLabelProps {
  label: RowLabel;
  code: CodeNode | undefined;
  name: string;
  title: string;
  hiddenNames: string[];
  left: number;
  /** How far back the thin line reaches to the coding's own stripe. */
  leader: number;
  active: boolean;
  onSelect: (codingId: number) => void;
}

/** A code's name in the label lane, level with (or just below) where its coding starts; "+N" stands for labels with no room here. */
function StripeLabel({ label, code, name, title, hiddenNames, left, leader, active, onSelect }: StripeLabelProps) {
  const color = displayColor(code);
  return (
    <div className="stripe-tag" style={{ top: label.offset, left }} data-coding-id={label.id} data-tip={hiddenNames.length ? `${title}\n\nAlso coded here (+${hiddenNames.length}):\n${hiddenNames.join('\n')}` : title}>
      <span className="stripe-leader" aria-hidden="true" style={{ left: -leader, width: leader, background: color }} />
      <button
        type="button"
        className={`stripe-label${active ? ' stripe-label-active' : ''}`}
        data-label={name}
        data-coding-id={label.id}
        aria-label={`Code label: ${title.replace('\n', ', ')}`}
        aria-pressed={active}
        style={{ color: labelInk(color), background: color }}
        onClick={() => onSelect(label.id)}
      />
      {label.hidden.length > 0 && (
        <button
          type="button"
          className="stripe-more"
          data-more={`+${label.hidden.length}`}
          aria-label={`${label.hidden.length} more codings here: ${hiddenNames.join(', ')}`}
          onClick={() => onSelect(label.hidden[0]!)}
        />
      )}
    </div>
  );
}

/**
 * `value` as it was at most `ms` ago, and null for each new `key` (document) until just after its first paint, so a
 * document opening never waits for work done with another document's measurements.
 */
function useSettled<T>(value: T, ms: number, key: unknown): T | null {
  const [settled, setSettled] = useState<{ key: unknown; value: T } | null>(null);
  const latest = useRef({ key, value });
  latest.current = { key, value };
  const pending = useRef<{ key: unknown; cancel: () => void } | null>(null);
  const fresh = settled?.key !== key;
  useEffect(() => {
    if (pending.current) {
      if (pending.current.key === key) return;
      pending.current.cancel();
    }
    const fire = () => {
      pending.current = null;
      setSettled(latest.current);
    };
    if (!fresh) {
      const timer = setTimeout(fire, ms);
      pending.current = { key, cancel: () => clearTimeout(timer) };
      return;
    }
    // A timeout set now could run before the browser paints the first lines; one set in the next frame runs after it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(fire, 0)));
    pending.current = {
      key,
      cancel: () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      },
    };
  }, [value, fresh, key, ms]);
  useEffect(
    () => () => {
      pending.current?.cancel();
      pending.current = null;
    },
    [],
  );
  return fresh ? null : settled!.value;
}

/** The label font, as document.css sets it (the width of a name is measured with it). */
const LABEL_FONT = '500 11px';
/** A label's padding and border, and the "+N" beside it. */
const LABEL_CHROME_PX = 12;
const MORE_PX = 30;
let measureContext: CanvasRenderingContext2D | null | undefined;
/** The page's font family, read once (reading a computed style during a render would make the browser restyle the page). */
let pageFontFamily: string | undefined;

/** The lane is as wide as the longest name on show needs (CSS caps it by the room there is). */
function labelLaneWidth(names: string[], hasMore: boolean): number {
  if (names.length === 0) return 0;
  measureContext ??= typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  const ctx = measureContext;
  let widest = 0;
  pageFontFamily ??= ctx ? getComputedStyle(document.body).fontFamily : '';
  if (ctx) ctx.font = `${LABEL_FONT} ${pageFontFamily}`;
  for (const name of new Set(names)) widest = Math.max(widest, ctx ? ctx.measureText(name).width : name.length * 7);
  return Math.ceil(widest) + LABEL_CHROME_PX + (hasMore ? MORE_PX : 0);
}

/** Dark or white lettering, whichever reads on the code's colour. */
function labelInk(hex: string): string {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  const luminance = 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return luminance > 150 ? '#1b1b1b' : '#ffffff';
}

/** Greyscale: white for no codes, darkest for the most codes on any line of the document. */
function densityShade(n: number, max: number): string {
  if (n === 0 || max === 0) return 'transparent';
  const lightness = Math.round(88 - (58 * n) / max);
  return `hsl(0, 0%, ${lightness}%)`;
}

const densityTitle = (n: number): string => (n === 1 ? '1 code on this line' : `${n} codes on this line`);

/** How many different codes touch each line. */
export function densityByLine(byLine: SpanU16[][]): { counts: number[]; max: number } {
  let max = 0;
  const counts = byLine.map((spans) => {
    const n = spans.length < 2 ? spans.length : new Set(spans.map((s) => s.codeId)).size;
    if (n > max) max = n;
    return n;
  });
  return { counts, max };
}

/** The transcript: virtualised lines, highlights in code colours, coding stripes and annotations in the margin. */
export function DocumentView({ model, codes, snap, annotations, onOpenAnnotation, timing }: Props) {
  const wb = useWorkbench();
  const scrollRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const { doc, lines, byLine, index, codingById } = model;
  const showNotes = !!annotations && annotations.spans.length > 0;
  const notesByLine = useMemo(() => {
    const out = new Map<number, Memo[]>();
    if (!annotations) return out;
    for (const [line, spans] of annotations.starts) out.set(line, spans.map((s) => annotations.byId.get(s.id)).filter((m): m is Memo => !!m));
    return out;
  }, [annotations]);

  const stripeExtents = useMemo(
    () => model.spans.map((s) => ({ id: s.id, first: lineAt(lines, s.start), last: lineAt(lines, Math.max(s.start, s.end - 1)) })),
    [model.spans, lines],
  );

  const density = useMemo(() => densityByLine(byLine), [byLine]);

  const revealSpan = useMemo(() => {
    const r = wb.reveal;
    if (!r || r.sourceId !== doc.id) return null;
    return { id: -r.nonce, codeId: REVEAL_MARK, start: index.cpToUtf16(Math.min(r.start, index.length)), end: index.cpToUtf16(Math.min(r.end, index.length)) };
  }, [wb.reveal, doc.id, index]);

  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => 22 * Math.max(1, Math.ceil((lines[i]!.end - lines[i]!.start) / 95)) + 6,
    overscan: 12,
  });

  // The margin: columns from the codings alone, once per change of them; labels from the rows' measured (or, off
  // screen, estimated) sizes. The lane is placed run by run (LabelPlacer keeps each run while its rows keep their
  // sizes) after the first paint and then at most every LABEL_SETTLE_MS while rows are being measured (scrolling),
  // and only the rows near the screen get their labels filed, so a long document's margin never holds up a frame.
  const totalSize = virtualizer.getTotalSize();
  // While only the first page is here, the scroller is about as tall as the whole document will be.
  const bodyHeight = totalSize + (model.page ? restHeight(totalSize, model.page.end, doc.characters) : 0);
  const columns = useMemo(() => assignColumns(stripeExtents), [stripeExtents]);
  const placer = useRef<LabelPlacer | null>(null);
  placer.current ??= new LabelPlacer(LABEL_SLOT);
  // The whole document replacing its first page settles anew too: its labels are placed after it is painted.
  const measurements = useSettled(virtualizer.measurementsCache, LABEL_SETTLE_MS, model.page ? `${doc.id} page` : doc.id);
  const boxes = useMemo(
    () => (measurements ? { top: (i: number) => measurements[i]?.start ?? 0, bottom: (i: number) => measurements[i]?.end ?? 0 } : null),
    [measurements],
  );
  const labelLayout = useMemo(() => (boxes ? placer.current!.layout(stripeExtents, boxes) : null), [stripeExtents, boxes]);
  const items = virtualizer.getVirtualItems();
  // Labels are filed for a window of whole blocks around the rendered rows, so scrolling within it files nothing anew.
  const windowFrom = Math.max(0, Math.floor((items[0]?.index ?? 0) / LABEL_BLOCK) - 1) * LABEL_BLOCK;
  const windowTo = (Math.floor((items[items.length - 1]?.index ?? 0) / LABEL_BLOCK) + 2) * LABEL_BLOCK - 1;
  const previousLabels = useRef<Map<number, RowLabel[]> | null>(null);
  const rowLabels = useMemo(() => {
    if (!labelLayout || !boxes || !measurements) return NO_LABELS;
    return keepUnchangedRows(labelsInRows(labelLayout, boxes, Math.min(lines.length, measurements.length), windowFrom, windowTo), previousLabels.current);
  }, [labelLayout, boxes, measurements, lines.length, windowFrom, windowTo]);
  useEffect(() => {
    previousLabels.current = rowLabels;
  }, [rowLabels]);
  const hasMore = labelLayout?.anyHidden ?? false;
  const labelNames = useMemo(() => stripeLabelNames(model.spans.map((s) => s.codeId), codes), [model.spans, codes]);
  const laneNeed = useMemo(() => labelLaneWidth([...labelNames.values()], hasMore), [labelNames, hasMore]);

  // While the recording plays, the line being said stays in view.
  const currentLine = timing?.currentLine ?? -1;
  useEffect(() => {
    if (currentLine >= 0) virtualizer.scrollToIndex(currentLine, { align: 'auto' });
  }, [currentLine]);

  useEffect(() => {
    if (!revealSpan) return;
    virtualizer.scrollToIndex(lineAt(lines, revealSpan.start), { align: 'center' });
  }, [revealSpan]);

  const selectCoding = useCallback(
    (codingId: number) => {
      wb.setActiveCodingId(codingId);
      const c = codingById.get(codingId);
      if (c) wb.setSelection({ sourceId: doc.id, start: c.start, end: c.end, text: index.slice(c.start, c.end) });
    },
    [doc.id, index, wb, codingById],
  );

  const returnFocus = useRef<Element | null>(null);
  const scrollToMatch = useCallback((m: { start: number }) => virtualizer.scrollToIndex(lineAt(lines, m.start), { align: 'center' }), [virtualizer, lines]);
  const find = useFindInDocument(doc.text, model.page === null, lines, scrollToMatch, () => {
    const back = returnFocus.current;
    (back instanceof HTMLElement && back.isConnected ? back : textRef.current)?.focus();
  });
  useKeyChords({
    'Mod+F': () => {
      if (!find.open) returnFocus.current = document.activeElement;
      find.show();
    },
  });

  const selection = useDocumentSelection({
    model,
    textRef,
    scrollRef,
    snap,
    firstVisibleLine: () => virtualizer.getVirtualItems()[0]?.index ?? 0,
    scrollToLine: (line) => virtualizer.scrollToIndex(line, { align: 'auto' }),
    renderedKey: `${items[0]?.index ?? 0}-${items[items.length - 1]?.index ?? 0}`,
    onSelectCoding: selectCoding,
  });

  return (
    <>
    {find.open && <FindBar find={find} />}
    <div className="doc-scroll" ref={scrollRef} data-testid="document-view" aria-label={`Document ${doc.name}`} aria-busy={model.page ? true : undefined} onMouseDown={selection.onMouseDown} onMouseUp={selection.onMouseUp}>
      <div
        ref={textRef}
        className={`doc-body${showNotes ? ' with-notes' : ''}`}
        style={{ height: bodyHeight, '--label-need': `${laneNeed}px` } as CSSProperties}
        tabIndex={0}
        role="document"
        aria-label={`${doc.name}: select text with the mouse, or move the caret with the arrow keys and select with Shift+arrows; Ctrl+A selects the whole document`}
        onKeyDown={selection.onKeyDown}
        onBlur={selection.onBlur}
      >
        {selection.caret && <div className="doc-caret" style={{ left: selection.caret.left, top: selection.caret.top, height: selection.caret.height }} />}
        {items.map((item) => {
          const found = find.marksByLine.get(item.index);
          const noted = annotations?.byLine[item.index] ?? NONE;
          const marks = found ? [...noted, ...found] : noted;
          const withReveal = revealSpan && lineAt(lines, revealSpan.start) <= item.index && item.index <= lineAt(lines, Math.max(revealSpan.start, revealSpan.end - 1)) ? [...marks, revealSpan] : marks;
          return (
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="doc-row" style={{ transform: `translateY(${item.start}px)` }}>
              <DocLine
                line={lines[item.index]!}
                text={doc.text}
                spans={byLine[item.index]!}
                marks={withReveal}
                notes={showNotes ? (notesByLine.get(item.index) ?? NO_NOTES) : null}
                codes={codes}
                codingById={codingById}
                stripeColumns={columns.columnOf}
                columnCount={columns.count}
                labels={rowLabels.get(item.index)}
                labelNames={labelNames}
                density={density.counts[item.index] ?? 0}
                maxDensity={density.max}
                activeCodingId={wb.activeCodingId}
                onStripeClick={selectCoding}
                onNoteClick={onOpenAnnotation}
                timeLabel={timing?.labels.get(item.index)}
                current={item.index === currentLine}
                onPlayLine={timing?.onPlayLine}
              />
            </div>
          );
        })}
      </div>
    </div>
    </>
  );
}
