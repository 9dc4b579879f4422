/**
 * Typed errors with a user-facing message. Every error that crosses the API
 * (IPC, HTTP, CLI) is one of these; anything else is reported as "internal"
 * without its stack or SQL.
 */
export type ErrorCode =
  | 'bad_request' // arguments do not fit the method
  | 'not_found' // a named entity does not exist
  | 'conflict' // would overwrite or duplicate something
  | 'invalid_input' // a file or value the user supplied is malformed
  | 'not_a_project' // the file is not a Quarry project
  | 'newer_version' // the project was written by a newer Quarry
  | 'locked' // the project is open in another Quarry process
  | 'no_project' // an operation needs an open project
  | 'too_large' // a size limit was exceeded
  | 'cancelled' // the user cancelled a long operation
  | 'read_only' // the project was opened read-only
  | 'changed_on_disk' // the project file was changed by another program since it was opened
  | 'busy' // a long operation is under way on the project
  | 'untrusted_file' // the file's schema is not Quarry's own (details: findings; a cleaned copy can be opened)
  | 'disk_full' // the disk (or the user's quota) has no room for what Quarry must write; nothing was lost
  | 'disk_read_only' // the file or its folder is on a read-only disk or mount
  | 'no_permission' // the operating system does not allow Quarry to write (or read) the file or folder
  | 'disk_error' // the disk reported a failure while writing; what was saved before is intact
  | 'internal'; // a bug: the message is generic

export class QuarryError extends Error {
  readonly code: ErrorCode;
  /** Extra machine-readable detail, safe to show (row/column, file name...). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'QuarryError';
    this.code = code;
    this.details = details;
  }
}

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof QuarryError) {
    return err.details ? { code: err.code, message: err.message, details: err.details } : { code: err.code, message: err.message };
  }
  return { code: 'internal', message: 'Something went wrong inside Quarry. Your project was not changed by the failed operation.' };
}

export const fail = (code: ErrorCode, message: string, details?: Record<string, unknown>): never => {
  throw new QuarryError(code, message, details);
};
