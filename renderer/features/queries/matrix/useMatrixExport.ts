import { useCallback, useState } from 'react';
import type { CodeNode } from '../../../../shared/domain/types.js';
import type { MatrixQueryDef } from '../../../../shared/queries/types.js';
import type { ExportDraft } from '../../export/exportRequestDraft.js';
import { matrixExportDraft } from './matrixExportDraft.js';

/** "Export this table": the export dialog's draft for the matrix that ran, or why it cannot be made. */
export function useMatrixExport(submitted: MatrixQueryDef | null, codes: ReadonlyMap<number, CodeNode>) {
  const [draft, setDraft] = useState<Partial<ExportDraft> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const open = useCallback(() => {
    if (!submitted) return;
    const d = matrixExportDraft(submitted, (ref) => (ref.codeId !== undefined ? (codes.get(ref.codeId)?.path ?? null) : ref.path));
    setProblem(typeof d === 'string' ? d : null);
    setDraft(typeof d === 'string' ? null : d);
  }, [submitted, codes]);
  const close = useCallback(() => setDraft(null), []);
  return { draft, problem, open, close };
}
