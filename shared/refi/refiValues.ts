/**
 * Simple-type values of the REFI-QDA schemas: colours, booleans, dates and
 * the typed variable values, read leniently and written exactly as the XSD
 * types require (xsd:decimal has no exponent, xsd:date has no time...).
 */
import type { RefiVariableType, RefiVariableValue } from './refiModel.js';

const DATE_TIME_RE = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-](0\d|1[0-4]):[0-5]\d)?$/;
const DATE_RE = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-](0\d|1[0-4]):[0-5]\d)?$/;
const INTEGER_RE = /^[+-]?\d+$/;
const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function isXsdDateTime(s: string): boolean {
  return DATE_TIME_RE.test(s);
}

export function isXsdDate(s: string): boolean {
  return DATE_RE.test(s);
}

/** '#abc' or '#AABBCC' → '#AABBCC'; anything else → undefined. */
export function normalizeColor(raw: string | undefined): string | undefined {
  const t = raw?.trim();
  if (!t) return undefined;
  const short = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(t);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toUpperCase();
  return /^#[0-9a-fA-F]{6}$/.test(t) ? t.toUpperCase() : undefined;
}

/** xsd:boolean ('true', 'false', '1', '0'); undefined if it is none of those. */
export function parseXsdBoolean(raw: string | undefined): boolean | undefined {
  const t = raw?.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

/** A dateTime for an attribute: kept if valid, converted if it parses as a date, else dropped. */
export function toXsdDateTime(raw: string | undefined): string | undefined {
  const t = raw?.trim();
  if (!t) return undefined;
  if (isXsdDateTime(t)) return t;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A finite number as an xsd:decimal literal (never exponent notation). */
export function formatDecimal(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(n.toExponential());
  if (!m) return s;
  const [, sign, lead, frac = '', expText] = m;
  const digits = `${lead}${frac}`;
  const point = 1 + Number(expText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The value of a <VariableValue>, typed by which value element it holds. */
export function readValueElement(elementName: string | undefined, text: string): RefiVariableValue['value'] {
  const t = text.trim();
  switch (elementName) {
    case undefined:
      return null;
    case 'TextValue':
      return text;
    case 'BooleanValue':
      return parseXsdBoolean(t) ?? t;
    case 'IntegerValue':
      return INTEGER_RE.test(t) ? Number(t) : t;
    case 'FloatValue': {
      const n = Number(t);
      return t !== '' && Number.isFinite(n) ? n : t;
    }
    default: // DateValue, DateTimeValue
      return t;
  }
}

/**
 * The value element to write for a value of a variable of the given type,
 * or undefined for no value. A value that does not fit its type is written
 * as TextValue rather than as an invalid typed value.
 */
export function valueElementFor(type: RefiVariableType, value: RefiVariableValue['value']): { element: string; text: string } | undefined {
  if (value === null) return undefined;
  const asText = { element: 'TextValue', text: String(value) };
  switch (type) {
    case 'Text':
      return asText;
    case 'Boolean': {
      const b = typeof value === 'boolean' ? value : parseXsdBoolean(String(value));
      return b === undefined ? asText : { element: 'BooleanValue', text: String(b) };
    }
    case 'Integer': {
      if (typeof value === 'number') return Number.isInteger(value) ? { element: 'IntegerValue', text: BigInt(value).toString() } : asText;
      return typeof value === 'string' && INTEGER_RE.test(value.trim()) ? { element: 'IntegerValue', text: value.trim() } : asText;
    }
    case 'Float': {
      if (typeof value === 'number') return Number.isFinite(value) ? { element: 'FloatValue', text: formatDecimal(value) } : asText;
      return typeof value === 'string' && DECIMAL_RE.test(value.trim()) ? { element: 'FloatValue', text: value.trim() } : asText;
    }
    case 'Date':
      return typeof value === 'string' && isXsdDate(value.trim()) ? { element: 'DateValue', text: value.trim() } : asText;
    case 'DateTime':
      return typeof value === 'string' && isXsdDateTime(value.trim()) ? { element: 'DateTimeValue', text: value.trim() } : asText;
  }
}

export const VARIABLE_TYPES: readonly RefiVariableType[] = ['Text', 'Boolean', 'Integer', 'Float', 'Date', 'DateTime'];
