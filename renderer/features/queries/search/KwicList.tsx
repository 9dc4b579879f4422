import type { SearchHit } from '../../../../shared/queries/types.js';
import { attributionOf } from '../../passages/attribution.js';

interface Props {
  hits: readonly SearchHit[];
  onShow(hit: SearchHit): void;
}

/** Keyword in context: each hit centred, its source or case before it; a click shows it in the document. */
export function KwicList({ hits, onShow }: Props) {
  return (
    <ol className="kwic" aria-label="Search hits">
      {hits.map((h) => (
        <li key={`${h.sourceId}:${h.start}`}>
          <button type="button" className="kwic-line" onClick={() => onShow(h)} title={`${h.source} [${h.start}–${h.end}) — show in context`}>
            <span className="kwic-where">{attributionOf(h)}</span>
            <span className="kwic-before">
              <bdi>{oneLine(h.before)}</bdi>
            </span>
            <mark className="kwic-match">{oneLine(h.match)}</mark>
            <span className="kwic-after">
              <bdi>{oneLine(h.after)}</bdi>
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}

/** Context may hold line breaks; a KWIC line shows them as spaces. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
