import { describe, expect, it } from 'vitest';
import type { SourceFolder, SourceSummary } from '../../../shared/domain/types.js';
import { groupSources, sortSources, sourceKind } from '../../../renderer/features/sources/sourceListModel.js';
import { carriesFiles, droppedFiles, type DroppedEntry } from '../../../renderer/features/sources/droppedFiles.js';

let nextId = 1;
function src(name: string, extra: Partial<SourceSummary> = {}): SourceSummary {
  return {
    id: nextId++, guid: 'g', name, characters: 10, originName: `${name}.txt`, originType: 'txt', encoding: 'utf-8', description: '',
    caseId: null, caseName: null, createdAt: '2026-01-01T00:00:00.000Z', codingCount: 0, folderId: null, mediaKind: null, ...extra,
  };
}

describe('sorting sources', () => {
  const list = [
    src('Walk 10', { createdAt: '2026-01-03T00:00:00.000Z', codingCount: 2 }),
    src('walk 2', { createdAt: '2026-01-01T00:00:00.000Z', codingCount: 9 }),
    src('Atlas', { createdAt: '2026-01-02T00:00:00.000Z', codingCount: 2 }),
  ];
  it('by name: case-insensitive, numbers in order', () => expect(sortSources(list, 'name').map((s) => s.name)).toEqual(['Atlas', 'walk 2', 'Walk 10']));
  it('by date: newest first', () => expect(sortSources(list, 'date').map((s) => s.name)).toEqual(['Walk 10', 'Atlas', 'walk 2']));
  it('by coding count: most first, ties by name', () => expect(sortSources(list, 'codings').map((s) => s.name)).toEqual(['walk 2', 'Atlas', 'Walk 10']));
});

describe('grouping into folders', () => {
  it('lists folders by name (empty ones too), then the top level; an unknown folder counts as the top level', () => {
    const folders: SourceFolder[] = [
      { id: 7, guid: 'f7', name: 'Zinc mine', sourceCount: 1 },
      { id: 8, guid: 'f8', name: 'Archive', sourceCount: 0 },
    ];
    const groups = groupSources([src('B', { folderId: 7 }), src('A'), src('C', { folderId: 99 })], folders, 'name');
    expect(groups.map((g) => [g.folder?.name ?? null, g.sources.map((s) => s.name)])).toEqual([
      ['Archive', []],
      ['Zinc mine', ['B']],
      [null, ['A', 'C']],
    ]);
  });
});

describe('type icons', () => {
  it('name the kind of file, a recording first', () => {
    expect(sourceKind({ originType: 'docx', mediaKind: null })).toBe('docx');
    expect(sourceKind({ originType: 'pdf', mediaKind: null })).toBe('pdf');
    expect(sourceKind({ originType: 'md', mediaKind: null })).toBe('txt');
    expect(sourceKind({ originType: 'vtt', mediaKind: null })).toBe('transcript');
    expect(sourceKind({ originType: 'vtt', mediaKind: 'audio' })).toBe('audio');
    expect(sourceKind({ originType: 'txt', mediaKind: 'video' })).toBe('video');
  });
});

describe('dropped files and folders', () => {
  const file = (name: string) => new File(['x'], name);
  const fileEntry = (name: string): DroppedEntry => ({ isFile: true, isDirectory: false, name, file: (ok) => ok(file(name)) });
  const dirEntry = (name: string, children: DroppedEntry[]): DroppedEntry => {
    // Like a browser, the reader answers in batches and then with an empty one.
    const batches = [children.slice(0, 2), children.slice(2), []];
    return { isFile: false, isDirectory: true, name, createReader: () => ({ readEntries: (ok) => ok(batches.shift() ?? []) }) };
  };

  it('keeps loose files as they are (the import report names an unsupported one)', async () => {
    const got = await droppedFiles([file('a.txt'), file('b.xyz')], [null, fileEntry('b.xyz')]);
    expect(got.map((f) => f.name)).toEqual(['a.txt', 'b.xyz']);
  });

  it('takes every importable file inside a dropped folder, at any depth, in name order, skipping hidden and other files', async () => {
    const folder = dirEntry('Interviews', [
      fileEntry('P10.docx'),
      fileEntry('.DS_Store'),
      fileEntry('P2.txt'),
      fileEntry('photo.jpg'),
      dirEntry('Round 2', [fileEntry('P20.pdf'), fileEntry('notes.md')]),
    ]);
    const got = await droppedFiles([file('Interviews')], [folder]);
    expect(got.map((f) => f.name)).toEqual(['P2.txt', 'P10.docx', 'notes.md', 'P20.pdf']);
  });

  it('tells a drag of files from a drag inside the page', () => {
    expect(carriesFiles(['Files'])).toBe(true);
    expect(carriesFiles(['text/x-quarry-source', 'text/plain'])).toBe(false);
  });
});
