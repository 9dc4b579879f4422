import { useState } from 'react';
import type { BackupSettings } from '../../../shared/backup/backupTypes.js';
import { MAX_BACKUP_KEEP, MIN_BACKUP_KEEP } from '../../../shared/backup/backupTypes.js';

/** How many backups to keep and where (beside the project, or a chosen folder). */
export function BackupSettingsForm({
  settings,
  onSave,
  busy,
  onChooseFolder,
}: {
  settings: BackupSettings;
  onSave(s: Partial<BackupSettings>): Promise<void>;
  busy: boolean;
  /** The desktop app's folder dialog (it only accepts folders chosen there); absent in the browser. */
  onChooseFolder?: () => Promise<string | null>;
}) {
  const [keep, setKeep] = useState(String(settings.keep));
  const [folder, setFolder] = useState(settings.folder ?? '');
  const [enabled, setEnabled] = useState(settings.enabled);
  const n = Number(keep);
  const valid = Number.isInteger(n) && n >= MIN_BACKUP_KEEP && n <= MAX_BACKUP_KEEP;
  return (
    <form
      className="backups-settings"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void onSave({ enabled, keep: n, folder: folder.trim() || null });
      }}
    >
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Back up automatically
      </label>
      <label>
        Keep the last{' '}
        <input type="number" min={MIN_BACKUP_KEEP} max={MAX_BACKUP_KEEP} value={keep} onChange={(e) => setKeep(e.target.value)} aria-label="Backups to keep" /> backups
      </label>
      <label>
        Folder <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="beside the project" aria-label="Backup folder" />
      </label>
      {onChooseFolder && (
        <button type="button" onClick={() => void onChooseFolder().then((chosen) => chosen !== null && setFolder(chosen))}>
          Choose…
        </button>
      )}
      <button type="submit" disabled={!valid || busy}>
        Save settings
      </button>
    </form>
  );
}
