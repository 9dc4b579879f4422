/**
 * The framework matrix's mini-markdown: each line of a cell's summary is a
 * paragraph, and a line starting "- " is a bullet item. Blank lines only
 * separate. Shared by the Word writer and the export dialog's preview, so
 * both count the same bullets.
 */
export type SummaryBlock = { kind: 'paragraph'; text: string } | { kind: 'bullet'; text: string };

export function summaryBlocks(summary: string): SummaryBlock[] {
  const blocks: SummaryBlock[] = [];
  for (const raw of summary.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line === '-' || line.startsWith('- ')) {
      const text = line.slice(1).trim();
      if (text) blocks.push({ kind: 'bullet', text });
    } else blocks.push({ kind: 'paragraph', text: line });
  }
  return blocks;
}

/** Rough length of a cell's text, for deciding whether a table needs a landscape page. */
export const summaryLength = (summary: string): number => summaryBlocks(summary).reduce((n, b) => n + b.text.length, 0);
