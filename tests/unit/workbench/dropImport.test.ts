/**
 * Files dropped on the window: the desktop app imports them by the paths
 * its preload reads from the drop, browser mode (no preload) uploads their
 * bytes. The bridge here stands in for Electron's preload.
 */
import { describe, expect, it, vi } from 'vitest';
import { dropImport } from '../../../renderer/api/dropImport.js';
import type { DroppedEntry } from '../../../renderer/features/sources/droppedFiles.js';
import { takeDrop } from '../../../renderer/features/sources/useFileDrop.js';

const file = (name: string) => new File(['x'], name);
/** The preload's answer: a path for a file from the desktop, '' for one without. */
const desktop = (folder = '/home/ruth/Interviews') => ({
  pathsForDroppedFiles: vi.fn(async (files: File[]) => files.map((f) => (f.name.startsWith('no-path') ? '' : `${folder}/${f.name}`))),
});

/** A DataTransfer as a drop delivers it: one item per dropped file or folder. */
function dataTransfer(items: { file: File; entry: DroppedEntry | null }[]): DataTransfer {
  return {
    items: items.map(({ file: f, entry }) => ({ kind: 'file', getAsFile: () => f, webkitGetAsEntry: () => entry })),
    files: items.map((i) => i.file),
  } as unknown as DataTransfer;
}

describe('dropImport (the desktop app or browser mode)', () => {
  it('imports by path in the desktop app, asking the preload about exactly the dropped files', async () => {
    const bridge = desktop();
    const files = [file('P1.docx'), file('P2.txt')];
    expect(await dropImport(files, bridge)).toEqual({ kind: 'paths', paths: ['/home/ruth/Interviews/P1.docx', '/home/ruth/Interviews/P2.txt'] });
    expect(bridge.pathsForDroppedFiles).toHaveBeenCalledWith(files);
  });

  it('uploads the bytes in browser mode (no preload)', async () => {
    const files = [file('P1.docx')];
    expect(await dropImport(files, undefined)).toEqual({ kind: 'bytes', files });
    expect(await dropImport(files, null)).toEqual({ kind: 'bytes', files });
  });

  it('uploads the whole batch as bytes when a file has no path or the preload fails', async () => {
    const files = [file('P1.docx'), file('no-path.txt')];
    expect(await dropImport(files, desktop())).toEqual({ kind: 'bytes', files });
    const failing = { pathsForDroppedFiles: vi.fn(async () => Promise.reject(new Error('bridge gone'))) };
    expect(await dropImport(files, failing)).toEqual({ kind: 'bytes', files });
    const short = { pathsForDroppedFiles: vi.fn(async () => ['/home/ruth/P1.docx']) };
    expect(await dropImport(files, short)).toEqual({ kind: 'bytes', files });
  });
});

describe('takeDrop (what the window’s drop handler imports)', () => {
  it('in the desktop app, a dropped folder imports each importable file inside it by path', async () => {
    const inner = [file('P2.txt'), file('photo.jpg'), file('P10.docx')];
    const folder: DroppedEntry = {
      isFile: false,
      isDirectory: true,
      name: 'Round 1',
      createReader: () => {
        const batches = [inner.map((f) => ({ isFile: true, isDirectory: false, name: f.name, file: (ok: (f: File) => void) => ok(f) })), []];
        return { readEntries: (ok) => ok(batches.shift() ?? []) };
      },
    };
    const bridge = desktop('/data/Round 1');
    const got = await takeDrop(dataTransfer([{ file: file('Round 1'), entry: folder }, { file: file('P1.md'), entry: null }]), bridge);
    expect(got).toEqual({ kind: 'paths', paths: ['/data/Round 1/P2.txt', '/data/Round 1/P10.docx', '/data/Round 1/P1.md'] });
  });

  it('in browser mode, the same drop uploads the files', async () => {
    const dropped = file('P1.md');
    expect(await takeDrop(dataTransfer([{ file: dropped, entry: null }]), undefined)).toEqual({ kind: 'bytes', files: [dropped] });
  });

  it('a drop of only an empty folder imports nothing', async () => {
    const empty: DroppedEntry = { isFile: false, isDirectory: true, name: 'Empty', createReader: () => ({ readEntries: (ok) => ok([]) }) };
    const bridge = desktop();
    expect(await takeDrop(dataTransfer([{ file: file('Empty'), entry: empty }]), bridge)).toBeNull();
    expect(bridge.pathsForDroppedFiles).not.toHaveBeenCalled();
  });
});
