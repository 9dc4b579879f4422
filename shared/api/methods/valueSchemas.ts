/**
 * The shapes of values users name and choose — names, colours, choice
 * lists, case-set rules — shared by the API contract and by everything that
 * brings rows in from a file (merge, REFI-QDA import, classification
 * sheets), so that a value refused at the API is refused from a file too.
 */
import { z } from 'zod';
import { ATTRIBUTE_TYPES } from '../../cases/attributeTypeRegistry.js';

/** C0 and C1 control characters: never part of a name (they break lists, exports and XML). */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const MAX_NAME_CHARS = 500;

/** A trimmed label of 1 to `max` characters without control characters, with messages that name what it is. */
function label(max: number, what: { empty: string; long: string; control: string }) {
  return z
    .string()
    .trim()
    .min(1, what.empty)
    .max(max, what.long)
    .refine((s) => !CONTROL.test(s), what.control);
}

const NAME_CONTROL = 'the name contains control characters';

/** The name of a code, case, attribute, source or case set. */
export const nameSchema = label(MAX_NAME_CHARS, { empty: 'the name is empty', long: `the name is longer than ${MAX_NAME_CHARS} characters`, control: NAME_CONTROL });

/** A code's name (a level of a code path): shorter, as the code tree shows it whole. */
export const codeNameSchema = label(200, { empty: 'the name is empty', long: 'the name is longer than 200 characters', control: NAME_CONTROL });

export const coderNameSchema = label(100, { empty: 'a coder needs a name', long: 'a coder’s name is longer than 100 characters', control: NAME_CONTROL });

export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour in the form #rrggbb');

export const attributeTypeSchema = z.enum(ATTRIBUTE_TYPES);

/** One choice of a choice attribute: a label like a name. */
export const choiceSchema = label(MAX_NAME_CHARS, { empty: 'a choice is empty', long: `a choice is longer than ${MAX_NAME_CHARS} characters`, control: 'a choice contains control characters' });

export const MAX_CHOICES = 1000;

export const choicesSchema = z.array(choiceSchema).max(MAX_CHOICES, 'more than 1,000 choices');

const ruleCondition = z.object({
  attribute: z.string().min(1),
  operator: z.enum(['=', '!=', '<', '<=', '>', '>=', 'in']),
  value: z.union([z.string(), z.array(z.string()).min(1)]),
});

export const caseSetRuleSchema = z.object({ op: z.enum(['and', 'or']), conditions: z.array(ruleCondition).min(1).max(50) });

/** A name as a report shows it: control characters made visible, at most 80 characters. */
export function shownName(name: string): string {
  const shown = name.replace(new RegExp(CONTROL.source, 'g'), '�');
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
}

/** The first problem's own words, without where it was ("a choice is empty"). */
export function issueMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'the value does not fit';
}

/** Field names as a user would say them. */
const FIELD_WORDS: Record<string, string> = {
  color: 'colour',
  guid: 'GUID',
  createdAt: 'date',
  modifiedAt: 'date',
  parentId: 'parent code',
  sourceId: 'source',
  codeId: 'code',
  codingId: 'coding',
  caseId: 'case',
  coderId: 'coder',
  authorId: 'author',
  createdBy: 'creator',
  sortOrder: 'place in the list',
  characters: 'length',
  contentHash: 'text fingerprint',
  originName: 'original file name',
  originType: 'original file type',
  start: 'start',
  end: 'end',
};

const fieldWord = (key: PropertyKey): string => FIELD_WORDS[String(key)] ?? String(key).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** Why a row read from a file does not fit, in plain words: "its colour is not a colour in the form #rrggbb". */
export function rowProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not fit';
  const key = issue.path[0];
  if (key === undefined) return /^(the|its) /.test(issue.message) ? issue.message : 'it is not a row of the expected kind';
  const word = fieldWord(key);
  if (issue.code === 'invalid_type') return `its ${word} is missing or of the wrong kind`;
  if (/^(the|its) /.test(issue.message)) return issue.message;
  if (/^an? /.test(issue.message)) return `its ${word} is not ${issue.message}`;
  return `its ${word} does not fit (${issue.message})`;
}
