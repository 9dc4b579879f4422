import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { CodeNode } from '../../../shared/domain/types.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import { lineAt, lineDirection, segmentLine, type Line, type SpanU16 } from './documentLayout.js';
import { selectionToOffsets } from './selectionOffsets.js';
import type { DocumentModel } from './useDocument.js';

interface Props {
  model: DocumentModel;
  codes: Map<number, CodeNode>;
  snapToWords: (text: string, start: number, end: number) => { start: number; end: number };
  snap: boolean;
}

const STRIPE_WIDTH = 7;

function hexToRgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Stacked translucent layers: overlapping codings show as a deeper mix of their colours. */
function highlightStyle(covering: SpanU16[], codes: Map<number, CodeNode>, activeCodingId: number | null): CSSProperties | undefined {
  if (covering.length === 0) return undefined;
  const layers = covering.map((s) => {
    const c = codes.get(s.codeId)?.color ?? '#999999';
    const color = hexToRgba(c, covering.length > 1 ? 0.3 : 0.38);
    return `linear-gradient(${color}, ${color})`;
  });
  const style: CSSProperties = { backgroundImage: layers.join(', ') };
  if (covering.some((s) => s.id === activeCodingId)) style.outline = '2px solid #263238';
  return style;
}

interface LineProps {
  line: Line;
  text: string;
  spans: SpanU16[];
  codes: Map<number, CodeNode>;
  stripeColumns: Map<number, number>;
  activeCodingId: number | null;
  onStripeClick: (codingId: number) => void;
}

const DocLine = memo(function DocLine({ line, text, spans, codes, stripeColumns, activeCodingId, onStripeClick }: LineProps) {
  const segments = segmentLine(line, spans);
  const lineText = text.slice(line.start, line.end);
  const columns = stripeColumns.size;
  return (
    <div className="doc-line" data-line={line.index}>
      <div className="doc-text" data-ls={line.start} data-le={line.end} dir={lineDirection(lineText)}>
        {line.start === line.end ? (
          <span data-o={line.start}>{'\u200b'}</span>
        ) : (
          segments.map((seg) => (
            <span
              key={seg.start}
              data-o={seg.start}
              className={seg.covering.length ? 'hl' : undefined}
              style={highlightStyle(seg.covering, codes, activeCodingId)}
              title={seg.covering.length ? seg.covering.map((s) => codes.get(s.codeId)?.path ?? '').join('\n') : undefined}
            >
              {text.slice(seg.start, seg.end)}
            </span>
          ))
        )}
      </div>
      <div className="doc-stripes" style={{ width: columns * STRIPE_WIDTH + 4 }} aria-hidden={spans.length === 0}>
        {spans.map((s) => {
          const code = codes.get(s.codeId);
          const col = stripeColumns.get(s.codeId) ?? 0;
          return (
            <button
              type="button"
              key={s.id}
              className={`stripe${s.id === activeCodingId ? ' stripe-active' : ''}`}
              style={{ left: col * STRIPE_WIDTH, background: code?.color ?? '#999' }}
              title={code?.path ?? 'code'}
              aria-label={`Coding stripe: ${code?.path ?? 'code'}`}
              onClick={() => onStripeClick(s.id)}
            />
          );
        })}
      </div>
    </div>
  );
});

/** The transcript: virtualised lines, highlights in code colours, coding stripes in the margin. */
export function DocumentView({ model, codes, snapToWords, snap }: Props) {
  const wb = useWorkbench();
  const scrollRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const { doc, lines, byLine, index } = model;

  const stripeColumns = useMemo(() => {
    const order = [...new Set(model.spans.map((s) => s.codeId))].sort(
      (a, b) => (codes.get(a)?.path ?? '').localeCompare(codes.get(b)?.path ?? ''),
    );
    return new Map(order.map((id, i) => [id, i]));
  }, [model.spans, codes]);

  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => 22 * Math.max(1, Math.ceil((lines[i]!.end - lines[i]!.start) / 95)) + 6,
    overscan: 12,
  });

  useEffect(() => {
    const r = wb.reveal;
    if (!r || r.sourceId !== doc.id) return;
    const u = index.cpToUtf16(Math.min(r.start, index.length));
    virtualizer.scrollToIndex(lineAt(lines, u), { align: 'center' });
  }, [wb.reveal, doc.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const onMouseUp = useCallback(() => {
    const sel = window.getSelection();
    if (!sel || !textRef.current) return;
    const off = selectionToOffsets(sel, textRef.current);
    if (!off) return;
    let start = index.utf16ToCp(off.start);
    let end = index.utf16ToCp(off.end);
    if (snap) ({ start, end } = snapToWords(doc.text, start, end));
    if (end <= start) return;
    wb.setSelection({ sourceId: doc.id, start, end, text: index.slice(start, end) });
    wb.setActiveCodingId(null);
  }, [doc, index, snap, snapToWords, wb]);

  const onStripeClick = useCallback((codingId: number) => {
    wb.setActiveCodingId(codingId);
    const c = doc.codings.find((x) => x.id === codingId);
    if (c) wb.setSelection({ sourceId: doc.id, start: c.start, end: c.end, text: index.slice(c.start, c.end) });
  }, [doc, index, wb]);

  return (
    <div className="doc-scroll" ref={scrollRef} data-testid="document-view" aria-label={`Document ${doc.name}`}>
      <div ref={textRef} className="doc-body" style={{ height: virtualizer.getTotalSize() }} onMouseUp={onMouseUp} onKeyUp={onMouseUp}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="doc-row"
            style={{ transform: `translateY(${item.start}px)` }}
          >
            <DocLine
              line={lines[item.index]!}
              text={doc.text}
              spans={byLine[item.index]!}
              codes={codes}
              stripeColumns={stripeColumns}
              activeCodingId={wb.activeCodingId}
              onStripeClick={onStripeClick}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
