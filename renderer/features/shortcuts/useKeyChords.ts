import { useEffect, useRef } from 'react';
import { isMacPlatform, isTextEntry, keyChord } from './keyChord.js';

/** A handler returns false to let the key through (e.g. when the command does not apply). */
export type ChordHandlers = Record<string, (e: KeyboardEvent) => boolean | void>;

/**
 * Listens for chords on the window, outside text fields and modal dialogs
 * (those handle their own keys). Handlers are read through a ref, so
 * callers can pass a fresh object every render.
 */
export function useKeyChords(handlers: ChordHandlers, opts: { allowInDialogs?: boolean } = {}): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  const allowInDialogs = opts.allowInDialogs ?? false;
  useEffect(() => {
    const mac = isMacPlatform();
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || isTextEntry(e.target)) return;
      if (!allowInDialogs && document.querySelector('dialog[open]')) return;
      const handler = ref.current[keyChord(e, mac)];
      if (handler && handler(e) !== false) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [allowInDialogs]);
}

/** Electron's menu sends commands (undo, redo, shortcuts) through the preload bridge. */
export function useMenuCommands(handlers: Record<string, () => void>): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const bridge = window.quarry;
    if (!bridge?.onMenuCommand) return;
    return bridge.onMenuCommand((command) => ref.current[command]?.());
  }, []);
}
