import { describe, expect, it } from 'vitest';
import { looksLikeInterviewGuide, parseInterviewGuide } from '../../../shared/exporters/interviewGuide.js';

describe('interview guide parsing', () => {
  it('reads a title, an introduction and numbered questions per group', () => {
    const g = parseInterviewGuide('Interview guide', '# Guide\n\nAll by telephone.\n\n## Intermediaries\n\n1. Why?\n2) What\ncontinues here?\n\n## Entrepreneurs\n\n- Which cluster?\n');
    expect(g).toEqual({
      title: 'Guide',
      intro: ['All by telephone.'],
      groups: [
        { label: 'Intermediaries', questions: ['Why?', 'What continues here?'] },
        { label: 'Entrepreneurs', questions: ['Which cluster?'] },
      ],
    });
  });

  it('puts questions without group headings in one row, and drops empty groups', () => {
    const g = parseInterviewGuide('Topic guide', 'Intro\n1. One\n2. Two\n## Empty\n');
    expect(g.groups).toEqual([{ label: 'Questions', questions: ['One', 'Two'] }]);
    expect(g.intro).toEqual(['Intro']);
  });

  it('recognises the usual names for a guide', () => {
    expect(looksLikeInterviewGuide('Interview guide')).toBe(true);
    expect(looksLikeInterviewGuide('interview_schedule.docx')).toBe(true);
    expect(looksLikeInterviewGuide('Topic guide v2')).toBe(true);
    expect(looksLikeInterviewGuide('E4')).toBe(false);
  });
});
