import { useCallback, useState } from 'react';
import type { ImportResultItem } from '../../../shared/domain/types.js';
import { importPreflight } from '../../../shared/importers/importLimits.js';
import { useApi } from '../../api/ApiContext.js';

export interface ImportProgress {
  total: number;
  done: number;
  /** The file being read or sent now, while the batch runs. */
  current: string | null;
  results: ImportResultItem[];
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** One file's result; never throws, so one bad file cannot stop the batch. */
async function importOne(api: ReturnType<typeof useApi>, file: File, caseFromFileName: boolean): Promise<ImportResultItem> {
  // Type and size are checked from the File object: a 200 MB file is refused without reading it.
  const problem = importPreflight(file.name, file.size);
  if (problem) return { file: file.name, status: 'skipped', reason: problem.message };
  try {
    const dataBase64 = await toBase64(file);
    const [r] = await api.call('sources.import', { files: [{ fileName: file.name, dataBase64 }], caseFromFileName });
    return r ?? { file: file.name, status: 'skipped', reason: `${file.name}: the import gave no result` };
  } catch (err) {
    const message = (err as Error).message;
    return { file: file.name, status: 'skipped', reason: message.startsWith(file.name) ? message : `${file.name}: ${message}` };
  }
}

/** Imports files one by one so the progress bar and the per-file list move as each finishes. */
export function useImportFiles() {
  const api = useApi();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const importFiles = useCallback(
    async (files: File[], caseFromFileName: boolean) => {
      let state: ImportProgress = { total: files.length, done: 0, current: files[0]?.name ?? null, results: [] };
      setProgress(state);
      for (const [i, file] of files.entries()) {
        const result = await importOne(api, file, caseFromFileName);
        state = { ...state, done: i + 1, current: files[i + 1]?.name ?? null, results: [...state.results, result] };
        setProgress(state);
      }
    },
    [api],
  );
  const clear = useCallback(() => setProgress(null), []);
  return { progress, importFiles, clear };
}
