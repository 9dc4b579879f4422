/**
 * Keyboard events as chord strings ("Mod+Shift+Z", "Alt+2", "C", "?") so
 * shortcuts can be declared as data. "Mod" is Ctrl, or ⌘ on a Mac.
 * Digits and letters come from the physical key (event.code) when a
 * modifier is held, because Alt/Option changes event.key on some layouts.
 */
export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export function keyChord(e: KeyLike, isMac: boolean): string {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  let key = e.key;
  const digit = /^Digit(\d)$/.exec(e.code) ?? /^Numpad(\d)$/.exec(e.code);
  const letter = /^Key([A-Z])$/.exec(e.code);
  if (digit && (mod || e.altKey || e.shiftKey)) key = digit[1]!;
  else if (letter && (mod || e.altKey)) key = letter[1]!;
  else if (key.length === 1) key = key.toUpperCase();
  if (key === ' ') key = 'Space';
  // A shifted symbol ("?", "{") already says Shift; letters and named keys keep it explicit.
  const shiftInKey = key.length === 1 && !/[A-Z0-9]/.test(key);
  const parts: string[] = [];
  if (mod) parts.push('Mod');
  if (!isMac && e.metaKey) parts.push('Meta');
  if (isMac && e.ctrlKey) parts.push('Ctrl');
  if (e.altKey) parts.push('Alt');
  if (e.shiftKey && !shiftInKey) parts.push('Shift');
  parts.push(key);
  return parts.join('+');
}

/** How a chord is shown to the user on this platform. */
export function displayChord(chord: string, isMac: boolean): string {
  return chord
    .split('+')
    .map((p) => (p === 'Mod' ? (isMac ? '⌘' : 'Ctrl') : p === 'Alt' && isMac ? '⌥' : p))
    .join(isMac ? '' : '+')
    .replace(/Arrow(Left|Right|Up|Down)/, (_m, d: string) => ({ Left: '←', Right: '→', Up: '↑', Down: '↓' })[d as 'Left']);
}

export function isMacPlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** True when keys typed at this element belong to the element (text fields, menus). */
export function isTextEntry(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'range', 'file'].includes(type);
}
