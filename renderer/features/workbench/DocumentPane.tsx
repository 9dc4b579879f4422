import { useMemo, useState } from 'react';
import { snapToWords } from '../../../shared/text/structure.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { DocumentView } from '../document/DocumentView.js';
import { codeLookup, useDocument } from '../document/useDocument.js';
import { useWorkbench } from './workbenchState.js';

/** The centre view for reading and coding one source. */
export function DocumentPane() {
  const wb = useWorkbench();
  const codes = useApiQuery('codes.tree', {});
  const lookup = useMemo(() => codeLookup(codes.data), [codes.data]);
  const { model } = useDocument(wb.sourceId, null);
  const [snap, setSnap] = useState(true);
  if (!model) return <div className="empty-doc">Choose a source on the left to read and code it.</div>;
  return (
    <>
      <div className="doc-head">
        <h2>{model.doc.name}</h2>
        <span className="hint">
          {model.doc.characters.toLocaleString()} characters · {model.doc.codings.length} codings
          {model.doc.caseName ? ` · case ${model.doc.caseName}` : ''}
        </span>
        <span className="spacer" />
        <label className="check">
          <input type="checkbox" checked={snap} onChange={(e) => setSnap(e.target.checked)} /> Snap selection to words
        </label>
      </div>
      <DocumentView model={model} codes={lookup} snap={snap} snapToWords={(t, s, e) => snapToWords(t, s, e, { index: model.index })} />
    </>
  );
}
