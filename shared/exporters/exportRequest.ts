/**
 * What to export and how: one request shape for the API, the CLI and the
 * export dialog. Checked with zod at the API boundary.
 */
import { z } from 'zod';
import { reportFilterSchema } from './reportFilterSchema.js';

const caption = z.string().max(500).optional();
const labelTemplate = z.string().max(200).optional();
const orientation = z.enum(['auto', 'portrait', 'landscape']).optional();
const name = z.string().min(1).max(500);
/** Cases, a case set, attribute conditions and sources the report is narrowed to (see reportFilter.ts). */
const filter = reportFilterSchema;

export const exportRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('framework'),
    format: z.literal('docx'),
    /** The saved framework matrix, by name. */
    name,
    caption,
    /** Adds the linked passages under each cell as quotes. */
    quotes: z.boolean().optional(),
    labelTemplate,
    orientation,
  }),
  z.object({
    kind: z.literal('matrix'),
    format: z.enum(['docx', 'csv']),
    /** As `quarry matrix`: cases | attribute:NAME | set:NAME | sets | codes. */
    rows: name,
    /** As `quarry matrix`: codes | children:PATH. */
    cols: name,
    /** With cols "codes": exactly these codes as columns, in this order (`--col PATH`, repeatable). */
    colCodes: z.array(name).max(1000).optional(),
    /** With rows "codes": exactly these codes as rows. */
    rowCodes: z.array(name).max(1000).optional(),
    measure: z.enum(['references', 'sources', 'cases', 'words', 'coverage']).optional(),
    coder: z.string().min(1).optional(),
    filter,
    caption,
    /** The header of the row-label column ("Firm"); default from the rows ("Case", "Code", the attribute). */
    rowHeader: z.string().max(200).optional(),
    /** A note printed under the table, after the measure. */
    note: z.string().max(2000).optional(),
    /** Word: "apa" rules the table with horizontal lines only. */
    style: z.enum(['grid', 'apa']).optional(),
    rowPercentages: z.boolean().optional(),
    shading: z.boolean().optional(),
    orientation,
  }),
  z.object({
    kind: z.literal('cases'),
    format: z.enum(['docx', 'csv']),
    groupBy: name.optional(),
    attributes: z.array(name).max(500).optional(),
    /** CSV: leave plain numbers ("-3") unprefixed; other cells starting = + - @ get a ' (see csvCells.ts). */
    rawNumbers: z.boolean().optional(),
    filter,
    caption,
    orientation,
  }),
  z.object({
    kind: z.literal('codebook'),
    format: z.literal('docx'),
    examples: z.boolean().optional(),
    labelTemplate,
    guide: z.boolean().optional(),
    title: caption,
  }),
  z.object({
    kind: z.literal('quotes'),
    format: z.enum(['docx', 'csv']),
    /** May be empty when the filter names a code set: the set's codes then. */
    codes: z.array(name).max(1000),
    labelTemplate,
    order: z.enum(['case', 'source']).optional(),
    memos: z.boolean().optional(),
    includeChildren: z.boolean().optional(),
    /** Under each code, one sub-heading per sub-code (its own name), its passages there. */
    bySubcode: z.boolean().optional(),
    coder: z.string().min(1).optional(),
    filter,
    title: caption,
  }),
]);

export type ExportRequest = z.output<typeof exportRequestSchema>;

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}
