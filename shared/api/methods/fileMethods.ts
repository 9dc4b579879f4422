import { z } from 'zod';
import type { FolderListing } from '../../domain/folderTypes.js';
import { method } from '../defineMethod.js';

export const fileMethods = {
  /**
   * One folder's subfolders and the files with the given extensions, for
   * browser mode's file browser (read-only; the desktop app uses the
   * system's dialogs and refuses this). An empty path lists the folder of
   * the latest project.
   */
  'files.list': method<FolderListing>()(
    z.object({
      path: z.string().max(4096).optional(),
      extensions: z.array(z.string().regex(/^\.[A-Za-z0-9]{1,10}$/, 'an extension such as .quarry')).max(20),
    }),
    { reads: ['app'] },
  ),
} as const;
