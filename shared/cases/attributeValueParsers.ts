/**
 * Readers for the typed attribute values a user types or a spreadsheet holds.
 * Each returns the canonical stored string or a reason the user can act on.
 * Input is already trimmed and known to be non-empty.
 */
export type ValueParse = { ok: true; canonical: string } | { ok: false; reason: string };

const PLAIN_DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function parseNumberText(s: string): ValueParse {
  if (!PLAIN_DECIMAL.test(s)) {
    // The two mistakes spreadsheets make most: thousands separators and decimal commas.
    const hint = /^-?[\d.,]+$/.test(s) && s.includes(',') ? ' (write it without thousands separators and with a point for decimals, e.g. 1234.5)' : '';
    return { ok: false, reason: `'${s}' is not a number${hint}` };
  }
  const n = Number(s);
  if (!Number.isFinite(n)) return { ok: false, reason: `'${s}' is too large to store as a number` };
  return { ok: true, canonical: plainNumberString(n) };
}

/**
 * String(n) without exponent notation. Canonical numbers must read back
 * through parseNumberText, which accepts plain decimals only, so 1e-7 is
 * stored as '0.0000001' (still the shortest round-tripping digits).
 */
export function plainNumberString(n: number): string {
  if (Object.is(n, -0)) return '0';
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', expText] = m;
  const digits = (lead as string) + frac;
  const exp = Number(expText);
  if (exp >= 0) {
    const intLen = 1 + exp;
    return sign + (digits.length <= intLen ? digits + '0'.repeat(intLen - digits.length) : `${digits.slice(0, intLen)}.${digits.slice(intLen)}`);
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6,
  july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DATE_FORMATS_HINT = 'use YYYY-MM-DD, DD/MM/YYYY or a form like 5 March 2021';

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function checkedDate(s: string, year: number, month: number, day: number, readAs: string): ValueParse {
  if (year < 1) return { ok: false, reason: `'${s}' is not a valid date (there is no year 0)` };
  if (month < 1 || month > 12) return { ok: false, reason: `'${s}' is not a valid date (there is no month ${month}${readAs})` };
  const max = daysInMonth(year, month);
  if (day < 1 || day > max) {
    return { ok: false, reason: `'${s}' is not a valid date (${MONTH_NAMES[month - 1]} ${year} has ${max} days)` };
  }
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  return { ok: true, canonical: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}

/** ISO YYYY-MM-DD, DD/MM/YYYY (never US order) or D Month YYYY, English month names. */
export function parseDateText(s: string): ValueParse {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return checkedDate(s, Number(m[1]), Number(m[2]), Number(m[3]), '');
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return checkedDate(s, Number(m[3]), Number(m[2]), Number(m[1]), '; dates with slashes are read as DD/MM/YYYY');
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[(m[2] as string).toLowerCase()];
    if (month === undefined) return { ok: false, reason: `'${s}' is not a date ('${m[2]}' is not an English month name)` };
    return checkedDate(s, Number(m[3]), month, Number(m[1]), '');
  }
  return { ok: false, reason: `'${s}' is not a date (${DATE_FORMATS_HINT})` };
}

const TRUE_WORDS = new Set(['true', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0']);

export function parseBooleanText(s: string): ValueParse {
  const lower = s.toLowerCase();
  if (TRUE_WORDS.has(lower)) return { ok: true, canonical: 'true' };
  if (FALSE_WORDS.has(lower)) return { ok: true, canonical: 'false' };
  return { ok: false, reason: `'${s}' is not a yes/no value (use true/false, yes/no or 1/0)` };
}

/**
 * The stored spelling of a choice. Matching ignores letter case so that
 * 'female' in a sheet lands on the existing choice 'Female' instead of
 * becoming a near-duplicate.
 */
export function matchChoice(s: string, choices: readonly string[]): string | undefined {
  if (choices.includes(s)) return s;
  const lower = s.toLowerCase();
  return choices.find((c) => c.toLowerCase() === lower);
}
