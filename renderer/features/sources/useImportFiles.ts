import { useCallback, useState } from 'react';
import type { ImportResultItem } from '../../../shared/domain/types.js';
import { importPreflight } from '../../../shared/importers/importLimits.js';
import { useApi } from '../../api/ApiContext.js';
import { fileToBase64 } from '../../api/fileTransfer.js';
import { isCancelled, useJob } from '../jobs/useJob.js';

export interface ImportProgress {
  total: number;
  done: number;
  /** The file being read or sent now, while the batch runs. */
  current: string | null;
  results: ImportResultItem[];
  /** Set when the user cancelled: what that left. */
  cancelled?: string;
}

/** Base64 sent in one call: a batch larger than this goes in several calls (each one undo step). */
const CALL_LIMIT = 48 * 1024 * 1024;


interface Prepared {
  index: number;
  fileName: string;
  dataBase64: string;
}

function inCalls(files: Prepared[]): Prepared[][] {
  const calls: Prepared[][] = [];
  let size = Infinity;
  for (const f of files) {
    if (size + f.dataBase64.length > CALL_LIMIT) {
      calls.push([]);
      size = 0;
    }
    calls[calls.length - 1]!.push(f);
    size += f.dataBase64.length;
  }
  return calls;
}

/**
 * Imports a batch of files as one job (progress from the core, Cancel rolls
 * the whole batch back). Files are checked for type and size from the File
 * object first, so a 200 MB file is refused without being read.
 */
export function useImportFiles() {
  const api = useApi();
  const job = useJob();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const importFiles = useCallback(
    async (files: File[], caseFromFileName: boolean) => {
      const results: (ImportResultItem | undefined)[] = new Array(files.length);
      const show = (patch: Partial<ImportProgress>) =>
        setProgress((p) => ({ total: files.length, done: 0, current: null, results: [], ...p, ...patch }));
      setProgress({ total: files.length, done: 0, current: files[0]?.name ?? null, results: [] });
      const prepared: Prepared[] = [];
      for (const [i, file] of files.entries()) {
        const problem = importPreflight(file.name, file.size);
        if (problem) {
          results[i] = { file: file.name, status: 'skipped', reason: problem.message };
          continue;
        }
        show({ current: file.name });
        try {
          prepared.push({ index: i, fileName: file.name, dataBase64: await fileToBase64(file) });
        } catch {
          results[i] = { file: file.name, status: 'skipped', reason: `${file.name}: the file could not be read` };
        }
      }
      let cancelled: string | undefined;
      let importedBefore = 0;
      for (const call of inCalls(prepared)) {
        try {
          const got = await job.run((jobId) => api.call('sources.import', { files: call.map(({ fileName, dataBase64 }) => ({ fileName, dataBase64 })), caseFromFileName, jobId }));
          call.forEach((f, k) => (results[f.index] = got[k] ?? { file: f.fileName, status: 'skipped', reason: `${f.fileName}: the import gave no result` }));
          importedBefore += got.filter((r) => r.status === 'imported').length;
        } catch (err) {
          const reason = (f: Prepared) => (isCancelled(err) ? `${f.fileName}: not imported (cancelled)` : `${f.fileName}: ${(err as Error).message}`);
          call.forEach((f) => (results[f.index] = { file: f.fileName, status: 'skipped', reason: reason(f) }));
          if (isCancelled(err)) {
            cancelled = importedBefore === 0 ? 'Cancelled: nothing was imported.' : `Cancelled: ${importedBefore} files imported before the cancel stay (Undo removes them).`;
            break;
          }
        }
      }
      const done = files.map((f, i) => results[i] ?? { file: f.name, status: 'skipped' as const, reason: `${f.name}: not imported (cancelled)` });
      setProgress({ total: files.length, done: files.length, current: null, results: done, ...(cancelled ? { cancelled } : {}) });
    },
    [api, job],
  );
  /** Files picked by path (a file dialog): the core reads them from disk, as one job and one undo step. */
  const importPaths = useCallback(
    async (paths: string[], caseFromFileName: boolean) => {
      const nameOf = (p: string) => p.split(/[\\/]/).pop() ?? p;
      setProgress({ total: paths.length, done: 0, current: nameOf(paths[0] ?? ''), results: [] });
      let results: ImportResultItem[];
      let cancelled: string | undefined;
      try {
        results = await job.run((jobId) => api.call('sources.import', { files: paths.map((filePath) => ({ filePath })), caseFromFileName, jobId }));
      } catch (err) {
        if (isCancelled(err)) cancelled = 'Cancelled: nothing was imported.';
        results = paths.map((p) => ({ file: nameOf(p), status: 'skipped', reason: cancelled ? `${nameOf(p)}: not imported (cancelled)` : `${nameOf(p)}: ${(err as Error).message}` }));
      }
      setProgress({ total: paths.length, done: paths.length, current: null, results, ...(cancelled ? { cancelled } : {}) });
    },
    [api, job],
  );
  const clear = useCallback(() => setProgress(null), []);
  return { progress, importFiles, importPaths, clear, job };
}
