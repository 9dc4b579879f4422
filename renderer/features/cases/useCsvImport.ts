import { useCallback, useRef, useState } from 'react';
import { hasChoices, orderedChoices } from '../../../shared/cases/attributeTypeRegistry.js';
import type { ClassificationImportReport, ClassificationPreview, ColumnSetting } from '../../../shared/domain/caseTypes.js';
import { useApi } from '../../api/ApiContext.js';
import { fileToBase64 } from './fileTransfer.js';

/** A column setting in the dialog; null skips the column. */
export type ColumnChoice = ColumnSetting | null;

export type CsvImportState =
  | { step: 'closed' }
  | { step: 'reading'; fileName: string }
  | { step: 'failed'; fileName: string; message: string }
  | { step: 'preview'; fileName: string; preview: ClassificationPreview; columns: ColumnChoice[]; allowNewChoices: boolean; busy: boolean; error: string | null }
  | { step: 'done'; fileName: string; report: ClassificationImportReport };

/** The name a picked file is shown by. */
const nameOf = (f: { fileName: string } | { filePath: string }): string => ('fileName' in f ? f.fileName : (f.filePath.split(/[\\/]/).pop() ?? f.filePath));

/**
 * The classification import as the user goes through it: pick a file, look
 * at the preview and adjust column types, confirm. Nothing is written
 * before confirm; the preview is recomputed after every adjustment.
 */
export function useCsvImport() {
  const api = useApi();
  const [state, setState] = useState<CsvImportState>({ step: 'closed' });
  // Uploaded bytes, or a path the core reads from disk (picked in a file dialog).
  const file = useRef<{ fileName: string; dataBase64: string } | { filePath: string } | null>(null);
  const seq = useRef(0);

  const load = useCallback(
    async (columns: ColumnChoice[], allowNewChoices: boolean) => {
      const f = file.current;
      if (!f) return;
      const mine = ++seq.current;
      setState((s) => (s.step === 'preview' ? { ...s, columns, allowNewChoices, busy: true } : s));
      try {
        // No settings yet: Quarry proposes them. After the first change every column is explicit.
        const preview = await api.call('classification.preview', { ...f, allowNewChoices, ...(columns.length ? { columns } : {}) });
        if (mine !== seq.current) return;
        setState({ step: 'preview', fileName: nameOf(f), preview, columns, allowNewChoices, busy: false, error: null });
      } catch (err) {
        if (mine !== seq.current) return;
        setState((s) =>
          s.step === 'preview' ? { ...s, busy: false, error: (err as Error).message } : { step: 'failed', fileName: nameOf(f), message: (err as Error).message },
        );
      }
    },
    [api],
  );

  const open = useCallback(
    async (picked: File) => {
      setState({ step: 'reading', fileName: picked.name });
      file.current = { fileName: picked.name, dataBase64: await fileToBase64(picked) };
      await load([], false);
    },
    [load],
  );

  const openPath = useCallback(
    async (filePath: string) => {
      file.current = { filePath };
      setState({ step: 'reading', fileName: nameOf(file.current) });
      await load([], false);
    },
    [load],
  );

  const current = state.step === 'preview' ? state : null;

  const setColumn = useCallback(
    (index: number, choice: ColumnChoice) => {
      if (!current) return;
      const columns: ColumnChoice[] = current.preview.columns.map((c, i) => (i === index ? choice : toSetting(c.target)));
      void load(columns, current.allowNewChoices);
    },
    [current, load],
  );

  const setAllowNewChoices = useCallback((allow: boolean) => current && void load(current.columns, allow), [current, load]);

  const confirm = useCallback(async () => {
    const f = file.current;
    if (!f || !current) return;
    setState({ ...current, busy: true });
    try {
      const report = await api.call('classification.import', {
        ...f,
        allowNewChoices: current.allowNewChoices,
        expectedPlanKey: current.preview.planKey,
        ...(current.columns.length ? { columns: current.columns } : {}),
      });
      setState({ step: 'done', fileName: nameOf(f), report });
    } catch (err) {
      setState({ ...current, busy: false, error: (err as Error).message });
    }
  }, [api, current]);

  const close = useCallback(() => {
    seq.current++;
    file.current = null;
    setState({ step: 'closed' });
  }, []);

  return { state, open, openPath, setColumn, setAllowNewChoices, confirm, close };
}

/** The setting that reproduces what the preview shows for a column. */
export function toSetting(target: ClassificationPreview['columns'][number]['target']): ColumnChoice {
  if (!target) return null;
  return hasChoices(target.type) ? { type: target.type, name: target.name, choices: orderedChoices(target) } : { type: target.type, name: target.name };
}
