import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import type { FrameworkTable } from '../../../shared/exporters/exportModels.js';
import { frameworkOrientation, frameworkTableToDocx } from '../../../shared/exporters/frameworkDocx.js';
import { bulletCount, cellText, definedStyles, inspectDocx } from './docxInspect.js';

const TABLE: FrameworkTable = {
  caption: 'Table 3: Summary of findings organized by key motivational themes',
  columns: ['Generating leads', 'Building alliances', 'Gathering information', 'Discussing day-to-day issues'],
  rows: [
    { label: 'Motivations', cells: [{ summary: 'Grow through referrals.' }, { summary: 'Larger contracts.' }, { summary: 'Latest technologies.' }, { summary: 'Helpful for sole owners.' }] },
    { label: 'How this is achieved through the meetings?', cells: [{ summary: 'Indirectly & informally' }, { summary: 'Indirectly' }, { summary: 'Formal presentations' }, { summary: 'Informal socialising' }] },
    {
      label: 'Outcomes',
      cells: [
        { summary: '- a\n- b\n- c', quotes: [{ text: 'We have not had a sale yet.', attribution: '[E4]' }] },
        { summary: 'Mixed:\n- a\n- b\n- c\n- d\n- e' },
        { summary: '- 1\n- 2\n- 3\n- 4\n- 5\n- 6\n- 7' },
        { summary: '- 1\n\n- 2\n- 3\n- 4\n- 5 <&> "x"' },
      ],
    },
  ],
};

describe('framework matrix → Word', () => {
  it('writes a Table Grid table of themes × row labels with real bullets and a caption', async () => {
    const bytes = await frameworkTableToDocx(TABLE);
    const doc = inspectDocx(bytes);
    expect(doc.paragraphs[0]).toMatchObject({ style: 'Caption', text: TABLE.caption });
    expect(doc.tables).toHaveLength(1);
    const t = doc.tables[0]!;
    expect(t.style).toBe('TableGrid');
    expect(t.rows).toHaveLength(4);
    expect(t.rows.every((r) => r.length === 5)).toBe(true);
    expect(t.rows[0]!.map(cellText)).toEqual(['', ...TABLE.columns]);
    expect(t.rows.slice(1).map((r) => cellText(r[0]!))).toEqual(TABLE.rows.map((r) => r.label));
    expect(t.rows[3]!.slice(1).map(bulletCount)).toEqual([3, 5, 7, 5]);
    expect(t.rows[1]!.slice(1).map(bulletCount)).toEqual([0, 0, 0, 0]);
    // A paragraph before the bullets stays a paragraph; bullets carry no numbering of their own (the style does).
    expect(t.rows[3]![2]!.paragraphs[0]).toMatchObject({ style: 'Normal', text: 'Mixed:' });
    expect(t.rows[3]!.flatMap((c) => c.paragraphs).some((p) => p.ownNumbering)).toBe(false);
    expect(t.rows[3]![4]!.paragraphs[4]!.text).toBe('5 <&> "x"');
    const quote = t.rows[3]![1]!.paragraphs.find((p) => p.style === 'Quote')!;
    expect(quote.text).toBe('\u201CWe have not had a sale yet.\u201D [E4]');
    // Four themes of short text fit a portrait page.
    expect(doc.sections).toEqual(['portrait']);
  });

  it('defines the Word built-in styles it uses, with List Bullet linked to real numbering', async () => {
    const doc = inspectDocx(await frameworkTableToDocx(TABLE));
    const styles = definedStyles(doc.parts);
    expect(styles.get('Normal')).toBe('Normal');
    expect(styles.get('Caption')).toBe('caption');
    expect(styles.get('ListBullet')).toBe('List Bullet');
    expect(styles.get('TableGrid')).toBe('Table Grid');
    const listBullet = /<w:style [^>]*w:styleId="ListBullet".*?<\/w:style>/.exec(doc.parts['word/styles.xml']!)![0];
    const numId = /<w:numId w:val="(\d+)"/.exec(listBullet)![1];
    const numbering = doc.parts['word/numbering.xml']!;
    const abstractId = new RegExp(`<w:num w:numId="${numId}"><w:abstractNumId w:val="(\\d+)"`).exec(numbering)![1];
    expect(new RegExp(`<w:abstractNum w:abstractNumId="${abstractId}".*?<w:numFmt w:val="bullet"/>`).test(numbering)).toBe(true);
  });

  it('reads back through mammoth as a table with bullet lists', async () => {
    const bytes = await frameworkTableToDocx(TABLE);
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    expect(html).toContain('<table>');
    expect((html.match(/<li>/g) ?? []).length).toBe(3 + 5 + 7 + 5);
  });

  it('keeps a small table portrait and honours an explicit orientation', async () => {
    const small: FrameworkTable = { caption: '', columns: ['A', 'B'], rows: [{ label: 'R', cells: [{ summary: 'x' }, { summary: '' }] }] };
    expect(frameworkOrientation(small)).toBe('portrait');
    expect(frameworkOrientation({ ...small, columns: ['1', '2', '3', '4', '5'] })).toBe('landscape');
    const long = { summary: Array.from({ length: 6 }, (_, i) => `- bullet ${i} ${'word '.repeat(10)}`).join('\n') };
    expect(frameworkOrientation({ ...TABLE, rows: [{ label: 'Outcomes', cells: [long, long, long, long] }] })).toBe('landscape');
    const doc = inspectDocx(await frameworkTableToDocx(small, { orientation: 'landscape' }));
    expect(doc.sections).toEqual(['landscape']);
    // No caption paragraph when the caption is empty; an empty cell still holds a paragraph.
    expect(doc.paragraphs.filter((p) => p.style === 'Caption')).toHaveLength(0);
    expect(doc.tables[0]!.rows[1]![2]!.paragraphs).toHaveLength(1);
  });
});
