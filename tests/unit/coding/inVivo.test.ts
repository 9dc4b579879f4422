import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { IN_VIVO_MAX_LENGTH, inVivoName } from '../../../shared/domain/inVivoName.js';
import { codeTree, createCode, flattenTree } from '../../../shared/services/codeService.js';
import { inVivoCoding } from '../../../shared/services/codingService.js';
import { storeDocument } from '../../../shared/services/sourceService.js';
import type { ServiceContext } from '../../../shared/services/context.js';

describe('inVivoName', () => {
  it('uses the words without surrounding punctuation, quotes or line breaks', () => {
    expect(inVivoName('“It was the people.”')).toBe('It was the people');
    expect(inVivoName('  — a sense of\nbelonging, ')).toBe('a sense of belonging');
    expect(inVivoName('it would help 👍')).toBe('it would help 👍');
    expect(inVivoName('so good 👍🏽!')).toBe('so good 👍🏽');
    expect(inVivoName('الناس هنا')).toBe('الناس هنا');
    expect(inVivoName(' ... ')).toBe('');
  });

  it('cuts long selections at a word boundary and marks the cut', () => {
    const words = 'we met every other week at the old library to talk about what was and was not working for us';
    const name = inVivoName(words);
    expect(name.endsWith('…')).toBe(true);
    expect([...name].length).toBeLessThanOrEqual(IN_VIVO_MAX_LENGTH + 1);
    expect(words.startsWith(name.slice(0, -1))).toBe(true);
    expect(name.slice(0, -1).endsWith(' ')).toBe(false);
    // One enormous word is cut hard rather than emptied.
    expect([...inVivoName('x'.repeat(500))].length).toBe(IN_VIVO_MAX_LENGTH + 1);
  });
});

describe('inVivoCoding', () => {
  let project: ProjectDb | null = null;
  afterEach(() => project?.close());

  function setup(): { ctx: ServiceContext; sourceId: number } {
    project = ProjectDb.create(join(mkdtempSync(join(tmpdir(), 'quarry-invivo-')), 'x.quarry'));
    const ctx: ServiceContext = { project, coderName: 'Ruth Ashworth' };
    const text = 'E4: It was the people 👍, honestly.\nThey made it.';
    const { id } = project.history.step('Import', () =>
      storeDocument(project!.db, ctx.coderName, { name: 'Interview', text, originName: 'Interview.txt', originType: 'txt', encoding: 'utf-8', warnings: [] }),
    );
    return { ctx, sourceId: id };
  }

  it('creates the code under the parent and applies it in one undoable step', () => {
    const { ctx, sourceId } = setup();
    const parentId = createCode(ctx, { name: 'Motivations' });
    // "It was the people 👍" is code points [4, 23).
    const r = inVivoCoding(ctx, { sourceId, start: 4, end: 23, parentId });
    expect(r).toMatchObject({ name: 'It was the people 👍', created: true });
    expect(r.coding).toMatchObject({ start: 4, end: 23, codeId: r.codeId, coderName: 'Ruth Ashworth' });
    const paths = flattenTree(codeTree(project!.db)).map((n) => n.path);
    expect(paths).toContain('Motivations/It was the people 👍');
    expect(project!.history.state().undo?.label).toBe('Code in vivo');

    project!.history.undo();
    const after = flattenTree(codeTree(project!.db));
    expect(after.map((n) => n.path)).toEqual(['Motivations']);
    expect(project!.db.prepare('SELECT count(*) FROM codings').pluck().get()).toBe(0);
    project!.history.redo();
    expect(flattenTree(codeTree(project!.db)).find((n) => n.name === 'It was the people 👍')?.references).toBe(1);
  });

  it('reuses an existing code of the same name and accepts a given name', () => {
    const { ctx, sourceId } = setup();
    const first = inVivoCoding(ctx, { sourceId, start: 4, end: 21 });
    const again = inVivoCoding(ctx, { sourceId, start: 35, end: 48, name: 'It was the people' });
    expect(again.created).toBe(false);
    expect(again.codeId).toBe(first.codeId);
    expect(flattenTree(codeTree(project!.db)).find((n) => n.id === first.codeId)?.references).toBe(2);
  });

  it('refuses a span without words and a bad span', () => {
    const { ctx, sourceId } = setup();
    expect(() => inVivoCoding(ctx, { sourceId, start: 3, end: 4 })).toThrow(/no words/);
    expect(() => inVivoCoding(ctx, { sourceId, start: 10, end: 999 })).toThrow(/beyond the end/);
    expect(project!.history.state().undo?.label).toBe('Import');
  });
});
