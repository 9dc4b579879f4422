/**
 * What the demo study must reproduce: the fixture spec's participant × theme
 * reference counts (../shared/fixtures-spec.md), shared by every test that checks them.
 */
export const THEMES = [
  'Motivations/Intermediaries',
  'Motivations/Entrepreneurs',
  'Outcomes/Intermediaries',
  'Outcomes/Entrepreneurs/Articulating outcomes',
  'Outcomes/Entrepreneurs/Advantages of same-sector meetings',
  'Outcomes/Entrepreneurs/Disadvantages of same-sector meetings',
  'Outcomes/Entrepreneurs/Trust',
  'Outcomes/Entrepreneurs/Disappointment',
];

/** fixtures-spec.md, "Target reference counts (participant × theme)": columns in THEMES order. */
export const PARTICIPANT_BY_THEME: Record<string, number[]> = {
  I1: [3, 0, 4, 0, 0, 0, 1, 0],
  I2: [1, 0, 0, 0, 0, 0, 0, 0],
  I3: [0, 1, 0, 0, 1, 0, 0, 0],
  I4: [0, 0, 1, 0, 0, 0, 0, 0],
  I5: [0, 0, 1, 0, 0, 0, 0, 0],
  E1: [0, 2, 0, 0, 0, 0, 1, 0],
  E2: [0, 1, 0, 0, 1, 1, 0, 0],
  E3: [0, 1, 0, 0, 0, 1, 0, 0],
  E4: [0, 1, 0, 1, 0, 0, 1, 0],
  E5: [0, 0, 0, 1, 0, 0, 0, 1],
  E6: [0, 0, 0, 0, 1, 0, 0, 0],
  E7: [0, 0, 0, 0, 1, 0, 0, 0],
  E8: [0, 0, 0, 0, 0, 0, 0, 0],
  E9: [0, 0, 0, 0, 0, 0, 0, 0],
};
export const ROW_TOTALS: Record<string, number> = { I1: 8, I2: 1, I3: 2, I4: 1, I5: 1, E1: 3, E2: 3, E3: 2, E4: 3, E5: 2, E6: 1, E7: 1, E8: 0, E9: 0 };
export const COLUMN_TOTALS = [4, 6, 6, 2, 4, 2, 3, 1];
export const PEOPLE_PER_THEME = [2, 5, 3, 2, 4, 2, 3, 1];
