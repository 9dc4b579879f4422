import { z } from 'zod';
import type { Coder, ProjectInfo } from '../../domain/types.js';
import type { HistoryState } from '../../db/undoHistoryTypes.js';
import type { CleanedCopyReport } from '../../db/cleanedCopy/cleanedCopyTypes.js';
import { method } from '../defineMethod.js';

export interface RecentProject {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

export interface AppInfo {
  version: string;
  schemaVersion: number;
  platform: 'web' | 'electron';
  dataDir: string;
  projectsDir: string;
  coderName: string;
  recent: RecentProject[];
  demoPath: string;
  demoExists: boolean;
}

const path = z.string().min(1, 'a file path is needed');

export const projectMethods = {
  'app.info': method<AppInfo>()(z.object({})),
  'app.setCoder': method<AppInfo>()(z.object({ name: z.string().trim().min(1).max(100) }), { invalidates: true }),
  'app.forgetRecent': method<AppInfo>()(z.object({ path }), { invalidates: true }),
  'project.create': method<ProjectInfo>()(z.object({ path, name: z.string().optional() }), { invalidates: true }),
  'project.open': method<ProjectInfo>()(z.object({ path, readOnly: z.boolean().optional() }), { invalidates: true }),
  /** After an `untrusted_file` refusal: copies the file's data into a new project beside it and opens that. */
  'project.openCleanedCopy': method<{ cleaned: CleanedCopyReport; project: ProjectInfo }>()(z.object({ path }), { invalidates: true }),
  'project.openDemo': method<ProjectInfo>()(z.object({ rebuild: z.boolean().optional() }), { invalidates: true }),
  'project.close': method<null>()(z.object({}), { invalidates: true }),
  'project.info': method<ProjectInfo | null>()(z.object({})),
  'coders.list': method<Coder[]>()(z.object({})),
  'coders.save': method<Coder>()(
    z.object({ id: z.number().int().optional(), name: z.string(), initials: z.string().max(4).optional(), color: z.string().optional() }),
    { mutates: true },
  ),
  'history.state': method<HistoryState>()(z.object({})),
  'history.undo': method<{ undone: string | null; state: HistoryState }>()(z.object({}), { mutates: true }),
  'history.redo': method<{ redone: string | null; state: HistoryState }>()(z.object({}), { mutates: true }),
} as const;
