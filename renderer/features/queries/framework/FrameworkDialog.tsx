import { useState } from 'react';
import { Modal } from '../../workbench/Modal.js';
import { useCoding } from '../../coding/CodingProvider.js';
import { useQueryOptions } from '../useQueryOptions.js';
import { codeHeader, draftProblems, toFrameworkInput, type HeaderDraft, type MatrixDraft } from './frameworkDraft.js';
import { HeaderListEditor } from './HeaderListEditor.js';
import type { FrameworkDraft } from './useFrameworks.js';

interface Props {
  title: string;
  initial: MatrixDraft;
  submitLabel: string;
  onSubmit(d: FrameworkDraft): Promise<boolean>;
  onClose(): void;
}

/** Creating (or reshaping) a framework matrix: name, caption, rows and columns from themes, cases and labels. */
export function FrameworkDialog({ title, initial, submitLabel, onSubmit, onClose }: Props) {
  const [d, setD] = useState<MatrixDraft>(initial);
  const [busy, setBusy] = useState(false);
  const options = useQueryOptions();
  const coding = useCoding();
  const problems = draftProblems(d);
  const addTheme = (axis: 'rows' | 'cols') =>
    coding.openPicker({
      title: axis === 'rows' ? 'Add a theme row' : 'Add a theme column',
      allowCreate: false,
      onPick: (id) => {
        const code = coding.lookup.get(id);
        if (code) setD((x) => ({ ...x, [axis]: [...x[axis], codeHeader(code.id, code.path, code.name)] }));
      },
    });

  return (
    <Modal title={title} onClose={onClose} className="fw-dialog">
      <form
        className="fw-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (problems.length) return;
          setBusy(true);
          void onSubmit(toFrameworkInput(d)).then((ok) => {
            setBusy(false);
            if (ok) onClose();
          });
        }}
      >
        <label>
          Name
          <input aria-label="Matrix name" value={d.name} maxLength={200} onChange={(e) => setD({ ...d, name: e.target.value })} data-autofocus />
        </label>
        <label>
          Caption
          <input aria-label="Matrix caption" value={d.caption} maxLength={2000} placeholder="Table 3: …" onChange={(e) => setD({ ...d, caption: e.target.value })} />
        </label>
        <div className="fw-axes">
          <HeaderListEditor axis="Rows" headers={d.rows} onChange={(rows: HeaderDraft[]) => setD((x) => ({ ...x, rows }))} onAddTheme={() => addTheme('rows')} options={options} />
          <HeaderListEditor axis="Columns" headers={d.cols} onChange={(cols: HeaderDraft[]) => setD((x) => ({ ...x, cols }))} onAddTheme={() => addTheme('cols')} options={options} />
        </div>
        <p className="hint">A theme row or column offers the passages coded at it while you write a cell; a case offers that case’s passages.</p>
        {problems.length > 0 && <p className="hint fw-problems">{problems.join(' ')}</p>}
        <div className="q-row">
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy || problems.length > 0}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
