import { useEffect, useRef, useState } from 'react';
import { CodersDialog } from './CodersDialog.js';
import { useCoderFilter } from './useCoderFilter.js';
import { MergeDialog } from '../merge/MergeDialog.js';
import { RefiImportDialog } from '../refi/RefiImportDialog.js';
import { RefiExportDialog } from '../refi/RefiExportDialog.js';
import './coders.css';

type Open = 'coders' | 'merge' | 'import' | 'qdpx' | 'qdc' | null;

/** Toolbar menu for working with co-authors: coders and blind coding, merging a co-author's file, REFI-QDA exchange. */
export function CoauthorMenu() {
  const [menu, setMenu] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const filter = useCoderFilter();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setMenu(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [menu]);
  const item = (label: string, run: () => void, title?: string) => (
    <button
      type="button"
      role="menuitem"
      title={title}
      onClick={() => {
        setMenu(false);
        run();
      }}
    >
      {label}
    </button>
  );
  return (
    <div className="coauthor-menu" ref={ref}>
      <button type="button" aria-haspopup="menu" aria-expanded={menu} onClick={() => setMenu((m) => !m)}>
        Co-authors ▾
      </button>
      {filter.blind && (
        <button type="button" className="blind-badge" title="Blind coding is on: only your codings are shown. Click to change." onClick={() => setOpen('coders')}>
          Blind coding
        </button>
      )}
      {menu && (
        <div className="menu-popup" role="menu" aria-label="Co-authors">
          {item('Coders and blind coding…', () => setOpen('coders'))}
          {item('Merge a co-author’s project…', () => setOpen('merge'), 'Bring a co-author’s copy of this project (.quarry) into this one')}
          <hr />
          {item('Export REFI-QDA project (.qdpx)…', () => setOpen('qdpx'), 'For NVivo, ATLAS.ti, MAXQDA, QualCoder')}
          {item('Export REFI-QDA codebook (.qdc)…', () => setOpen('qdc'))}
          {item('Import REFI-QDA project as a new project…', () => setOpen('import'))}
        </div>
      )}
      {open === 'coders' && <CodersDialog onClose={() => setOpen(null)} />}
      {open === 'merge' && <MergeDialog onClose={() => setOpen(null)} />}
      {open === 'import' && <RefiImportDialog onClose={() => setOpen(null)} />}
      {(open === 'qdpx' || open === 'qdc') && <RefiExportDialog kind={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
