/**
 * Live checking of a search expression in the search box, with the same
 * parser the core runs, so a malformed expression is pointed at before it
 * is sent. Pure.
 */
import { parseSearchExpression } from '../../../../shared/queries/searchExpression.js';

export interface SearchProblem {
  message: string;
  /** The expression split around the token at fault (code points), for the pointer under the box. */
  before: string;
  token: string;
  after: string;
}

export const SEARCH_SYNTAX_HINT =
  'Words: trust members (both) · "exact phrase" · manag* (prefix) · trust OR faith · leads NOT sales · trust NEAR/5 members · ( ) groups. Case, accents and letters like ø, ł, ß, æ are ignored (soren finds Søren).';

/** The problem with an expression, or null when it parses. An empty box is not a problem (nothing to run). */
export function searchProblem(expression: string): SearchProblem | null {
  if (!expression.trim()) return null;
  try {
    parseSearchExpression(expression);
    return null;
  } catch (err) {
    const e = err as Error & { details?: { position?: unknown; token?: unknown } };
    const chars = Array.from(expression);
    const pos = typeof e.details?.position === 'number' ? Math.min(Math.max(0, e.details.position), chars.length) : chars.length;
    const tokenLength = typeof e.details?.token === 'string' ? Array.from(e.details.token).length : 0;
    return {
      message: e.message,
      before: chars.slice(0, pos).join(''),
      token: chars.slice(pos, pos + tokenLength).join(''),
      after: chars.slice(pos + tokenLength).join(''),
    };
  }
}
