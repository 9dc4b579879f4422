import { listFolder } from '../../app/folderListing.js';
import { QuarryError } from '../../errors.js';
import type { fileMethods } from '../methods/fileMethods.js';
import type { HandlersFor } from './handlerTypes.js';

export const fileHandlers: HandlersFor<keyof typeof fileMethods> = {
  'files.list': (a, session) => {
    // The desktop app has the system's open and save dialogs; its renderer gets no way to list folders.
    if (session.platform !== 'web') throw new QuarryError('bad_request', 'Listing folders is only for browser mode; the desktop app uses the system’s file dialogs.');
    return listFolder(
      { path: a.path, extensions: a.extensions },
      { projectsDir: session.projectsDir, recentFiles: session.settings.read().recent.map((r) => r.path) },
    );
  },
};
