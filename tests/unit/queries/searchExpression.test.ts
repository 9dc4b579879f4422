/**
 * The search language: what each construct becomes in FTS5 (every user
 * word quoted), and malformed expressions refused with the position and
 * token at fault.
 */
import { describe, expect, it } from 'vitest';
import { QuarryError } from '../../../shared/errors.js';
import { parseSearchExpression, searchToFts } from '../../../shared/queries/searchExpression.js';

function failure(expression: string): { message: string; position: number; token: string } {
  try {
    parseSearchExpression(expression);
  } catch (err) {
    expect(err).toBeInstanceOf(QuarryError);
    expect((err as QuarryError).code).toBe('invalid_input');
    const d = (err as QuarryError).details as { position: number; token: string };
    return { message: (err as Error).message, position: d.position, token: d.token };
  }
  throw new Error(`“${expression}” parsed`);
}

describe('search expressions', () => {
  it('quote every word, so nothing the user types is FTS5 syntax', () => {
    expect(searchToFts('trust')).toBe('"trust"');
    expect(searchToFts('trust meetings')).toBe('("trust") AND ("meetings")');
    expect(searchToFts('"cluster meeting"')).toBe('"cluster meeting"');
    expect(searchToFts('“cluster meeting”')).toBe('"cluster meeting"');
    expect(searchToFts('manag*')).toBe('"manag" *');
    expect(searchToFts('"business adv"*')).toBe('"business adv" *');
    expect(searchToFts('trust OR faith')).toBe('("trust") OR ("faith")');
    expect(searchToFts('leads NOT sales')).toBe('("leads") NOT ("sales")');
    expect(searchToFts('trust NEAR/5 members')).toBe('NEAR("trust" "members", 5)');
    expect(searchToFts('a NEAR b NEAR c')).toBe('NEAR("a" "b" "c", 10)');
  });

  it('treats lower-case operators, column syntax and FTS5 punctuation as words', () => {
    expect(searchToFts('trust and faith')).toBe('("trust") AND ("and") AND ("faith")');
    expect(searchToFts('text:trust')).toBe('"text:trust"');
    expect(searchToFts('say "no"')).toBe('("say") AND ("no")');
    expect(searchToFts('^start day-to-day')).toBe('("^start") AND ("day-to-day")');
    expect(searchToFts('near/3')).toBe('"near/3"');
  });

  it('binds NEAR, then NOT, then AND, then OR (as FTS5 does)', () => {
    expect(searchToFts('a b OR c NOT d')).toBe('(("a") AND ("b")) OR (("c") NOT ("d"))');
    expect(searchToFts('(a OR b) c')).toBe('(("a") OR ("b")) AND ("c")');
    expect(searchToFts('a NOT b NOT c')).toBe('(("a") NOT ("b")) NOT ("c")');
  });

  it('keeps accents and case in the query (the index folds both)', () => {
    expect(searchToFts('CAFÉ')).toBe('"CAFÉ"');
  });

  it('refuses malformed expressions, pointing at the problem', () => {
    expect(failure('"cluster meeting')).toMatchObject({ position: 0, token: '"' });
    expect(failure('"cluster meeting').message).toMatch(/quotation mark is never closed.*character 1/);
    expect(failure('trust AND')).toMatchObject({ position: 6, token: 'AND' });
    expect(failure('trust AND').message).toMatch(/AND needs a word or phrase after it/);
    expect(failure('NOT trust')).toMatchObject({ position: 0, token: 'NOT' });
    expect(failure('trust OR OR faith')).toMatchObject({ position: 9, token: 'OR' });
    expect(failure('(trust OR faith')).toMatchObject({ position: 0, token: '(' });
    expect(failure('trust)')).toMatchObject({ position: 5, token: ')' });
    expect(failure('()')).toMatchObject({ position: 1, token: ')' });
    expect(failure('ma*nag')).toMatchObject({ position: 0, token: 'ma*nag' });
    expect(failure('trust NEAR/ faith')).toMatchObject({ position: 6, token: 'NEAR/' });
    expect(failure('(a OR b) NEAR c')).toMatchObject({ token: 'NEAR' });
    expect(failure('a NEAR/3 b NEAR/4 c')).toMatchObject({ position: 11, token: 'NEAR/4' });
    expect(failure('trust --')).toMatchObject({ position: 6, token: '--' });
    expect(failure('"..."')).toMatchObject({ position: 0, token: '"..."' });
    expect(failure('"a"b')).toMatchObject({ position: 3, token: 'b' });
    expect(failure('   ').message).toMatch(/Type a word/);
  });

  it('counts positions in code points', () => {
    // The emoji is one code point (two UTF-16 units).
    expect(failure('"😀 x" AND')).toMatchObject({ position: 6, token: 'AND' });
    expect(failure('😀 trust')).toMatchObject({ position: 0, token: '😀' });
  });
});
