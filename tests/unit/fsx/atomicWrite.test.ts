import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempPathFor, writeFileAtomic } from '../../../shared/fsx/atomicWrite.js';
import { QuarryError } from '../../../shared/errors.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'quarry-atomic-'));

describe('atomic export writes', () => {
  it('writes the bytes and leaves nothing else in the folder', async () => {
    const dir = fresh();
    await writeFileAtomic(join(dir, 'Table 3.docx'), new Uint8Array([1, 2, 3]));
    expect(readdirSync(dir)).toEqual(['Table 3.docx']);
    expect([...readFileSync(join(dir, 'Table 3.docx'))]).toEqual([1, 2, 3]);
    await writeFileAtomic(join(dir, 'Table 3.docx'), 'replaced');
    expect(readFileSync(join(dir, 'Table 3.docx'), 'utf8')).toBe('replaced');
  });

  it('leaves no file and no temporary file when building the document fails', async () => {
    const dir = fresh();
    await expect(
      writeFileAtomic(join(dir, 'out.docx'), async () => {
        throw new QuarryError('not_found', 'There is no code “X”.');
      }),
    ).rejects.toThrow('There is no code “X”.');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps an existing file intact when the write fails, and removes its temporary file', async () => {
    const dir = fresh();
    // A folder where the file should go makes the final rename fail after the bytes were written.
    const target = join(dir, 'blocked.docx');
    mkdirSync(target);
    writeFileSync(join(target, 'inside.txt'), 'x');
    const err = await writeFileAtomic(target, new Uint8Array(1000)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuarryError);
    expect((err as Error).message).toMatch(/^blocked\.docx: the export could not be saved \(.+\)\. No file was written\.$/);
    expect(readdirSync(dir)).toEqual(['blocked.docx']);
    expect(readdirSync(target)).toEqual(['inside.txt']);
  });

  it('says so when the folder does not exist', async () => {
    const dir = fresh();
    await expect(writeFileAtomic(join(dir, 'missing', 'x.csv'), 'a')).rejects.toThrow('x.csv: the export could not be saved (its folder does not exist). No file was written.');
  });

  it('puts the temporary file beside the target, hidden', () => {
    const t = tempPathFor('/a/b/Table 1.docx');
    expect(t.startsWith('/a/b/.Table 1.docx.')).toBe(true);
    expect(t.endsWith('.quarry-tmp')).toBe(true);
  });
});
