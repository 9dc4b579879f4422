import { useState } from 'react';
import type { RecentProject } from '../../../shared/api/methods/projectMethods.js';
import { Modal } from '../workbench/Modal.js';
import { backupSize, backupTime, countsText } from './backupFormat.js';
import { BackupSettingsForm } from './BackupSettingsForm.js';
import { useBackups } from './useBackups.js';
import './backups.css';
import { BrowseButton } from '../files/BrowseButton.js';

interface Props {
  onClose(): void;
  /** The open project's path; absent on the start screen, where the user picks a project. */
  openProjectPath?: string;
  recent?: RecentProject[];
}

/**
 * "Restore from backup…": the backups of a project with their time, size
 * and what they hold; restoring one opens it as a NEW project file beside
 * the original, which is never overwritten.
 */
export function BackupsDialog({ onClose, openProjectPath, recent = [] }: Props) {
  const [chosen, setChosen] = useState<string>(openProjectPath ?? recent.find((r) => r.exists)?.path ?? '');
  const [typed, setTyped] = useState('');
  const projectPath = openProjectPath ? null : chosen || null;
  const b = useBackups(projectPath, Boolean(openProjectPath));
  const backups = b.list?.backups ?? [];

  const restore = async (path: string) => {
    if (await b.restore(path)) onClose();
  };

  return (
    <Modal title="Restore from backup" onClose={onClose} className="backups-dialog">
      {!openProjectPath && (
        <form
          className="backups-project"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim()) setChosen(typed.trim());
          }}
        >
          <label>
            Project{' '}
            <select value={chosen} onChange={(e) => setChosen(e.target.value)} aria-label="Project whose backups to show">
              {recent.length === 0 && <option value="">(no recent projects)</option>}
              {recent.map((r) => (
                <option key={r.path} value={r.path}>
                  {r.name}
                  {r.exists ? '' : ' (file missing)'}
                </option>
              ))}
              {chosen && !recent.some((r) => r.path === chosen) && <option value={chosen}>{chosen}</option>}
            </select>
          </label>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="or the path of a .quarry file" aria-label="Path of a project" />
          <button type="submit" disabled={!typed.trim()}>
            Show
          </button>
          <BrowseButton label="Browse…" title="Project whose backups to show" mode="open" onChoose={setChosen} />
        </form>
      )}
      {b.list && (
        <p className="hint">
          Backups of <strong>{b.list.projectName}</strong> are kept in <code>{b.list.folder}</code>: taken when the project is opened and at most
          every hour while it changes; the last {b.list.settings.keep} are kept, plus one per day for a week.
        </p>
      )}
      {b.listError && <p className="backups-problem">{b.listError}</p>}
      {b.error && (
        <p className="backups-problem" role="alert">
          {b.error}
        </p>
      )}
      {b.list && backups.length === 0 && <p className="hint">No backups yet.</p>}
      {backups.length > 0 && (
        <table className="backups-table" aria-label="Backups">
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Size</th>
              <th scope="col">Holds</th>
              <th scope="col">
                <span className="visually-hidden">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((bk) => (
              <tr key={bk.path} title={bk.path}>
                <td>{backupTime(bk.createdAt)}</td>
                <td>{backupSize(bk.bytes)}</td>
                <td>{bk.problem ?? countsText(bk.counts)}</td>
                <td>
                  <button type="button" disabled={Boolean(bk.problem) || b.busy !== null} onClick={() => void restore(bk.path)} aria-label={`Restore the backup of ${backupTime(bk.createdAt)} as a copy`}>
                    Restore as copy
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">Restoring opens the backup as a new project file beside the original (“… (restored …).quarry”); the current file is not changed.</p>
      {openProjectPath && b.list && (
        <BackupSettingsForm settings={b.list.settings} onSave={b.saveSettings} busy={b.busy === 'settings'} {...(b.chooseFolder ? { onChooseFolder: b.chooseFolder } : {})} />
      )}
      <div className="modal-actions">
        {openProjectPath && (
          <button type="button" onClick={() => void b.backUpNow()} disabled={b.busy !== null}>
            {b.busy === 'backup' ? 'Backing up…' : 'Back up now'}
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
