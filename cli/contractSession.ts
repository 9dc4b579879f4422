/**
 * The CLI's way into the one API contract: a project opened into a one-shot
 * Session and called through the same dispatcher the desktop app and the
 * browser-mode server use, so a command prints exactly what the method
 * returns (no second implementation of a result's shape).
 */
import { dirname } from 'node:path';
import { ProjectDb } from '../shared/db/projectDb.js';
import { QuarryError } from '../shared/errors.js';
import type { ArgsOf, MethodName, ResultOf } from '../shared/api/contract.js';
import { createLazyDispatcher } from '../shared/api/lazyDispatcher.js';
import { Session } from '../shared/api/session.js';
import type { CliIo } from './io.js';
import { abs, coderName } from './projectAccess.js';

export interface CliApi {
  /** Calls a contract method; a refusal is thrown as the QuarryError the user sees. */
  call<K extends MethodName>(method: K, args: ArgsOf<K>): Promise<ResultOf<K>>;
  /** The project file as given on the command line (for messages). */
  readonly projectArg: string;
}

export interface Access {
  /** Open for writing (with the lock); otherwise read-only without the lock, safe beside a running app. */
  write?: boolean;
  /** The --coder value, if any (else $QUARRY_CODER, else the user name). */
  coder?: string | undefined;
}

/** A session of the command's own: it reads no settings, writes none, starts no backups, and names the coder itself. */
function oneShotSession(io: CliIo, folder: string, coder: string | undefined): Session {
  // The session's data folder is the project's own folder.
  return new Session({ dataDir: folder, projectsDir: folder, platform: 'web', backupCheckMs: 0, oneShot: { coderName: coderName(io, coder) } });
}

/** Runs fn against the session's contract, and always closes the session (and the project it has open). */
async function runContract<T>(session: Session, projectArg: string, fn: (api: CliApi) => T | Promise<T>): Promise<T> {
  // An unexpected failure keeps its own message for the CLI's "internal error" line (the transports hide it).
  let internal: unknown;
  const dispatch = createLazyDispatcher(session, (err) => (internal = err));
  const api: CliApi = {
    projectArg,
    call: async (method, args) => {
      internal = undefined;
      const r = await dispatch(method, args);
      if (r.ok) return r.value as ResultOf<typeof method>;
      if (r.error.code === 'internal' && internal !== undefined) throw internal;
      throw new QuarryError(r.error.code, r.error.message, r.error.details);
    },
  };
  try {
    return await fn(api);
  } finally {
    session.close();
  }
}

/** Opens the project, runs fn against the contract, and always closes the project. */
export async function withContract<T>(io: CliIo, projectArg: string, access: Access, fn: (api: CliApi) => T | Promise<T>): Promise<T> {
  const path = abs(io, projectArg);
  const { project, upgradedFrom } = ProjectDb.open(path, access.write ? {} : { readOnly: true, lock: false });
  const session = oneShotSession(io, dirname(path), access.coder);
  try {
    session.attach(project, upgradedFrom);
  } catch (err) {
    project.close();
    throw err;
  }
  return runContract(session, projectArg, fn);
}

/**
 * The contract with no project open, for a command whose method makes or opens the
 * project itself (demo, clean, import-qdpx); `fileArg` is the file it names, for messages.
 * The session's folder is the working directory: it exists already, so the session makes
 * no folder the command was not asked for.
 */
export function withoutProject<T>(io: CliIo, fileArg: string, fn: (api: CliApi) => T | Promise<T>): Promise<T> {
  return runContract(oneShotSession(io, io.cwd, undefined), fileArg, fn);
}

export const readContract = <T>(io: CliIo, projectArg: string, fn: (api: CliApi) => T | Promise<T>): Promise<T> => withContract(io, projectArg, {}, fn);
