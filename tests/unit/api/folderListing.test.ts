/**
 * files.list: the browser-mode file browser's one call. Read-only, `~`
 * expanded, folders first, only the asked-for kinds of file, hidden entries
 * left out, places to jump to, and plain refusals — refused altogether in
 * the desktop app, which has the system's dialogs.
 */
import { mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../shared/api/dispatcher.js';
import { Session } from '../../../shared/api/session.js';
import { displayPath, listFolder } from '../../../shared/app/folderListing.js';

function tree() {
  const home = mkdtempSync(join(tmpdir(), 'quarry-home-'));
  const studies = join(home, 'Studies');
  mkdirSync(join(studies, 'Round 10'), { recursive: true });
  mkdirSync(join(studies, 'round 2'));
  mkdirSync(join(studies, '.cache'));
  writeFileSync(join(studies, 'Study.quarry'), 'x'.repeat(1234));
  writeFileSync(join(studies, 'OLD.QUARRY'), '');
  writeFileSync(join(studies, 'notes.txt'), 'n');
  writeFileSync(join(studies, '.hidden.quarry'), '');
  utimesSync(join(studies, 'Study.quarry'), new Date('2025-01-10T12:00:00Z'), new Date('2025-01-10T12:00:00Z'));
  symlinkSync(join(studies, 'Round 10'), join(studies, 'link to round 10'));
  symlinkSync(join(studies, 'gone'), join(studies, 'broken.quarry'));
  const projectsDir = join(home, 'Quarry', 'Projects');
  mkdirSync(projectsDir, { recursive: true });
  return { home, studies, projectsDir };
}

describe('listFolder', () => {
  it('lists folders first, then the asked-for files, by name as people sort them; hidden and other files are left out', () => {
    const { home, studies, projectsDir } = tree();
    const l = listFolder({ path: '~/Studies', extensions: ['.quarry'] }, { projectsDir, recentFiles: [], home });
    expect(l.path).toBe(studies);
    expect(l.parent).toBe(home);
    expect(l.display).toBe(`~${sep}Studies`);
    expect(l.entries.map((e) => [e.name, e.kind])).toEqual([
      ['link to round 10', 'folder'],
      ['round 2', 'folder'],
      ['Round 10', 'folder'],
      ['OLD.QUARRY', 'file'],
      ['Study.quarry', 'file'],
    ]);
    expect(l.entries.find((e) => e.name === 'Study.quarry')).toEqual({ name: 'Study.quarry', kind: 'file', size: 1234, modified: '2025-01-10T12:00:00.000Z' });
    expect(l.omitted).toBe(0);
    const foldersOnly = listFolder({ path: studies, extensions: [] }, { projectsDir, recentFiles: [], home });
    expect(foldersOnly.entries.every((e) => e.kind === 'folder')).toBe(true);
  });

  it('starts in the folder of the latest project, offers home, the projects folder and recent folders', () => {
    const { home, studies, projectsDir } = tree();
    const recentFiles = [join(studies, 'Study.quarry'), join(home, 'deleted', 'x.quarry'), join(projectsDir, 'Demo.quarry')];
    const l = listFolder({ extensions: ['.quarry'] }, { projectsDir, recentFiles, home });
    expect(l.path).toBe(studies);
    expect(l.places).toEqual([
      { label: 'Home', path: home },
      { label: 'Quarry projects', path: projectsDir },
      { label: `~${sep}Studies`, path: studies },
    ]);
    expect(listFolder({ path: '  ', extensions: [] }, { projectsDir, recentFiles: [], home }).path).toBe(projectsDir);
    expect(listFolder({ path: '~', extensions: [] }, { projectsDir, recentFiles: [], home }).display).toBe('~');
  });

  it('refuses a missing folder, a file and the unreadable in plain words', () => {
    const { home, studies, projectsDir } = tree();
    const ctx = { projectsDir, recentFiles: [], home };
    expect(() => listFolder({ path: '~/Nope', extensions: [] }, ctx)).toThrow(`~${sep}Nope: there is no such folder.`);
    expect(() => listFolder({ path: join(studies, 'notes.txt'), extensions: [] }, ctx)).toThrow(/notes\.txt: this is a file, not a folder\.$/);
    expect(displayPath('/', home)).toBe('/');
    expect(listFolder({ path: '/', extensions: [] }, ctx).parent).toBeNull();
  });
});

describe('files.list through the API', () => {
  const sessions: Session[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.close();
  });

  it('answers in browser mode and is refused in the desktop app', async () => {
    const { studies } = tree();
    const dataDir = mkdtempSync(join(tmpdir(), 'quarry-data-'));
    const web = new Session({ dataDir, platform: 'web' });
    const desktop = new Session({ dataDir, platform: 'electron' });
    sessions.push(web, desktop);
    const ok = await createDispatcher(web)('files.list', { path: studies, extensions: ['.quarry'] });
    expect(ok).toMatchObject({ ok: true, value: { path: studies } });
    const refused = await createDispatcher(desktop)('files.list', { path: studies, extensions: ['.quarry'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const badExt = await createDispatcher(web)('files.list', { path: studies, extensions: ['quarry; rm'] });
    expect(badExt).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const missing = await createDispatcher(web)('files.list', { path: join(studies, 'nope'), extensions: [] });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/nope: there is no such folder\.$/) } });
  });
});
