import type { SourceSummary } from '../../../shared/domain/types.js';
import { SOURCE_DRAG_TYPE } from './fileTransfer.js';

/** The project's sources, to drag onto a case row; sources not yet in a case come first. */
export function SourceTray({ sources }: { sources: SourceSummary[] }) {
  const ordered = [...sources].sort((a, b) => Number(a.caseId !== null) - Number(b.caseId !== null) || a.name.localeCompare(b.name));
  return (
    <section className="panel source-tray" aria-labelledby="source-tray-h">
      <div className="panel-head">
        <h2 id="source-tray-h">Assign sources</h2>
      </div>
      <p className="hint">Drag a source onto a case row to put it in that case.</p>
      {sources.length === 0 && <p className="hint">No sources yet.</p>}
      <ul className="list">
        {ordered.map((s) => (
          <li
            key={s.id}
            className="tray-source"
            draggable
            data-source={s.name}
            onDragStart={(e) => {
              e.dataTransfer.setData(SOURCE_DRAG_TYPE, String(s.id));
              e.dataTransfer.setData('text/plain', s.name);
              e.dataTransfer.effectAllowed = 'link';
            }}
          >
            <span className="list-name">{s.name}</span>
            <span className="list-meta">{s.caseName ?? 'no case'}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
