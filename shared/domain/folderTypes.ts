/** What the browser-mode file browser shows: one folder's entries and the places to jump to. */
export interface FolderEntry {
  name: string;
  kind: 'folder' | 'file';
  /** Bytes; 0 for a folder. */
  size: number;
  /** ISO time of the last change. */
  modified: string;
}

export interface FolderPlace {
  label: string;
  path: string;
}

export interface FolderListing {
  /** The folder listed, absolute. */
  path: string;
  /** Its parent, or null at the root of the file system. */
  parent: string | null;
  /** The path as the user would type it: under the home folder it starts with `~`. */
  display: string;
  /** Folders first, then the files with one of the asked-for extensions, each by name. Hidden entries are left out. */
  entries: FolderEntry[];
  /** Entries not shown because the folder holds more than the listing's limit. */
  omitted: number;
  /** Home, the projects folder, and the folders of recent projects. */
  places: FolderPlace[];
}
