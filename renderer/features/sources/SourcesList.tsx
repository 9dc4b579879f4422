import { useRef, useState } from 'react';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useAction } from '../../hooks/useNotice.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import { useImportFiles, type ImportProgress } from './useImportFiles.js';
import { JobProgressBar } from '../jobs/JobProgressBar.js';
import type { JobHandle } from '../jobs/useJob.js';
import { ImportRecordingDialog } from '../media/ImportRecordingDialog.js';
import { useImportRecording } from '../media/useImportRecording.js';
import { BrowseButton } from '../files/BrowseButton.js';
import { SUPPORTED_EXTENSIONS } from '../../../shared/importers/importLimits.js';

const TRANSCRIPT_EXTENSIONS = SUPPORTED_EXTENSIONS.map((e) => `.${e}`);

/** The project's sources (NVivo's Files), with import. */
export function SourcesList() {
  const wb = useWorkbench();
  const sources = useApiQuery('sources.list', {});
  const fileInput = useRef<HTMLInputElement>(null);
  const { progress, importFiles, importPaths, clear, job } = useImportFiles();
  const [caseFromName, setCaseFromName] = useState(false);
  const api = useApi();
  const act = useAction();
  const [recordingOpen, setRecordingOpen] = useState(false);
  const recording = useImportRecording(wb.setSourceId);

  return (
    <section className="panel sources-panel" aria-labelledby="sources-h">
      <div className="panel-head">
        <h2 id="sources-h">Sources</h2>
        <BrowseButton
          mode="open"
          label="Import…"
          title="Import a transcript"
          tip="Import transcripts (.txt, .md, .docx, .pdf, .vtt, .srt), read from where they are"
          extensions={TRANSCRIPT_EXTENSIONS}
          kind="import-sources"
          testId="import-by-path"
          onChoose={(_, paths) => void importPaths(paths, caseFromName)}
        />
        <button type="button" onClick={() => fileInput.current?.click()} title="Send transcripts from this browser (uploads their contents)">
          Upload…
        </button>
        <button type="button" onClick={() => setRecordingOpen(true)} title="Import an audio or video recording, with its timed transcript">
          Recording…
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          accept=".txt,.md,.docx,.pdf,.vtt,.srt,text/plain"
          data-testid="import-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length) void importFiles(files, caseFromName);
          }}
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={caseFromName} onChange={(e) => setCaseFromName(e.target.checked)} /> Case from file name
      </label>
      {recordingOpen && <ImportRecordingDialog importer={recording} caseFromFileName={caseFromName} onClose={() => setRecordingOpen(false)} />}
      {progress && <ImportProgressView progress={progress} job={job} onClose={clear} />}
      {sources.data?.length === 0 && <p className="hint">No sources yet. Import interview transcripts to start coding.</p>}
      <ul className="list" role="listbox" aria-label="Sources">
        {sources.data?.map((s) => (
          <li key={s.id} role="option" aria-selected={s.id === wb.sourceId}>
            <button
              type="button"
              className={`list-item${s.id === wb.sourceId ? ' selected' : ''}`}
              onClick={() => wb.setSourceId(s.id)}
              draggable
              title="Drag onto a case in the Cases view to assign it"
              onDragStart={(e) => {
                e.dataTransfer.setData('text/x-quarry-source', String(s.id));
                e.dataTransfer.effectAllowed = 'link';
              }}
            >
              <span className="list-name">{s.name}</span>
              <span className="list-meta">
                {/* <bdi>: a case name with a bidi override cannot reorder the count after it. */}
                {s.caseName ? (
                  <>
                    <bdi>{s.caseName}</bdi> ·{' '}
                  </>
                ) : (
                  ''
                )}
                {s.codingCount} codings
              </span>
            </button>
            <button
              type="button"
              className="icon"
              title={`Delete ${s.name}`}
              aria-label={`Delete source ${s.name}`}
              onClick={() => {
                if (window.confirm(`Delete the source “${s.name}” and its ${s.codingCount} codings? You can undo this.`)) {
                  void act(() => api.call('sources.delete', { id: s.id }), `Deleted ${s.name}`);
                  if (wb.sourceId === s.id) wb.setSourceId(null);
                }
              }}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ImportProgressView({ progress, job, onClose }: { progress: ImportProgress; job: JobHandle; onClose: () => void }) {
  const pct = progress.total ? Math.round((100 * progress.done) / progress.total) : 0;
  const finished = progress.done === progress.total && !job.running;
  const imported = progress.results.filter((r) => r.status === 'imported').length;
  const skipped = progress.results.length - imported;
  return (
    <div className="import-progress" data-testid="import-progress" role="status" aria-live="polite">
      <progress max={progress.total} value={progress.done} aria-label="Import progress" />
      <span data-testid="import-summary">
        {finished
          ? (progress.cancelled ?? `Done: ${imported} imported, ${skipped} skipped`)
          : job.running
            ? 'Importing…'
            : `${progress.done} of ${progress.total} files (${pct}%)${progress.current ? ` — reading ${progress.current}` : ''}`}
      </span>
      <JobProgressBar job={job} what="Importing" />
      <ul aria-label="Import results">
        {progress.results.map((r, i) => (
          <li key={i} className={r.status === 'imported' ? 'ok' : 'bad'} data-status={r.status}>
            {r.status === 'imported' ? `✓ ${r.file} → ${r.name}` : `✗ ${r.reason}`}
            {r.warnings?.length ? <em> ({r.warnings.join('; ')})</em> : null}
          </li>
        ))}
      </ul>
      {finished && (
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      )}
    </div>
  );
}
