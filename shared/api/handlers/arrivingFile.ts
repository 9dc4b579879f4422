/**
 * A file an import is given: uploaded bytes (base64 in the JSON body, as a
 * dropped file arrives) or a path on the machine that runs Quarry, picked
 * in a file dialog (browser mode's file browser, the desktop app's system
 * dialog) and read from disk here, so it never travels through the page.
 * Its size is known before anything is read, so an oversized file is
 * refused without being read.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import { QuarryError } from '../../errors.js';
import { base64DecodedSize } from './base64Size.js';

export interface FileArgument {
  fileName?: string | undefined;
  dataBase64?: string | undefined;
  filePath?: string | undefined;
}

/** Its size and a way to read it, or why it cannot be read (a batch reports that file alone; sourceService's ImportFile). */
export type ArrivingFile = { fileName: string; size: number; read(): Uint8Array } | { fileName: string; problem: string; error: QuarryError };

/** Never throws: a file that is not there is given with its problem, so one bad file in a batch is reported on its own. */
function fromDisk(path: string): ArrivingFile {
  const fileName = basename(path);
  const refuse = (error: QuarryError): ArrivingFile => ({ fileName, problem: error.message, error });
  if (!isAbsolute(path)) return refuse(new QuarryError('bad_request', `${fileName}: name the file by its full path.`, { file: fileName }));
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return refuse(new QuarryError('invalid_input', `${fileName}: not a file (is it a folder?)`, { file: fileName }));
    size = st.size;
  } catch {
    return refuse(new QuarryError('not_found', `${fileName}: no such file (${path}).`, { file: fileName }));
  }
  return {
    fileName,
    size,
    read: () => {
      try {
        return new Uint8Array(readFileSync(path));
      } catch {
        throw new QuarryError('invalid_input', `${fileName}: the file could not be read.`, { file: fileName });
      }
    },
  };
}

export function arrivingFile(a: FileArgument): ArrivingFile {
  if (a.filePath !== undefined && a.dataBase64 !== undefined) throw new QuarryError('bad_request', 'Give the file by its path or by its contents, not both.');
  if (a.filePath !== undefined) return fromDisk(a.filePath.trim());
  if (a.dataBase64 === undefined || !a.fileName) throw new QuarryError('bad_request', 'Name the file to import: its path, or its name and contents.');
  const b64 = a.dataBase64;
  return { fileName: a.fileName, size: base64DecodedSize(b64), read: () => new Uint8Array(Buffer.from(b64, 'base64')) };
}

/** The whole file, refused with `tooLarge(fileName)` above `maxBytes` before it is read. */
export function readArrivingFile(a: FileArgument, maxBytes: number, tooLarge: (fileName: string) => string): { fileName: string; bytes: Uint8Array } {
  const f = arrivingFile(a);
  if ('error' in f) throw f.error;
  if (f.size > maxBytes) throw new QuarryError('too_large', tooLarge(f.fileName), { file: f.fileName });
  return { fileName: f.fileName, bytes: f.read() };
}
