import { useCallback, useEffect, useRef, useState } from 'react';
import type { BackupSettings } from '../../../shared/backup/backupTypes.js';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useNotice } from '../../hooks/useNotice.js';

/**
 * The backups of one project (the open one, or one chosen on the start
 * screen), backing up now, restoring one as a copy, and the settings.
 */
export function useBackups(projectPath: string | null, projectOpen: boolean) {
  const api = useApi();
  const { notify } = useNotice();
  const enabled = projectOpen || Boolean(projectPath);
  const list = useApiQuery('backups.list', projectPath ? { path: projectPath } : {}, { enabled });
  const status = useApiQuery('backups.status', {}, { enabled: projectOpen });
  useRefreshWhileRunning(status.data?.running === true, status.reload, list.reload);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const attempt = useCallback(async <T,>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(what);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError((err as Error).message);
      return undefined;
    } finally {
      setBusy(null);
    }
  }, []);

  const backUpNow = useCallback(async () => {
    const made = await attempt('backup', () => api.call('backups.create', {}));
    if (made) notify(`Backed up: ${made.fileName}`);
  }, [api, attempt, notify]);

  const restore = useCallback(
    async (backupPath: string) => {
      const r = await attempt('restore', () => api.call('backups.restore', { backupPath, ...(projectPath ? { projectPath } : {}) }));
      if (r) notify(`Opened the backup as a new project: ${r.restored.path}`);
      return r;
    },
    [api, attempt, notify, projectPath],
  );

  const saveSettings = useCallback(
    async (change: Partial<BackupSettings>) => {
      await attempt('settings', () => api.call('backups.setSettings', change));
    },
    [api, attempt],
  );

  // In the desktop app a backup folder must come from the folder dialog (the shell refuses typed paths).
  const bridge = window.quarry;
  const chooseFolder = bridge ? async () => (await bridge.pickFile('choose-folder'))?.[0] ?? null : undefined;

  return { list: list.data, listError: list.error, loading: list.loading, status: status.data, busy, error, backUpNow, restore, saveSettings, chooseFolder };
}

/** How often a running backup is asked about: it finishes in seconds, and the list should show it when it does. */
const RUNNING_POLL_MS = 500;

/**
 * A backup made in the background (the first change, the hourly one) is not a change the cache hears of:
 * while one runs its status is asked again, and the list is read again when it is done.
 */
function useRefreshWhileRunning(running: boolean, reloadStatus: () => void, reloadList: () => void): void {
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) reloadList();
    wasRunning.current = running;
    if (!running) return;
    const timer = setInterval(reloadStatus, RUNNING_POLL_MS);
    return () => clearInterval(timer);
  }, [running, reloadStatus, reloadList]);
}
