import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isCancelled, useJob } from '../jobs/useJob.js';
import { suggestedFileName } from '../../../shared/exporters/exportFileName.js';
import type { ExportModel } from '../../../shared/exporters/exportModels.js';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useNotice } from '../../hooks/useNotice.js';
import { downloadBase64 } from './exportDownload.js';
import { INITIAL_DRAFT, toRequest, withKind, type ExportDraft } from './exportRequestDraft.js';

/** Where a running export is: each step moves the progress bar on. */
export type ExportPhase = 'idle' | 'reading' | 'writing' | 'saving' | 'done';

export const PHASE_STEPS: Record<ExportPhase, { value: number; label: string }> = {
  idle: { value: 0, label: '' },
  reading: { value: 1, label: 'Reading the project…' },
  writing: { value: 2, label: 'Writing the document…' },
  saving: { value: 3, label: 'Saving…' },
  done: { value: 4, label: 'Saved.' },
};

const PREVIEW_DELAY = 250;

/**
 * The export dialog's state: the form, a preview that follows it (debounced,
 * the latest answer wins), and the export itself — a download in the
 * browser, the shell's save dialog then an atomic write on the desktop.
 */
export function useExportDialog(initial?: Partial<ExportDraft>) {
  const api = useApi();
  const { notify } = useNotice();
  const choices = useApiQuery('export.choices', {});
  const [draft, setDraft] = useState<ExportDraft>(() => (initial ? { ...INITIAL_DRAFT, ...initial } : INITIAL_DRAFT));
  const [preview, setPreview] = useState<ExportModel | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [phase, setPhase] = useState<ExportPhase>('idle');
  const [savedAs, setSavedAs] = useState<string | null>(null);
  const seq = useRef(0);

  // Sensible defaults once the project's choices are known.
  const c = choices.data;
  useEffect(() => {
    if (!c) return;
    setDraft((d) => ({
      ...d,
      framework: d.framework || c.frameworks[0]?.name || '',
      groupBy: d.groupBy || (c.attributes.find((a) => a.name.toLowerCase() === 'group')?.name ?? ''),
      labelTemplate: d.labelTemplate || c.defaultLabelTemplate,
      kind: c.frameworks.length > 0 && d === INITIAL_DRAFT ? 'framework' : d.kind,
    }));
  }, [c]);

  const built = useMemo(() => toRequest(draft), [draft]);
  const request = 'request' in built ? built.request : null;
  const requestKey = request ? JSON.stringify(request) : null;
  const missing = 'missing' in built ? built.missing : null;

  useEffect(() => {
    if (!requestKey) {
      setPreview(null);
      setPreviewError(missing);
      return;
    }
    const mine = ++seq.current;
    setPreviewing(true);
    const timer = setTimeout(() => {
      api.call('export.preview', { request: JSON.parse(requestKey) }).then(
        (model) => {
          if (mine !== seq.current) return;
          setPreview(model);
          setPreviewError(null);
          setPreviewing(false);
        },
        (err: Error) => {
          if (mine !== seq.current) return;
          setPreview(null);
          setPreviewError(err.message);
          setPreviewing(false);
        },
      );
    }, PREVIEW_DELAY);
    return () => clearTimeout(timer);
  }, [api, requestKey, missing]);

  const update = useCallback((patch: Partial<ExportDraft>) => {
    setSavedAs(null);
    setPhase('idle');
    setDraft((d) => (patch.kind && patch.kind !== d.kind ? { ...withKind(d, patch.kind), ...patch, kind: patch.kind } : { ...d, ...patch }));
  }, []);

  const job = useJob();
  const run = useCallback(async () => {
    if (!request) return;
    const bridge = window.quarry;
    try {
      setSavedAs(null);
      setPhase('reading');
      const model = preview ?? (await api.call('export.preview', { request }));
      if (bridge) {
        const picked = await bridge.pickFile('save-export', suggestedFileName(model, request.format));
        if (!picked?.[0]) {
          setPhase('idle');
          return;
        }
        setPhase('writing');
        const saved = await job.run((jobId) => api.call('export.save', { request, path: picked[0]!, jobId }));
        setPhase('done');
        setSavedAs(saved.path);
        notify(`Exported to ${saved.path}`);
      } else {
        setPhase('writing');
        const file = await job.run((jobId) => api.call('export.file', { request, jobId }));
        setPhase('saving');
        downloadBase64(file.fileName, file.dataBase64, file.mimeType);
        setPhase('done');
        setSavedAs(file.fileName);
      }
    } catch (err) {
      setPhase('idle');
      if (isCancelled(err)) notify('Export cancelled; no file was written.');
      else notify((err as Error).message, 'error');
    }
  }, [api, job, notify, preview, request]);

  return {
    choices: c,
    choicesError: choices.error,
    draft,
    update,
    preview,
    previewError,
    previewing,
    canExport: request !== null && phase !== 'reading' && phase !== 'writing' && phase !== 'saving',
    run,
    phase,
    savedAs,
    job,
  };
}

export type ExportDialogState = ReturnType<typeof useExportDialog>;
