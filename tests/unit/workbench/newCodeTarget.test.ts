/**
 * Typed names for a new code (renderer/features/codes/newCodeTarget.ts):
 * "A/B" is a path from where the code goes, "\/" a literal slash.
 */
import { describe, expect, it } from 'vitest';
import { splitPath } from '../../../shared/domain/codePath.js';
import { describePath, newCodeTarget } from '../../../renderer/features/codes/newCodeTarget.js';

describe('new code target', () => {
  it('a plain name is one code', () => {
    expect(newCodeTarget('  Trust ', null)).toEqual({ kind: 'name', name: 'Trust' });
    expect(newCodeTarget('Trust', 'Outcomes')).toEqual({ kind: 'name', name: 'Trust' });
    expect(newCodeTarget('   ', null)).toEqual({ kind: 'none' });
  });

  it('A/B is a path from the top level, or from the parent with + Child', () => {
    expect(newCodeTarget('Outcomes/Trust', null)).toEqual({ kind: 'path', path: 'Outcomes/Trust', names: ['Outcomes', 'Trust'] });
    const under = newCodeTarget('Early / Late', 'Phases');
    expect(under).toEqual({ kind: 'path', path: 'Phases/Early / Late', names: ['Early', 'Late'] });
    expect(splitPath(under.kind === 'path' ? under.path : '')).toEqual(['Phases', 'Early', 'Late']);
    expect(describePath(['Outcomes', 'Trust'])).toBe('Outcomes › Trust');
  });

  it('an escaped slash stays in the name, also inside a path', () => {
    expect(newCodeTarget('Input\\/output', null)).toEqual({ kind: 'name', name: 'Input/output' });
    const t = newCodeTarget('Devices/Input\\/output', 'IT');
    expect(t.kind === 'path' && splitPath(t.path)).toEqual(['IT', 'Devices', 'Input/output']);
  });

  it('drops empty levels from stray slashes', () => {
    const t = newCodeTarget('/Outcomes//Trust/', null);
    expect(t).toEqual({ kind: 'path', path: 'Outcomes/Trust', names: ['Outcomes', 'Trust'] });
    expect(newCodeTarget('/', null)).toEqual({ kind: 'none' });
  });
});
