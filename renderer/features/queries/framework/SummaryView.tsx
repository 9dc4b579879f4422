import { parseSummary } from '../../../../shared/queries/miniMarkdown.js';

/** A cell summary rendered: paragraphs and bullet lists (plain React text; nothing is HTML). */
export function SummaryView({ summary, empty }: { summary: string; empty?: string }) {
  const blocks = parseSummary(summary);
  if (blocks.length === 0) return empty ? <p className="hint fw-empty">{empty}</p> : null;
  return (
    <div className="fw-summary">
      {blocks.map((b, i) =>
        b.kind === 'paragraph' ? (
          <p key={i}>{b.text}</p>
        ) : (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
