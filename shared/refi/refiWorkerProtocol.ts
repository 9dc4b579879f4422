/**
 * What Quarry asks of its REFI-QDA worker process (refiWorkerChild.ts).
 * Plain data over the IPC channel: paths and, for a file that arrived in a
 * request body, its bytes — never a database connection.
 */
import type { ExportProfileId } from './exportProfiles.js';

import type { AgreementQuery } from '../domain/agreementTypes.js';

/** The REFI-QDA file to read: a path on this computer, or the bytes of an upload. */
export type RefiSource = { path: string } | { bytes: Uint8Array };

export type RefiWorkerRequest =
  /** The project at `projectPath` (read-only, one consistent snapshot) written to `target` by way of `tempPath`. */
  | { kind: 'export'; format: 'qdpx' | 'qdc'; projectPath: string; target: string; tempPath: string; profile: ExportProfileId }
  /** What the export for `profile` would drop or change (nothing is written). */
  | { kind: 'planExport'; format: 'qdpx' | 'qdc'; projectPath: string; profile: ExportProfileId }
  /** What importing the file would give. */
  | { kind: 'preview'; fileName: string; source: RefiSource }
  /** A new project at `target`, built at `tempPath` and moved into place only when complete. */
  | { kind: 'import'; fileName: string; source: RefiSource; target: string; tempPath: string; acceptLosses: boolean }
  /** Coding comparison of the project at `projectPath` (read-only, one consistent snapshot): a long read kept off the app's event loop. */
  | { kind: 'agreement'; projectPath: string; query: AgreementQuery };
