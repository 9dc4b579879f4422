/**
 * The shape of every row read from another project's file, built from the
 * API contract's own value schemas (api/methods/valueSchemas.ts): a row the
 * API would refuse is refused from a file too. Another program may have
 * written that file, so even the column types are checked.
 */
import { z } from 'zod';
import { MEDIA_MIMES } from '../media/mediaTypes.js';
import { CONTROL, attributeTypeSchema, codeNameSchema, coderNameSchema, colorSchema, nameSchema } from '../api/methods/valueSchemas.js';

const id = z.number().int().positive();
const optionalId = id.nullable();
const pos = z.number().int().nonnegative();
const guid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'its GUID is not a GUID');
const time = z.string().max(64, 'its date is not a date');
const text = z.string();
/** Short technical fields (file name, encoding, type, hash). */
const label = z.string().max(1000);
const flag = z.union([z.literal(0), z.literal(1)]).default(1);

export const userRow = z.object({ id, guid, name: coderNameSchema, initials: z.string().max(10), color: colorSchema, createdAt: time });

export const codeRow = z.object({
  id,
  guid,
  parentId: optionalId,
  name: codeNameSchema,
  color: colorSchema.nullable(),
  description: text,
  sortOrder: z.number(),
  createdAt: time,
  createdBy: optionalId,
  // As the project file's CHECK constraint allows; a row without it (hand-made, or older) is a codable code.
  isCodable: flag,
});

export const sourceRow = z.object({
  id,
  guid,
  name: nameSchema,
  characters: pos,
  contentHash: label,
  originName: label,
  originType: label,
  encoding: label,
  description: text,
  caseId: optionalId,
  createdAt: time,
  createdBy: optionalId,
});

export const codingRow = z
  .object({ id, guid, sourceId: id, codeId: id, start: pos, end: pos, coderId: id, createdAt: time })
  .refine((c) => c.end > c.start, 'its end is not after its start');

/** What a memo is attached to must be named, as the project file's own constraint asks. */
function attached(m: { target: string; sourceId: number | null; codeId: number | null; codingId: number | null; caseId: number | null; start: number | null; end: number | null }): boolean {
  switch (m.target) {
    case 'project':
      return m.sourceId === null && m.codeId === null && m.codingId === null && m.caseId === null;
    case 'source':
      return m.sourceId !== null && m.start === null;
    case 'code':
      return m.codeId !== null;
    case 'coding':
      return m.codingId !== null;
    case 'case':
      return m.caseId !== null;
    default:
      return m.sourceId !== null && m.start !== null && m.end !== null && m.end > m.start;
  }
}

export const memoRow = z.object({
  id,
  guid,
  target: z.enum(['project', 'source', 'code', 'coding', 'case', 'span']),
  sourceId: optionalId,
  codeId: optionalId,
  codingId: optionalId,
  caseId: optionalId,
  start: pos.nullable(),
  end: pos.nullable(),
  title: text,
  body: text,
  authorId: optionalId,
  createdAt: time,
  modifiedAt: time,
}).refine(attached, 'its note does not say what it is attached to');

export const caseRow = z.object({ id, guid, name: nameSchema, description: text, createdAt: time, parentId: optionalId, classificationId: optionalId });

export const classificationRow = z.object({ id, guid, name: nameSchema, description: text });

/** Choices stay the file's JSON text here; checkSnapshot reads them with the contract's choice-list schema. */
export const attributeRow = z.object({
  id,
  guid,
  name: nameSchema,
  type: attributeTypeSchema,
  choices: z.string(),
  description: text,
  sortOrder: z.number(),
  /** Absent for source attributes, which have no classification. */
  classificationId: optionalId.optional(),
});

export const valueRow = z.object({ caseId: id, attributeId: id, kind: z.enum(['value', 'unassigned', 'not_applicable']), value: z.string().nullable() });

export const sourceValueRow = z.object({ sourceId: id, attributeId: id, kind: z.enum(['value', 'unassigned', 'not_applicable']), value: z.string().nullable() });

export const caseSpanRow = z
  .object({ id, guid, caseId: id, sourceId: id, start: pos, end: pos, createdAt: time })
  .refine((s) => s.end > s.start, 'its end is not after its start');

/** The rule stays JSON text here; checkSnapshot reads it with the contract's rule schema. */
export const caseSetRow = z.object({ id, guid, name: nameSchema, description: text, rule: z.string().nullable(), members: z.array(id) });

/** A source set or code set; its members are source or code ids of the same file. */
export const itemSetRow = z.object({ id, guid, kind: z.enum(['sources', 'codes']), name: nameSchema, description: text, members: z.array(id) });

/**
 * A recording's row. Its type decides how it is served, so only the types
 * Quarry itself gives recordings pass; a linked one's path is a path, no
 * more (the player reads it only when the file there has the recorded size).
 */
export const mediaRow = z
  .object({
    sourceId: id,
    kind: z.enum(['audio', 'video']),
    mime: z.string().refine((m) => MEDIA_MIMES.includes(m), 'its type is not one of a recording'),
    fileName: nameSchema,
    durationMs: pos,
    bytes: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'its checksum is not a checksum'),
    embedded: z.union([z.literal(0), z.literal(1)]).transform((e) => e === 1),
    linkPath: z.string().min(1).max(4096).refine((p) => !CONTROL.test(p), 'its link is not a path').nullable(),
    chunks: pos,
    chunkBytes: pos,
    lastSeq: z.number().int(),
  })
  .refine((m) => m.embedded === (m.linkPath === null), 'it is neither stored nor linked')
  .refine((m) => !m.embedded || (m.chunkBytes === m.bytes && m.lastSeq === m.chunks - 1), 'its stored pieces do not add up to the recording');

export const cueRow = z
  .object({ sourceId: id, start: pos, end: pos, startMs: pos, endMs: pos })
  .refine((c) => c.end >= c.start, 'its text ends before it starts')
  .refine((c) => c.endMs >= c.startMs, 'its time ends before it starts');
