import { useCallback, useState } from 'react';
import type { ImportResultItem } from '../../../shared/domain/types.js';
import { useApi } from '../../api/ApiContext.js';

export interface ImportProgress {
  total: number;
  done: number;
  results: ImportResultItem[];
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Imports files one by one so the progress bar and the per-file list move as each finishes. */
export function useImportFiles() {
  const api = useApi();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const importFiles = useCallback(
    async (files: File[], caseFromFileName: boolean) => {
      let state: ImportProgress = { total: files.length, done: 0, results: [] };
      setProgress(state);
      for (const file of files) {
        let result: ImportResultItem;
        try {
          const dataBase64 = await toBase64(file);
          const [r] = await api.call('sources.import', { files: [{ fileName: file.name, dataBase64 }], caseFromFileName });
          result = r ?? { file: file.name, status: 'skipped', reason: `${file.name}: no result` };
        } catch (err) {
          result = { file: file.name, status: 'skipped', reason: (err as Error).message };
        }
        state = { ...state, done: state.done + 1, results: [...state.results, result] };
        setProgress(state);
      }
    },
    [api],
  );
  return { progress, importFiles, clear: () => setProgress(null) };
}
