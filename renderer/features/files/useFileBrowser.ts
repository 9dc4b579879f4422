import { useCallback, useEffect, useRef, useState } from 'react';
import type { FolderListing } from '../../../shared/domain/folderTypes.js';
import { useApi } from '../../api/ApiContext.js';

/** A file or folder inside a listed folder, with the folder's own separator. */
export function childPath(folder: string, name: string): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

export interface FileBrowserState {
  listing: FolderListing | null;
  error: string | null;
  loading: boolean;
  /** Lists another folder (absolute or `~`-relative); the last folder stays shown if it fails. */
  go(path: string): void;
}

/** The folder the browser shows, read through files.list; only the latest request's answer is kept. */
export function useFileBrowser(extensions: string[], start?: string): FileBrowserState {
  const api = useApi();
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const key = extensions.join(',');

  const go = useCallback(
    (path: string) => {
      const mine = ++seq.current;
      setLoading(true);
      api
        .call('files.list', { path, extensions: key ? key.split(',') : [] })
        .then((l) => {
          if (mine !== seq.current) return;
          setListing(l);
          setError(null);
        })
        .catch((err: unknown) => {
          if (mine === seq.current) setError((err as Error).message);
        })
        .finally(() => {
          if (mine === seq.current) setLoading(false);
        });
    },
    [api, key],
  );

  useEffect(() => go(start ?? ''), [go, start]);
  return { listing, error, loading, go };
}
