import { useCallback, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { SourceFolder, SourceSummary } from '../../../shared/domain/types.js';
import type { DropImport } from '../../api/dropImport.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useContextMenuTrigger } from '../contextmenu/ContextMenuProvider.js';
import { JobProgressBar } from '../jobs/JobProgressBar.js';
import type { JobHandle } from '../jobs/useJob.js';
import { ImportRecordingDialog } from '../media/ImportRecordingDialog.js';
import { useImportRecording } from '../media/useImportRecording.js';
import { RenameBox } from '../workbench/RenameBox.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import { AssignCaseDialog } from './AssignCaseDialog.js';
import { MoveToFolderDialog } from './MoveToFolderDialog.js';
import { groupSources, SORT_LABELS, type SourceSort } from './sourceListModel.js';
import { SOURCE_DRAG_TYPE, SourceRow } from './SourceRow.js';
import { useFileDrop } from './useFileDrop.js';
import { useImportFiles, type ImportProgress } from './useImportFiles.js';
import { useSourceActions } from './useSourceActions.js';
import { useSourceMenu } from './useSourceMenu.js';
import './sources.css';
import { BrowseButton } from '../files/BrowseButton.js';
import { ItemSets } from '../sets/ItemSets.js';
import { SUPPORTED_EXTENSIONS } from '../../../shared/importers/importLimits.js';

const TRANSCRIPT_EXTENSIONS = SUPPORTED_EXTENSIONS.map((e) => `.${e}`);

/** The project's sources (NVivo's Files) as a file manager shows them: folders, type icons, sorting, rename, import by dropping files. */
export function SourcesList() {
  const wb = useWorkbench();
  const sources = useApiQuery('sources.list', {});
  const folderQuery = useApiQuery('sources.folders', {});
  const folders = useMemo(() => folderQuery.data ?? [], [folderQuery.data]);
  const fileInput = useRef<HTMLInputElement>(null);
  const { progress, importFiles, importPaths, clear, job } = useImportFiles();
  const [caseFromName, setCaseFromName] = useState(false);
  const [recordingOpen, setRecordingOpen] = useState(false);
  const recording = useImportRecording(wb.setSourceId);
  const actions = useSourceActions();
  const [sort, setSort] = useState<SourceSort>('name');
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  /** "s12" renames source 12, "f3" folder 3. */
  const [renaming, setRenaming] = useState<string | null>(null);
  const [newFolder, setNewFolder] = useState<string | null>(null);
  const [moving, setMoving] = useState<SourceSummary | null>(null);
  const [assigning, setAssigning] = useState<SourceSummary | null>(null);
  const [addingToSet, setAddingToSet] = useState<SourceSummary | null>(null);
  const [dropFolder, setDropFolder] = useState<number | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const dropping = useFileDrop(
    useCallback((drop: DropImport) => void (drop.kind === 'paths' ? importPaths(drop.paths, caseFromName) : importFiles(drop.files, caseFromName)), [importFiles, importPaths, caseFromName]),
  );
  const groups = useMemo(() => groupSources(sources.data ?? [], folders, sort), [sources.data, folders, sort]);

  const ui = useMemo(() => ({ actions, startRename: setRenaming, pickFolder: setMoving, pickCase: setAssigning, pickSet: setAddingToSet }), [actions]);
  const sourceName = useMemo(() => new Map((sources.data ?? []).map((s) => [s.id, s.name])), [sources.data]);
  const { sourceMenu, folderMenu } = useSourceMenu(ui);
  const target = useRef<{ source?: SourceSummary; folder?: SourceFolder }>({});
  const menu = useContextMenuTrigger(
    useCallback(() => (target.current.source ? sourceMenu(target.current.source) : target.current.folder ? folderMenu(target.current.folder) : null), [sourceMenu, folderMenu]),
  );

  const focusRow = (key: string) =>
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(key.startsWith('s') ? `[data-source-id="${key.slice(1)}"] .list-item` : `[data-folder-id="${key.slice(1)}"] .folder-head`)?.focus());

  const finishRename = async (key: string, name: string | null) => {
    setRenaming(null);
    if (name !== null) await (key.startsWith('s') ? actions.rename(Number(key.slice(1)), name) : actions.renameFolder(Number(key.slice(1)), name));
    focusRow(key);
  };

  const rowKeys = (e: KeyboardEvent<HTMLElement>, s: SourceSummary) => {
    target.current = { source: s };
    menu.onKeyDown(e);
    if (e.defaultPrevented) return;
    if (e.key === 'F2') setRenaming(`s${s.id}`);
    else if (e.key === 'Delete') actions.remove(s);
    else return;
    e.preventDefault();
  };

  const renderSource = (s: SourceSummary) => (
    <SourceRow
      key={s.id}
      source={s}
      selected={s.id === wb.sourceId}
      renaming={renaming === `s${s.id}`}
      onOpen={() => wb.setSourceId(s.id)}
      onRename={(name) => void finishRename(`s${s.id}`, name)}
      onKeyDown={(e) => rowKeys(e, s)}
      onContextMenu={(e) => {
        target.current = { source: s };
        menu.onContextMenu(e);
      }}
      onDelete={() => actions.remove(s)}
    />
  );

  const toggle = (id: number) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <section className={`panel sources-panel${dropping ? ' drop-files' : ''}`} aria-labelledby="sources-h">
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
        <button type="button" onClick={() => fileInput.current?.click()} title="Send transcripts from this browser (uploads their contents), or drop files and folders on the window">
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
      <div className="sources-options">
        <label className="check">
          <input type="checkbox" checked={caseFromName} onChange={(e) => setCaseFromName(e.target.checked)} /> Case from file name
        </label>
        <button type="button" className="small" onClick={() => setNewFolder('')} title="A folder to group sources in">
          New folder
        </button>
        <label className="sources-sort">
          Sort by{' '}
          <select aria-label="Sort sources by" value={sort} onChange={(e) => setSort(e.target.value as SourceSort)}>
            {(Object.keys(SORT_LABELS) as SourceSort[]).map((k) => (
              <option key={k} value={k}>
                {SORT_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {newFolder !== null && (
        <form
          className="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if ((await actions.createFolder(newFolder)) !== undefined) setNewFolder(null);
          }}
        >
          <input
            autoFocus
            aria-label="New folder name"
            placeholder="Folder name (Enter)"
            value={newFolder}
            onChange={(e) => setNewFolder(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setNewFolder(null)}
          />
          <button type="submit">Create</button>
        </form>
      )}
      {recordingOpen && <ImportRecordingDialog importer={recording} caseFromFileName={caseFromName} onClose={() => setRecordingOpen(false)} />}
      {progress && <ImportProgressView progress={progress} job={job} onClose={clear} />}
      {dropping && (
        <p className="drop-hint" role="status">
          Drop files or folders to import them
        </p>
      )}
      {sources.data?.length === 0 && folders.length === 0 && <p className="hint">No sources yet. Import interview transcripts, or drop files here, to start coding.</p>}
      <ul className="list" role="listbox" aria-label="Sources" ref={listRef}>
        {groups.map((g) =>
          g.folder === null ? (
            g.sources.map(renderSource)
          ) : (
            <li key={`f${g.folder.id}`} role="group" aria-label={`Folder ${g.folder.name}`} className="source-folder" data-folder-id={g.folder.id}>
              <FolderHead
                folder={g.folder}
                open={!collapsed.has(g.folder.id)}
                renaming={renaming === `f${g.folder.id}`}
                dropTarget={dropFolder === g.folder.id}
                onToggle={() => toggle(g.folder!.id)}
                onRename={(name) => void finishRename(`f${g.folder!.id}`, name)}
                onKeyDown={(e) => {
                  target.current = { folder: g.folder! };
                  menu.onKeyDown(e);
                  if (!e.defaultPrevented && e.key === 'F2') {
                    e.preventDefault();
                    setRenaming(`f${g.folder!.id}`);
                  }
                }}
                onContextMenu={(e) => {
                  target.current = { folder: g.folder! };
                  menu.onContextMenu(e);
                }}
                onDragOver={(e) => {
                  if (!e.dataTransfer.types.includes(SOURCE_DRAG_TYPE)) return;
                  e.preventDefault();
                  e.dataTransfer.dropEffect = 'move';
                  setDropFolder(g.folder!.id);
                }}
                onDragLeave={() => setDropFolder(null)}
                onDrop={(e) => {
                  const id = Number(e.dataTransfer.getData(SOURCE_DRAG_TYPE));
                  setDropFolder(null);
                  if (!id) return;
                  e.preventDefault();
                  void actions.move([id], g.folder!.id, g.folder!.name);
                }}
              />
              {!collapsed.has(g.folder.id) && (
                <ul className="list folder-list" role="none">
                  {g.sources.map(renderSource)}
                  {g.sources.length === 0 && (
                    <li role="none" className="hint folder-empty">
                      Empty — drag sources here
                    </li>
                  )}
                </ul>
              )}
            </li>
          ),
        )}
      </ul>
      {moving && <MoveToFolderDialog source={moving} folders={folders} actions={actions} onClose={() => setMoving(null)} />}
      {assigning && <AssignCaseDialog source={assigning} actions={actions} onClose={() => setAssigning(null)} />}
      <ItemSets
        kind="sources"
        adding={addingToSet && { id: addingToSet.id, what: `the source ${addingToSet.name}` }}
        onDoneAdding={() => setAddingToSet(null)}
        nameOf={(id) => sourceName.get(id)}
        onOpenMember={wb.setSourceId}
      />
    </section>
  );
}

interface FolderHeadProps {
  folder: SourceFolder;
  open: boolean;
  renaming: boolean;
  dropTarget: boolean;
  onToggle(): void;
  onRename(name: string | null): void;
  onKeyDown(e: KeyboardEvent<HTMLElement>): void;
  onContextMenu(e: MouseEvent<HTMLElement>): void;
  onDragOver(e: DragEvent<HTMLElement>): void;
  onDragLeave(): void;
  onDrop(e: DragEvent<HTMLElement>): void;
}

function FolderHead({ folder, open, renaming, dropTarget, onToggle, onRename, onKeyDown, onContextMenu, onDragOver, onDragLeave, onDrop }: FolderHeadProps) {
  if (renaming)
    return (
      <span className="folder-head renaming">
        <span className="type-icon type-folder" aria-hidden="true" />
        <RenameBox name={folder.name} onDone={onRename} />
      </span>
    );
  return (
    <button
      type="button"
      className={`folder-head${dropTarget ? ' drop-target' : ''}`}
      aria-expanded={open}
      onClick={onToggle}
      onKeyDown={onKeyDown}
      onContextMenu={onContextMenu}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      title="Click to open or close · F2 renames · drop a source here to move it in"
    >
      <span className="twisty" aria-hidden="true">
        {open ? '▾' : '▸'}
      </span>
      <span className="type-icon type-folder" aria-hidden="true" />
      <span className="list-name">{folder.name}</span>
      <span className="list-meta">{folder.sourceCount}</span>
    </button>
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
