import { useState } from 'react';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useAction } from '../../hooks/useNotice.js';
import { RefiImportSection } from '../refi/RefiImportSection.js';
import { ApiError } from '../../api/apiClient.js';
import { BackupsDialog } from '../backups/BackupsDialog.js';
import { LockedOffer } from '../safety/LockedOffer.js';
import { CleanedCopyOffer } from '../safety/CleanedCopyOffer.js';
import { useCleanedCopyOffer } from '../safety/useCleanedCopyOffer.js';
import { FileBrowserDialog } from '../files/FileBrowserDialog.js';

/** The first screen: new, open, recent projects, and the demo study. */
export function StartScreen() {
  const api = useApi();
  const act = useAction();
  const info = useApiQuery('app.info', {});
  const [newPath, setNewPath] = useState('');
  const [openPath, setOpenPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [locked, setLocked] = useState<{ path: string; message: string } | null>(null);
  const [restoring, setRestoring] = useState(false);
  const untrusted = useCleanedCopyOffer();
  // Browser mode's own file dialog (the desktop app uses the system's).
  const [browsing, setBrowsing] = useState<'open' | 'new' | null>(null);
  const app = info.data;
  const firstLaunch = app !== undefined && app.recent.length === 0;
  const bridge = window.quarry;

  const openDemo = async () => {
    setBusy(true);
    await act(() => api.call('project.openDemo', {}));
    setBusy(false);
  };
  const create = async (path: string) => {
    if (path.trim()) await act(() => api.call('project.create', { path: path.trim() }));
  };
  const open = async (path: string) => {
    if (!path.trim()) return;
    setLocked(null);
    untrusted.dismiss();
    try {
      await api.call('project.open', { path: path.trim() });
    } catch (err) {
      // Open in another Quarry: say who has it, and offer read-only.
      // (The desktop shell has already offered it in a native dialog.)
      if (err instanceof ApiError && err.code === 'locked' && !window.quarry) setLocked({ path: path.trim(), message: err.message });
      else if (!untrusted.offerFor(err, path.trim())) await act(() => Promise.reject(err));
    }
  };
  const openReadOnly = async () => {
    if (!locked) return;
    const { path } = locked;
    setLocked(null);
    await act(() => api.call('project.open', { path, readOnly: true }));
  };
  const pick = async (kind: 'open-project' | 'save-project') => {
    const paths = await bridge?.pickFile(kind);
    if (paths?.[0]) await (kind === 'open-project' ? open(paths[0]) : create(paths[0]));
  };

  return (
    <main className="start">
      <header className="start-header">
        <h1>Quarry</h1>
        <p>Qualitative data analysis for interview studies: code transcripts, compare cases, export tables.</p>
      </header>
      {firstLaunch && (
        <section className="start-demo start-demo-prominent" aria-label="Demo study">
          <h2>New to Quarry? Start with the demo study</h2>
          <p>
            Fourteen interviews from a study of regional ICT cluster meetings — five intermediaries and nine entrepreneurs — already
            imported, classified and coded, so you can see every feature at work.
          </p>
          <button type="button" className="primary" disabled={busy} onClick={openDemo}>
            {busy ? 'Building the demo study…' : 'Open the demo study'}
          </button>
        </section>
      )}
      <div className="start-grid">
        <section aria-labelledby="new-h">
          <h2 id="new-h">New project</h2>
          {bridge ? (
            <button type="button" onClick={() => pick('save-project')}>
              New project…
            </button>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void create(newPath);
              }}
            >
              <label htmlFor="new-path">Name or full path of the new project</label>
              <input id="new-path" value={newPath} placeholder="My study" onChange={(e) => setNewPath(e.target.value)} />
              <div className="start-buttons">
                <button type="submit">Create project</button>
                <button type="button" onClick={() => setBrowsing('new')}>
                  Choose folder…
                </button>
              </div>
              {app && <p className="hint">A bare name is saved in {app.projectsDir}</p>}
            </form>
          )}
        </section>
        <section aria-labelledby="open-h">
          <h2 id="open-h">Open project</h2>
          {bridge ? (
            <button type="button" onClick={() => pick('open-project')}>
              Open project…
            </button>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void open(openPath);
              }}
            >
              <label htmlFor="open-path">Path of a .quarry file</label>
              <input id="open-path" value={openPath} placeholder="/home/me/study.quarry" onChange={(e) => setOpenPath(e.target.value)} />
              <div className="start-buttons">
                <button type="submit">Open</button>
                <button type="button" onClick={() => setBrowsing('open')}>
                  Browse…
                </button>
              </div>
            </form>
          )}
        </section>
        <section aria-labelledby="recent-h">
          <h2 id="recent-h">Recent projects</h2>
          {app && app.recent.length === 0 && <p className="hint">Projects you open appear here.</p>}
          <ul className="recent-list">
            {app?.recent.map((r) => (
              <li key={r.path}>
                <button type="button" className="link" disabled={!r.exists} title={r.path} onClick={() => open(r.path)}>
                  {r.name}
                </button>
                <span className="hint">{r.exists ? new Date(r.openedAt).toLocaleString() : 'missing'}</span>
              </li>
            ))}
          </ul>
          {!firstLaunch && (
            <button type="button" className="link" disabled={busy} onClick={openDemo}>
              {busy ? 'Building the demo study…' : 'Open the demo study'}
            </button>
          )}
        </section>
      </div>
      {locked && <LockedOffer message={locked.message} onReadOnly={() => void openReadOnly()} onDismiss={() => setLocked(null)} />}
      {untrusted.offer && (
        <CleanedCopyOffer message={untrusted.offer.message} onCleanedCopy={() => void untrusted.openCleanedCopy()} onDismiss={untrusted.dismiss} />
      )}
      <section aria-labelledby="restore-h" className="start-restore">
        <h2 id="restore-h">Backups</h2>
        <p className="hint">Quarry backs up every project it opens. A backup opens as a new copy; the original file is never overwritten.</p>
        <button type="button" onClick={() => setRestoring(true)}>
          Restore from backup…
        </button>
      </section>
      <RefiImportSection />
      {browsing && (
        <FileBrowserDialog
          title={browsing === 'open' ? 'Open project' : 'New project'}
          mode={browsing === 'open' ? 'open' : 'save'}
          extensions={['.quarry']}
          suggestedName={newPath.trim() || 'My study'}
          onClose={() => setBrowsing(null)}
          onChoose={(path) => {
            setBrowsing(null);
            void (browsing === 'open' ? open(path) : create(path));
          }}
        />
      )}
      {restoring && <BackupsDialog recent={app?.recent ?? []} onClose={() => setRestoring(false)} />}
    </main>
  );
}
