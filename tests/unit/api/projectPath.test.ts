import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandHome, resolveProjectPath } from '../../../shared/app/projectPath.js';
import { tempDir } from '../db/testProject.js';

describe('reading a typed project path', () => {
  const home = '/home/ruth';
  const projects = '/data/Projects';

  it('expands ~ to the home folder', () => {
    expect(expandHome('~', home)).toBe(home);
    expect(expandHome('~/Studies/A.quarry', home)).toBe('/home/ruth/Studies/A.quarry');
    expect(expandHome('~ruth/x', home)).toBe('~ruth/x'); // another user's home is not guessed
    expect(resolveProjectPath('  ~/Studies/Firms  ', projects, 'existing', home)).toBe('/home/ruth/Studies/Firms.quarry');
    expect(resolveProjectPath('~/New', projects, 'new', home)).toBe('/home/ruth/New.quarry');
  });

  it('puts a bare name in the projects folder and implies .quarry only for a name without an extension', () => {
    expect(resolveProjectPath('Study', projects, 'existing', home)).toBe('/data/Projects/Study.quarry');
    expect(resolveProjectPath('Study.QUARRY', projects, 'existing', home)).toBe('/data/Projects/Study.QUARRY');
    expect(resolveProjectPath('/x/Study.bak', projects, 'existing', home)).toBe('/x/Study.bak');
    expect(resolveProjectPath('/x/Study', projects, 'existing', home)).toBe('/x/Study.quarry');
  });

  it('opens an existing file exactly as typed, whatever it is called', () => {
    const dir = tempDir();
    const odd = join(dir, 'Study v2.1');
    writeFileSync(odd, '');
    expect(resolveProjectPath(odd, projects, 'existing', home)).toBe(odd);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'Plain'), '');
    expect(resolveProjectPath(join(dir, 'sub', 'Plain'), projects, 'existing', home)).toBe(join(dir, 'sub', 'Plain'));
  });

  it('always gives a new project the .quarry extension', () => {
    expect(resolveProjectPath('Study v2.1', projects, 'new', home)).toBe('/data/Projects/Study v2.1.quarry');
    expect(resolveProjectPath('/x/Firms.quarry', projects, 'new', home)).toBe('/x/Firms.quarry');
  });
});
