/**
 * Electron's entry point (package.json "main" → build/electron/main.js).
 * Everything of substance lives in shell.ts and its modules; only the
 * single-instance lock is taken here, before anything else starts.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, utilityProcess } from 'electron';
import { startShell } from './shell.js';

// A second launch hands its file to the running Quarry ('second-instance') and exits.
if (app.requestSingleInstanceLock()) startShell({ app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, utilityProcess });
else app.quit();
