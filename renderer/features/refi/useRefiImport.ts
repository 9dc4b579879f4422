import { useCallback, useState } from 'react';
import type { RefiImportReport } from '../../../shared/refi/refiImportPlanTypes.js';
import { useApi } from '../../api/ApiContext.js';
import { fileToBase64 } from './refiFiles.js';

/** Uploaded bytes, or a path the core reads from disk (picked in a file dialog). */
export type PickedFile = { fileName: string; dataBase64: string } | { fileName: string; filePath: string };

/** Reading a REFI-QDA file, previewing what it would give, and creating the new project from it. */
export function useRefiImport() {
  const api = useApi();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [report, setReport] = useState<RefiImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const preview = useCallback(
    async (read: () => Promise<PickedFile>) => {
      setBusy(true);
      setError(null);
      setReport(null);
      try {
        const picked = await read();
        setFile(picked);
        setReport(await api.call('refi.previewImport', 'filePath' in picked ? { filePath: picked.filePath } : picked));
      } catch (err) {
        setError((err as Error).message);
      } finally {
        setBusy(false);
      }
    },
    [api],
  );
  const pick = useCallback((f: File) => preview(async () => ({ fileName: f.name, dataBase64: await fileToBase64(f) })), [preview]);
  const pickPath = useCallback((filePath: string) => preview(async () => ({ fileName: filePath.split(/[\\/]/).pop() ?? filePath, filePath })), [preview]);

  const create = useCallback(
    async (path: string, acceptLosses: boolean): Promise<boolean> => {
      if (!file) return false;
      setBusy(true);
      setError(null);
      try {
        await api.call('refi.importProject', { ...('filePath' in file ? { filePath: file.filePath } : file), path, acceptLosses });
        return true;
      } catch (err) {
        setError((err as Error).message);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [api, file],
  );

  return { file, report, error, busy, pick, pickPath, create };
}
