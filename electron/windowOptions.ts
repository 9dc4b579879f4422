/**
 * The one place a Quarry BrowserWindow is made. The renderer is untrusted as
 * far as the shell is concerned (it displays interview text from anywhere):
 * no Node, an isolated and sandboxed preload, web security on, nothing that
 * widens the page's powers. The options are written out literally in the
 * `new BrowserWindow({...})` call so static checkers (Electronegativity)
 * can read them.
 */
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the compiled preload (build/electron/preload.cjs). */
  preloadPath: string;
  /** Development builds may open DevTools; packaged builds may not. */
  isDev: boolean;
}

type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindowType;

export function createQuarryWindow(BrowserWindow: BrowserWindowClass, input: WindowOptionsInput): BrowserWindowType {
  return new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 760,
    minHeight: 480,
    title: 'Quarry',
    // Shown on 'ready-to-show' so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click could otherwise open links in new windows, bypassing the window-open handler.
      disableBlinkFeatures: 'Auxclick',
      devTools: input.isDev,
      spellcheck: true,
    },
  });
}
