/**
 * What to export and how: one request shape for the API, the CLI and the
 * export dialog. Checked with zod at the API boundary.
 */
import { z } from 'zod';

const caption = z.string().max(500).optional();
const labelTemplate = z.string().max(200).optional();
const orientation = z.enum(['auto', 'portrait', 'landscape']).optional();
const name = z.string().min(1).max(500);

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
    measure: z.enum(['references', 'sources', 'cases', 'words', 'coverage']).optional(),
    coder: z.string().min(1).optional(),
    caption,
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
    codes: z.array(name).min(1).max(1000),
    labelTemplate,
    order: z.enum(['case', 'source']).optional(),
    memos: z.boolean().optional(),
    includeChildren: z.boolean().optional(),
    coder: z.string().min(1).optional(),
    title: caption,
  }),
]);

export type ExportRequest = z.output<typeof exportRequestSchema>;

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}
