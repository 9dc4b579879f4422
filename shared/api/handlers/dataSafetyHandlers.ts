import { basename } from 'node:path';
import { resolveProjectPath, type ProjectPathUse } from '../../app/projectPath.js';
import { describeBackup } from '../../backup/backupCatalog.js';
import { backupTimeOf, projectStem as projectStemOf } from '../../backup/backupLocation.js';
import { getMeta, setMeta } from '../../store/metaStore.js';
import { listBackups, restoreBackupAsCopy, saveProjectCopy } from '../../backup/backupService.js';
import { describeDiskChange } from '../../db/diskGuard.js';
import { ProjectDb } from '../../db/projectDb.js';
import { QuarryError } from '../../errors.js';
import type { dataSafetyMethods } from '../methods/dataSafetyMethods.js';
import type { Session } from '../session.js';
import type { HandlersFor } from './handlerTypes.js';
import { projectInfo } from './projectHandlers.js';

/** As project.open reads a path (see resolveProjectPath). */
const projectPath = (path: string, session: Session, use: ProjectPathUse = 'existing'): string => resolveProjectPath(path, session.projectsDir, use);

function openProjectPath(session: Session): string {
  const p = session.project;
  if (!p) throw new QuarryError('no_project', 'No project is open. Choose the project whose backups you want to see.');
  return p.path;
}

export const dataSafetyHandlers: HandlersFor<keyof typeof dataSafetyMethods> = {
  'backups.list': (a, s) => listBackups(a.path ? projectPath(a.path, s) : openProjectPath(s), s.settings.read().backups),
  'backups.create': async (_a, s) => {
    const ctx = s.ctx();
    const scheduler = s.backups;
    if (!scheduler) throw new QuarryError('read_only', 'This project is open read-only; it is backed up by the Quarry that has it open for writing.');
    const path = await scheduler.backupNow();
    if (ctx.project.isClosed) throw new QuarryError('no_project', 'The project was closed while it was being backed up.');
    return await describeBackup({ path, time: backupTimeOf(basename(path)) ?? Date.now() });
  },
  'backups.restore': async (a, s) => {
    await s.backups?.idle();
    const of = a.projectPath ? projectPath(a.projectPath, s) : openProjectPath(s);
    const target = await restoreBackupAsCopy(a.backupPath, of);
    const { project, upgradedFrom } = ProjectDb.open(target);
    // The copy says what it is wherever its name is shown.
    const suffix = basename(target, '.quarry').slice(projectStemOf(of).length).trim();
    setMeta(project.db, 'name', `${getMeta(project.db, 'name') ?? ''} ${suffix}`.trim());
    project.disk.record();
    s.attach(project, upgradedFrom);
    return { restored: { path: target, backupPath: a.backupPath }, project: projectInfo(s)! };
  },
  'backups.settings': (_a, s) => s.settings.read().backups,
  'backups.setSettings': (a, s) => {
    const change: Parameters<typeof s.settings.setBackups>[0] = {};
    if (a.enabled !== undefined) change.enabled = a.enabled;
    if (a.keep !== undefined) change.keep = a.keep;
    if (a.folder !== undefined) change.folder = a.folder === '' ? null : a.folder;
    return s.settings.setBackups(change);
  },
  'backups.status': (_a, s) => s.backups?.state ?? null,

  'jobs.get': (a, s) => s.jobs.get(a.jobId),
  'jobs.list': (_a, s) => s.jobs.running(),
  'jobs.cancel': (a, s) => ({ cancelled: s.jobs.cancel(a.jobId) }),

  'project.diskStatus': (_a, s) => {
    const p = s.project;
    const change = p && !p.readOnly ? p.disk.probe() : null;
    return { change, message: change && p ? describeDiskChange(p.path, change) : null };
  },
  'project.reopen': async (_a, s) => {
    await s.backups?.idle();
    const p = s.ctx().project;
    const { path, readOnly } = p;
    s.close();
    const { project, upgradedFrom } = ProjectDb.open(path, { readOnly });
    s.attach(project, upgradedFrom);
    return projectInfo(s)!;
  },
  'project.saveCopy': async (a, s) => {
    const current = s.ctx().project;
    const target = await saveProjectCopy(projectPath(a.path, s, 'new'), current.path);
    const { project } = ProjectDb.open(target);
    s.attach(project);
    return projectInfo(s)!;
  },
};
