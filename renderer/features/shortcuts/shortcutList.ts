/** Every keyboard shortcut, as the shortcuts panel lists it. Chords use keyChord's notation. */
export interface ShortcutInfo {
  keys: string[];
  action: string;
}

export interface ShortcutGroup {
  title: string;
  items: ShortcutInfo[];
}

export const SHORTCUT_GROUPS: ShortcutGroup[] = [
  {
    title: 'Coding a selection',
    items: [
      { keys: ['Mod+K', 'C'], action: 'Code the selection with the code picker (type to search, ↑↓ and Enter; a new name creates the code)' },
      { keys: ['Mod+1…9', '1…9'], action: 'Quick keys: apply one of the last nine codes used (bare digits while text is selected)' },
      { keys: ['V'], action: 'In vivo: new code named from the selected words (under the active code), applied' },
      { keys: ['A'], action: 'Annotate the selection (a note beside the text)' },
      { keys: ['Shift+←/→', 'Mod+Shift+←/→'], action: 'Extend the selection in the document by a character / a word' },
      { keys: ['Escape'], action: 'Clear the selection and the selected coding' },
    ],
  },
  {
    title: 'A selected coding (click its stripe or its highlight)',
    items: [
      { keys: ['N', 'Shift+N'], action: 'Select the next / previous coding in the document' },
      { keys: ['Delete', 'Backspace'], action: 'Uncode: remove the coding' },
      { keys: ['R'], action: 'Recode: move the coding to another code (picker)' },
      { keys: ['S'], action: 'Set the coding’s span to the current selection' },
      { keys: ['[', ']'], action: 'Move the coding’s start one word left / right' },
      { keys: ['{', '}'], action: 'Move the coding’s end one word left / right (Shift+[ / Shift+])' },
      { keys: ['M'], action: 'Memo on the coding' },
    ],
  },
  {
    title: 'Codes panel (focus a code)',
    items: [
      { keys: ['↑', '↓'], action: 'Previous / next code' },
      { keys: ['←', '→'], action: 'Collapse / expand' },
      { keys: ['Enter'], action: 'Code the selection with this code; without a selection, show its coded passages' },
      { keys: ['F2'], action: 'Rename the code' },
      { keys: ['Alt+↑', 'Alt+↓'], action: 'Move the code up / down among its siblings' },
      { keys: ['Alt+←'], action: 'Move the code out one level' },
      { keys: ['Shift+M'], action: 'Move the code under another code (picker)' },
      { keys: ['Shift+G'], action: 'Merge the code into another code (picker)' },
      { keys: ['Delete'], action: 'Delete the code (asks first, saying how many codings go)' },
      { keys: ['/'], action: 'Filter the codes' },
      { keys: ['Enter', 'Shift+Enter'], action: 'In the new-code box: add beside the selected code / as its child' },
    ],
  },
  {
    title: 'Recording (sources with audio or video; these work while typing a memo too)',
    items: [
      { keys: ['Mod+Space'], action: 'Play / pause the recording' },
      { keys: ['Mod+Shift+Space'], action: 'Back 5 seconds' },
    ],
  },
  {
    title: 'Everywhere',
    items: [
      { keys: ['Mod+Z'], action: 'Undo' },
      { keys: ['Mod+Shift+Z', 'Mod+Y'], action: 'Redo' },
      { keys: ['Alt+1', 'Alt+2', 'Alt+3'], action: 'Switch view: Document, Coded passages, Memos (and further tabs in order)' },
      { keys: ['Mod+F'], action: 'Find in the open document (Enter / Shift+Enter: next / previous; Escape closes)' },
      { keys: ['?', 'F1', 'Mod+/'], action: 'This list of shortcuts' },
      { keys: ['Tab', 'Shift+Tab'], action: 'Move between controls (focus is outlined)' },
      { keys: ['Shift+F10', 'ContextMenu'], action: 'Context menu of the focused code, source or folder, or of the selected text' },
      { keys: ['F2'], action: 'Rename the focused source or folder (in the Sources list)' },
    ],
  },
];
