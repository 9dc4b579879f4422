/**
 * Detects a project file changed underneath Quarry — by another program
 * writing to it with SQLite, by a sync client (Dropbox, OneDrive…)
 * replacing it with another version, or by anything rewriting its bytes —
 * so that Quarry refuses to write instead of overwriting those changes.
 *
 * The file's identity (device and inode, size, modification time) and
 * SQLite's data_version (which moves when another connection commits) are
 * recorded when the project is opened and after each of Quarry's own
 * writes, and compared before the next write. Once a change is seen the
 * project stays refused for writing until it is reopened or saved as a copy.
 */
import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { QuarryError } from '../errors.js';

export interface DiskIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  dataVersion: number;
}

export type DiskChange = 'missing' | 'replaced' | 'modified' | 'written';

function identityOf(path: string, db: Database.Database): DiskIdentity | null {
  try {
    const st = statSync(path, { bigint: false });
    return { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, dataVersion: db.pragma('data_version', { simple: true }) as number };
  } catch {
    return null;
  }
}

export function describeDiskChange(path: string, change: DiskChange): string {
  const name = basename(path);
  const what = {
    missing: `${name} was moved or deleted outside Quarry`,
    replaced: `${name} was replaced by another copy of the file (a sync client such as Dropbox or OneDrive may have put its own version there)`,
    modified: `${name} was changed on disk by another program since Quarry opened it`,
    written: `${name} was changed by another program writing to the project since Quarry opened it`,
  }[change];
  return `${what}. To avoid overwriting those changes, Quarry will not save to it: reopen the project to work with the file as it is now, or save what Quarry shows as a copy.`;
}

export class DiskGuard {
  private known: DiskIdentity | null;
  private seen: DiskChange | null = null;
  /** Quarry's own checkpoints under way off the main thread (db/largeCommit.ts): they change the file's size and time. */
  private ownCheckpoints = 0;
  /** Quarry's own writes under way on another connection (a merge writer thread): they move data_version too. */
  private ownWriters = 0;

  constructor(
    private readonly path: string,
    private readonly db: Database.Database,
  ) {
    this.known = identityOf(path, db);
  }

  /** The change seen so far, if any (sticky until the project is reopened). */
  get change(): DiskChange | null {
    return this.seen;
  }

  /** Compares the file with what was recorded; remembers and returns a change. */
  probe(): DiskChange | null {
    if (this.seen) return this.seen;
    const now = identityOf(this.path, this.db);
    const known = this.known;
    if (!known) return null;
    let change: DiskChange | null = null;
    if (!now) change = 'missing';
    else if (now.dev !== known.dev || now.ino !== known.ino) change = 'replaced';
    else if (this.ownWriters === 0 && now.dataVersion !== known.dataVersion) change = 'written';
    // While Quarry's own checkpoint writes the file, its size and time move; another program's write still moves data_version or the inode.
    else if (this.ownCheckpoints + this.ownWriters === 0 && (now.size !== known.size || now.mtimeMs !== known.mtimeMs)) change = 'modified';
    this.seen = change;
    return change;
  }

  /** Before a write: throws when the file changed underneath Quarry. */
  check(): void {
    const change = this.probe();
    if (change) throw new QuarryError('changed_on_disk', describeDiskChange(this.path, change), { change, path: this.path });
  }

  /** After Quarry's own write: the file as it now is becomes the reference. */
  record(): void {
    if (this.seen) return;
    this.known = identityOf(this.path, this.db) ?? this.known;
  }

  /**
   * Quarry's own checkpoint from another connection (a worker thread): a change
   * seen before it starts still counts; while it runs, only a change of inode or
   * data_version does; after it, the file as it then is becomes the reference.
   */
  async ownCheckpoint<T>(run: () => Promise<T>): Promise<T> {
    return this.own('ownCheckpoints', run);
  }

  /**
   * Quarry's own write from another connection (the merge writer thread,
   * while the app writes nothing): as ownCheckpoint, but data_version moves
   * too. Only a change of inode, or a missing file, counts while it runs.
   */
  async ownWriter<T>(run: () => Promise<T>): Promise<T> {
    return this.own('ownWriters', run);
  }

  private async own<T>(counter: 'ownCheckpoints' | 'ownWriters', run: () => Promise<T>): Promise<T> {
    this.probe();
    this[counter]++;
    try {
      return await run();
    } finally {
      // Probed while still counted as ours, then taken as the reference.
      if (this.ownCheckpoints + this.ownWriters === 1 && !this.probe()) this.record();
      this[counter]--;
    }
  }
}
