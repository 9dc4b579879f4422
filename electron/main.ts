/**
 * Electron's entry point (package.json "main" → build/electron/main.js).
 * Everything of substance lives in shell.ts and its modules.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { startShell } from './shell.js';

startShell({ app, BrowserWindow, dialog, ipcMain, Menu, protocol, session });
