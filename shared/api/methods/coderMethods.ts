import { z } from 'zod';
import type { CodersOverview } from '../../domain/coderTypes.js';
import { method } from '../defineMethod.js';
import { coderNameSchema, colorSchema } from './valueSchemas.js';

const name = coderNameSchema;

export const coderMethods = {
  /** The project's coders with their activity, and whether this machine still has to choose who it codes as. */
  'coders.overview': method<CodersOverview>()(z.object({}), { reads: ['coders', 'counts'] }),
  /**
   * "Code as": remembers the name on this machine and makes it a coder of the
   * open project (an undoable "Add coder" when new; nothing is written to a
   * read-only project).
   */
  'coders.choose': method<CodersOverview>()(z.object({ name }), { invalidates: true, affects: ['app', 'coders', 'project', 'history'] }),
  /** Edits a coder; renaming this machine's coder renames the remembered name too. */
  'coders.edit': method<CodersOverview>()(
    z.object({
      id: z.number().int().positive(),
      name,
      initials: z.string().trim().max(4).optional(),
      color: colorSchema.optional(),
    }),
    { mutates: true, affects: ['app', 'coders', 'codings', 'project', 'history'] },
  ),
} as const;
