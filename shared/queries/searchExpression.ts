/**
 * The text-search language users type, parsed into a tree and written out
 * as an FTS5 query in which every user word is a quoted string, so nothing
 * the user types is ever interpreted by FTS5 itself.
 *
 *   words            trust meetings        (side by side: both must occur — AND)
 *   "phrases"        "cluster meeting"     (straight or curly quotes)
 *   prefix*          manag*   "business adv"*
 *   AND OR NOT       trust OR confidence   leads NOT sales   (upper case only)
 *   NEAR, NEAR/n     trust NEAR/5 members  (at most n words apart; NEAR alone is 10)
 *   ( )              (trust OR faith) NOT god
 *
 * Precedence, tightest first: NEAR, NOT, AND, OR — as in FTS5. Matching
 * ignores case and accents (the index folds both). Pure: usable in the UI
 * for live validation.
 */
import { QuarryError } from '../errors.js';

export type SearchNode =
  | { kind: 'term'; text: string; prefix: boolean; phrase: boolean; position: number }
  | { kind: 'and' | 'or'; items: SearchNode[] }
  | { kind: 'not'; left: SearchNode; right: SearchNode }
  | { kind: 'near'; terms: Extract<SearchNode, { kind: 'term' }>[]; distance: number };

type TermNode = Extract<SearchNode, { kind: 'term' }>;

export const DEFAULT_NEAR_DISTANCE = 10;
export const MAX_EXPRESSION_LENGTH = 2000;

type Token =
  | { t: 'word' | 'phrase'; text: string; prefix: boolean; pos: number; raw: string }
  | { t: 'and' | 'or' | 'not' | 'lparen' | 'rparen'; pos: number; raw: string }
  | { t: 'near'; distance: number; pos: number; raw: string }
  | { t: 'end'; pos: number; raw: string };

const OPEN_QUOTES = new Set(['"', '\u201c', '\u201e']);
const CLOSE_QUOTES = new Set(['"', '\u201d', '\u201c']);
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/** A user-facing parse error that says where the problem is (positions are code points, 0-based). */
function fail(expression: string, pos: number, token: string, problem: string): never {
  const where = token ? `“${token}” at character ${pos + 1}` : `the end`;
  throw new QuarryError('invalid_input', `The search “${expression}” cannot be run: ${problem} (${where}).`, {
    position: pos,
    token,
    problem,
  });
}

/** Splits the expression into tokens; positions are code-point offsets. */
function tokenize(expr: string): Token[] {
  const chars = Array.from(expr);
  const tokens: Token[] = [];
  let i = 0;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);
  const isBreak = (c: string | undefined) => c === undefined || isSpace(c) || c === '(' || c === ')' || OPEN_QUOTES.has(c);
  while (i < chars.length) {
    const c = chars[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ t: c === '(' ? 'lparen' : 'rparen', pos: i, raw: c });
      i++;
      continue;
    }
    if (OPEN_QUOTES.has(c)) {
      let j = i + 1;
      while (j < chars.length && !CLOSE_QUOTES.has(chars[j]!)) j++;
      if (j >= chars.length) fail(expr, i, c, 'this quotation mark is never closed');
      const text = chars.slice(i + 1, j).join('');
      let end = j + 1;
      const prefix = chars[end] === '*';
      if (prefix) end++;
      if (!isBreak(chars[end])) fail(expr, end, chars[end]!, 'a phrase must be followed by a space');
      tokens.push({ t: 'phrase', text, prefix, pos: i, raw: chars.slice(i, end).join('') });
      i = end;
      continue;
    }
    const pos = i;
    let j = i;
    while (!isBreak(chars[j])) j++;
    const raw = chars.slice(i, j).join('');
    i = j;
    if (raw === 'AND' || raw === 'OR' || raw === 'NOT') {
      tokens.push({ t: raw === 'AND' ? 'and' : raw === 'OR' ? 'or' : 'not', pos, raw });
      continue;
    }
    const near = /^NEAR(?:\/(\d*))?$/.exec(raw);
    if (near) {
      if (near[1] === '') fail(expr, pos, raw, 'NEAR/ needs a number of words, as in NEAR/5');
      const distance = near[1] === undefined ? DEFAULT_NEAR_DISTANCE : Number(near[1]);
      if (distance > 1000) fail(expr, pos, raw, 'NEAR allows at most 1000 words between the terms');
      tokens.push({ t: 'near', distance, pos, raw });
      continue;
    }
    const star = raw.indexOf('*');
    if (star >= 0 && star !== raw.length - 1) fail(expr, pos, raw, 'an asterisk can only end a word (as in manag*)');
    tokens.push({ t: 'word', text: star >= 0 ? raw.slice(0, -1) : raw, prefix: star >= 0, pos, raw });
  }
  tokens.push({ t: 'end', pos: chars.length, raw: '' });
  return tokens;
}

/** Parses a search expression; throws QuarryError('invalid_input') naming the position and token at fault. */
export function parseSearchExpression(expression: string): SearchNode {
  if (!expression.trim()) throw new QuarryError('invalid_input', 'Type a word or phrase to search for.', { position: 0, token: '' });
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    throw new QuarryError('invalid_input', `A search is limited to ${MAX_EXPRESSION_LENGTH} characters.`, { position: MAX_EXPRESSION_LENGTH, token: '' });
  }
  const tokens = tokenize(expression);
  let k = 0;
  const peek = () => tokens[k]!;
  const next = () => tokens[k++]!;
  const startsOperand = (t: Token) => t.t === 'word' || t.t === 'phrase' || t.t === 'lparen';

  const needOperand = (after: Token): never => {
    const t = peek();
    if (t.t === 'end') fail(expression, after.pos, after.raw, `${after.raw} needs a word or phrase after it`);
    return fail(expression, t.pos, t.raw, `${after.raw} needs a word or phrase after it`);
  };

  const term = (t: Extract<Token, { t: 'word' | 'phrase' }>): TermNode => {
    if (!HAS_WORD_CHAR.test(t.text)) {
      fail(expression, t.pos, t.raw, t.t === 'phrase' ? 'the phrase has no letters or digits to search for' : 'there are no letters or digits to search for');
    }
    return { kind: 'term', text: t.text, prefix: t.prefix, phrase: t.t === 'phrase', position: t.pos };
  };

  function primary(): SearchNode {
    const t = peek();
    if (t.t === 'lparen') {
      next();
      if (peek().t === 'rparen') fail(expression, peek().pos, ')', 'the brackets are empty');
      const inner = orExpr();
      const close = peek();
      if (close.t !== 'rparen') fail(expression, t.pos, '(', 'this bracket is never closed');
      next();
      return inner;
    }
    if (t.t === 'word' || t.t === 'phrase') {
      next();
      return term(t);
    }
    if (t.t === 'rparen') return fail(expression, t.pos, ')', 'this bracket was never opened');
    if (t.t === 'end') return fail(expression, t.pos, '', 'the search ends where a word or phrase was expected');
    return fail(expression, t.pos, t.raw, `${t.raw} needs a word or phrase before it`);
  }

  function nearExpr(): SearchNode {
    const first = primary();
    if (peek().t !== 'near') return first;
    const terms: TermNode[] = [];
    let distance = -1;
    const asTerm = (n: SearchNode, at: Token): TermNode => {
      if (n.kind !== 'term') return fail(expression, at.pos, at.raw, 'NEAR joins words or phrases, not bracketed groups');
      return n;
    };
    terms.push(asTerm(first, peek()));
    while (peek().t === 'near') {
      const op = next() as Extract<Token, { t: 'near' }>;
      if (distance >= 0 && op.distance !== distance) fail(expression, op.pos, op.raw, 'every NEAR in one chain must allow the same distance');
      distance = op.distance;
      if (!startsOperand(peek())) needOperand(op);
      const at = peek();
      terms.push(asTerm(primary(), at));
    }
    return { kind: 'near', terms, distance };
  }

  function notExpr(): SearchNode {
    let left = nearExpr();
    while (peek().t === 'not') {
      const op = next();
      if (!startsOperand(peek())) needOperand(op);
      left = { kind: 'not', left, right: nearExpr() };
    }
    return left;
  }

  function andExpr(): SearchNode {
    const items = [notExpr()];
    for (;;) {
      const t = peek();
      if (t.t === 'and') {
        next();
        if (!startsOperand(peek())) needOperand(t);
        items.push(notExpr());
      } else if (startsOperand(t)) {
        items.push(notExpr());
      } else break;
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  function orExpr(): SearchNode {
    const items = [andExpr()];
    while (peek().t === 'or') {
      const op = next();
      if (!startsOperand(peek())) needOperand(op);
      items.push(andExpr());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  if (peek().t === 'not') fail(expression, peek().pos, 'NOT', 'NOT needs a word or phrase before it (as in leads NOT sales)');
  const tree = orExpr();
  const rest = peek();
  if (rest.t !== 'end') {
    if (rest.t === 'rparen') fail(expression, rest.pos, ')', 'this bracket was never opened');
    fail(expression, rest.pos, rest.raw, `${rest.raw} needs a word or phrase before it`);
  }
  return tree;
}

const ftsString = (text: string): string => `"${text.replace(/"/g, '""')}"`;

function termToFts(t: TermNode): string {
  return `${ftsString(t.text)}${t.prefix ? ' *' : ''}`;
}

/** The FTS5 query for a parsed expression: fully bracketed, every word a quoted string. */
export function toFtsQuery(node: SearchNode): string {
  switch (node.kind) {
    case 'term':
      return termToFts(node);
    case 'and':
      return node.items.map((n) => `(${toFtsQuery(n)})`).join(' AND ');
    case 'or':
      return node.items.map((n) => `(${toFtsQuery(n)})`).join(' OR ');
    case 'not':
      return `(${toFtsQuery(node.left)}) NOT (${toFtsQuery(node.right)})`;
    case 'near':
      return `NEAR(${node.terms.map(termToFts).join(' ')}, ${node.distance})`;
  }
}

/** Parses and translates in one go. */
export function searchToFts(expression: string): string {
  return toFtsQuery(parseSearchExpression(expression));
}
