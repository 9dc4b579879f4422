/**
 * The mini-markdown of framework cell summaries: each line is a paragraph;
 * a line starting with "- " is a bullet item, and consecutive bullet lines
 * form one list. Nothing else is markup. Pure (the renderer uses it too).
 */
export type SummaryBlock = { kind: 'paragraph'; text: string } | { kind: 'bullets'; items: string[] };

export function parseSummary(summary: string): SummaryBlock[] {
  const blocks: SummaryBlock[] = [];
  for (const raw of summary.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') continue;
    if (line.startsWith('- ')) {
      const item = line.slice(2).trim();
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'bullets') last.items.push(item);
      else blocks.push({ kind: 'bullets', items: [item] });
    } else {
      blocks.push({ kind: 'paragraph', text: line.trim() });
    }
  }
  return blocks;
}

export function formatSummary(blocks: readonly SummaryBlock[]): string {
  return blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.items.map((i) => `- ${i}`).join('\n'))).join('\n');
}

/** Summary as plain text for exports: bullets as "• item". */
export function summaryToPlainText(summary: string): string {
  return parseSummary(summary)
    .map((b) => (b.kind === 'paragraph' ? b.text : b.items.map((i) => `• ${i}`).join('\n')))
    .join('\n');
}
