import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { CURRENT_SCHEMA_VERSION } from '../../db/migrations/index.js';
import { ProjectDb } from '../../db/projectDb.js';
import { writeCleanedCopy } from '../../db/cleanedCopy/writeCleanedCopy.js';
import type { ProjectInfo } from '../../domain/types.js';
import { withHistoryChange } from '../../services/codingsChange.js';
import { QuarryError } from '../../errors.js';
import { buildDemoProject } from '../../demo/buildDemo.js';
import { listCoders, saveCoder } from '../../services/coderService.js';
import { getMeta, countAll } from '../../store/metaStore.js';
import { findUserByName } from '../../store/usersStore.js';
import type { projectMethods, AppInfo } from '../methods/projectMethods.js';
import type { Session } from '../session.js';
import { resolveProjectPath } from '../../app/projectPath.js';
import type { HandlersFor } from './handlerTypes.js';

export const APP_VERSION = '0.1.0';

/** A new file the call names exactly (project.openDemo's `path`, project.openCleanedCopy's `target`): by its full path, never read as typed. */
function exactNewFile(path: string): string {
  if (!isAbsolute(path)) throw new QuarryError('bad_request', `${path}: name the new project by its full path.`);
  return path;
}

export function projectInfo(session: Session): ProjectInfo | null {
  const p = session.project;
  if (!p) return null;
  const db = p.db;
  const info: ProjectInfo = {
    path: p.path,
    name: getMeta(db, 'name') ?? '',
    guid: getMeta(db, 'guid') ?? '',
    schemaVersion: CURRENT_SCHEMA_VERSION,
    readOnly: p.readOnly,
    counts: countAll(db),
    coder: findUserByName(db, session.coderName) ?? null,
  };
  const up = session.upgradedFrom;
  return up ? { ...info, upgradedFrom: up } : info;
}

export function demoPath(session: Session): string {
  return join(session.projectsDir, 'Demo - ICT cluster study.quarry');
}

function appInfo(session: Session): AppInfo {
  const s = session.settings.read();
  const demo = demoPath(session);
  return {
    version: APP_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    platform: session.platform,
    dataDir: session.opts.dataDir,
    projectsDir: session.projectsDir,
    coderName: s.coderName,
    recent: session.settings.recentWithStatus(),
    demoPath: demo,
    demoExists: existsSync(demo),
  };
}


export const projectHandlers: HandlersFor<keyof typeof projectMethods> = {
  'app.info': (_a, session) => appInfo(session),
  'app.setCoder': (a, session) => {
    session.settings.setCoder(a.name);
    return appInfo(session);
  },
  'app.forgetRecent': (a, session) => {
    session.settings.forgetRecent(a.path);
    return appInfo(session);
  },
  'project.create': async (a, session) => {
    await session.backups?.idle();
    if (a.exactPath) {
      // Only the command line's one-shot session names a file exactly: through the app's transports a
      // new project is always a .quarry file, whatever a page asks for.
      if (!session.opts.oneShot) throw new QuarryError('bad_request', 'exactPath is for the quarry command line only.');
      if (!isAbsolute(a.path)) throw new QuarryError('bad_request', `${a.path}: name the new project by its full path.`);
    }
    const path = a.exactPath ? a.path : resolveProjectPath(a.path, session.projectsDir, 'new');
    const project = ProjectDb.create(path, a.name ? { name: a.name } : {});
    // Nothing to back up yet: the first change starts the backups.
    session.attach(project, undefined, { backupOnOpen: false });
    return projectInfo(session)!;
  },
  'project.open': async (a, session) => {
    const path = resolveProjectPath(a.path, session.projectsDir, 'existing');
    if (session.project?.path === path) return projectInfo(session)!;
    // A backup under way finishes before its project is closed.
    await session.backups?.idle();
    const { project, upgradedFrom } = ProjectDb.open(path, { readOnly: a.readOnly ?? false });
    session.attach(project, upgradedFrom);
    return projectInfo(session)!;
  },
  'project.openCleanedCopy': async (a, session) => {
    await session.backups?.idle();
    const cleaned = writeCleanedCopy(resolveProjectPath(a.path, session.projectsDir, 'existing'), a.target === undefined ? {} : { target: exactNewFile(a.target) });
    const { project } = ProjectDb.open(cleaned.path);
    session.attach(project);
    return { cleaned, project: projectInfo(session)! };
  },
  'project.openDemo': async (a, session) => {
    await session.backups?.idle();
    const path = a.path === undefined ? demoPath(session) : exactNewFile(a.path);
    // A study built at a path the caller names never replaces a file that is there (nor closes what is open when refused).
    if (a.path !== undefined) await buildDemoProject(path, { overwrite: false });
    else {
      if (session.project?.path === path) session.close();
      if (!existsSync(path) || a.rebuild) await buildDemoProject(path, { overwrite: a.rebuild ?? false });
    }
    const { project } = ProjectDb.open(path);
    session.attach(project);
    return projectInfo(session)!;
  },
  'project.close': async (_a, session) => {
    await session.backups?.idle();
    session.close();
    return null;
  },
  'project.info': (_a, session) => projectInfo(session),
  'coders.list': (_a, session) => listCoders(session.ctx()),
  'coders.save': (a, session) => saveCoder(session.ctx(), a),
  'history.state': (_a, session) => session.ctx().project.history.state(),
  'history.undo': (_a, session) => {
    const ctx = session.ctx();
    if (ctx.project.readOnly) throw new QuarryError('read_only', 'This project is open read-only.');
    const history = ctx.project.history;
    const { result: e, change } = withHistoryChange(ctx.project.db, history.peek('undo'), () => history.undo());
    return { undone: e?.label ?? null, state: history.state(), ...(change ? { change } : {}) };
  },
  'history.redo': (_a, session) => {
    const ctx = session.ctx();
    if (ctx.project.readOnly) throw new QuarryError('read_only', 'This project is open read-only.');
    const history = ctx.project.history;
    const { result: e, change } = withHistoryChange(ctx.project.db, history.peek('redo'), () => history.redo());
    return { redone: e?.label ?? null, state: history.state(), ...(change ? { change } : {}) };
  },
};
