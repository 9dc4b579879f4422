/**
 * Where an import keeps each source's selections between reading them and
 * planning them. At a million codings the selections, held as objects, took
 * most of a gigabyte; written out per source they cost a file the size of
 * the XML and one source's worth of memory. The memory spool keeps the
 * arrays as they are (small files, tests, and the reader's own API).
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QuarryError } from '../errors.js';
import { asDiskError } from '../fsx/diskErrors.js';

const OUTCOME = 'The import stopped; nothing was created.';

export interface SpoolRef {
  readonly at: number;
  readonly length: number;
}

export interface SelectionSpool {
  /** Keeps a record (a JSON value). */
  put(record: unknown): SpoolRef;
  /** The record put under `ref` (a file spool gives a fresh copy each time). */
  get<T>(ref: SpoolRef): T;
  /** Frees what the spool holds; the spool cannot be used after. */
  close(): void;
}

export function memorySpool(): SelectionSpool {
  const held: unknown[] = [];
  return {
    put(record) {
      held.push(record);
      return { at: held.length - 1, length: 1 };
    },
    get<T>(ref: SpoolRef) {
      return held[ref.at] as T;
    },
    close() {
      held.length = 0;
    },
  };
}

/**
 * A spool in a temporary file of its own, removed on close (and never
 * shared with another import): in `folder`, which it makes (a caller that
 * cleans up after a killed worker names it), or in a new folder under the
 * system's temporary one.
 */
export function fileSpool(folder?: string): SelectionSpool {
  try {
    if (folder) mkdirSync(folder);
    else folder = mkdtempSync(join(tmpdir(), 'quarry-import-'));
  } catch (err) {
    throw asDiskError(err, { path: folder ?? tmpdir(), outcome: OUTCOME });
  }
  const spoolFolder = folder;
  const path = join(spoolFolder, 'selections.json');
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w+');
  } catch (err) {
    rmSync(spoolFolder, { recursive: true, force: true });
    throw asDiskError(err, { path, outcome: OUTCOME });
  }
  let end = 0;
  const open = (): number => {
    if (fd === undefined) throw new QuarryError('internal', 'The import spool was used after it was closed.');
    return fd;
  };
  return {
    put(record) {
      const bytes = Buffer.from(JSON.stringify(record), 'utf8');
      let done = 0;
      try {
        while (done < bytes.length) done += writeSync(open(), bytes, done, bytes.length - done, end + done);
      } catch (err) {
        throw asDiskError(err, { path, needBytes: bytes.length, outcome: OUTCOME });
      }
      const ref = { at: end, length: bytes.length };
      end += bytes.length;
      return ref;
    },
    get<T>(ref: SpoolRef) {
      const bytes = Buffer.allocUnsafe(ref.length);
      let done = 0;
      while (done < ref.length) {
        const n = readSync(open(), bytes, done, ref.length - done, ref.at + done);
        if (n === 0) throw new QuarryError('disk_error', `The import's temporary file ${path} ended early. ${OUTCOME}`);
        done += n;
      }
      return JSON.parse(bytes.toString('utf8')) as T;
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      rmSync(spoolFolder, { recursive: true, force: true });
    },
  };
}
