import { Fragment, type ReactNode } from 'react';
import type { CodedPassage } from '../../../shared/domain/types.js';
import { lineDirection } from '../document/documentLayout.js';
import { attributionOf } from '../passages/attribution.js';
import { PathText } from './PathText.js';

export type ListedPassage = CodedPassage & { codes?: string[] };

interface Props {
  passages: readonly ListedPassage[];
  onShow(p: ListedPassage): void;
  /** Extra buttons per passage (Link, Unlink…). */
  actions?: (p: ListedPassage) => ReactNode;
  label: string;
  empty?: string;
  compact?: boolean;
}

/** Passages with their attribution ([case]), code and coder, each with “Show in context”. */
export function PassageList({ passages, onShow, actions, label, empty = 'No passages.', compact }: Props) {
  if (passages.length === 0) return <p className="hint q-empty">{empty}</p>;
  return (
    <ul className={compact ? 'q-passages compact' : 'q-passages'} aria-label={label}>
      {passages.map((p) => (
        <li key={`${p.codingId}:${p.start}:${p.end}`} className="q-passage" data-coding-id={p.codingId}>
          <div className="q-passage-head">
            <strong className="attribution">{attributionOf(p)}</strong>
            <span className="hint q-passage-meta" title={`${p.source} [${p.start}–${p.end})`}>
              {(p.codes ?? [p.code]).map((c, i) => (
                <Fragment key={c}>
                  {i > 0 && ', '}
                  <PathText text={c} />
                </Fragment>
              ))}{' '}
              · {p.coder}
            </span>
            {actions?.(p)}
            <button type="button" onClick={() => onShow(p)}>
              Show in context
            </button>
          </div>
          <blockquote className="q-passage-text" dir={lineDirection(p.text)}>
            {p.text}
          </blockquote>
        </li>
      ))}
    </ul>
  );
}
