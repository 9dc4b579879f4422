/**
 * Reads an interview guide kept as a memo or source (markdown-ish text) into
 * the rows of a Table 2-style guide: "## Group" headings start a row, and
 * numbered ("1.", "2)") or bulleted lines are its questions. Text before the
 * first group is the introduction; a guide without group headings becomes one
 * row called "Questions".
 */
import type { InterviewGuide } from './exportModels.js';

const QUESTION = /^(?:\d+[.)]|[-*\u2022])\s+(.+)$/;

export function parseInterviewGuide(fallbackTitle: string, text: string): InterviewGuide {
  const guide: InterviewGuide = { title: fallbackTitle, intro: [], groups: [] };
  let current: InterviewGuide['groups'][number] | null = null;
  let titled = false;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const heading = /^(#{1,6})\s+(.+)$/.exec(line);
    if (heading && heading[1]!.length === 1 && !titled && guide.groups.length === 0) {
      guide.title = heading[2]!.trim();
      titled = true;
      continue;
    }
    if (heading) {
      current = { label: heading[2]!.trim(), questions: [] };
      guide.groups.push(current);
      continue;
    }
    const q = QUESTION.exec(line);
    if (q) {
      if (!current) {
        current = { label: 'Questions', questions: [] };
        guide.groups.push(current);
      }
      current.questions.push(q[1]!.trim());
    } else if (current && current.questions.length > 0) {
      // A continuation line of the last question.
      current.questions[current.questions.length - 1] += ` ${line}`;
    } else guide.intro.push(line);
  }
  guide.groups = guide.groups.filter((g) => g.questions.length > 0);
  return guide;
}

export const looksLikeInterviewGuide = (title: string): boolean => /interview(?:ing)?[\s_-]*(guide|schedule|protocol)|topic guide/i.test(title);
