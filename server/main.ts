/**
 * `npm run web`: Quarry in a browser on this computer. Builds nothing itself
 * (npm run web builds first); serves build/renderer and the API on
 * 127.0.0.1 with a per-launch token, and prints the URL to open.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { createDispatcher } from '../shared/api/dispatcher.js';
import { Session } from '../shared/api/session.js';
import { openMediaStream } from '../shared/services/mediaService.js';
import { startWebServer } from './webServer.js';
import { parseWebArgs, WEB_USAGE } from './webArgs.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

const parsed = parseWebArgs(process.argv.slice(2));
if (parsed.kind === 'help') {
  console.log(WEB_USAGE);
  process.exit(0);
}
if (parsed.kind === 'error') {
  console.error(`Quarry: ${parsed.message}`);
  process.exit(2);
}
const values = parsed.args;

const staticDir = join(root, 'build', 'renderer');
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error('Quarry: the user interface is not built. Run "npm run web" (it builds first) or "npm run build".');
  process.exit(1);
}
const dataDir = values.dataDir ?? process.env.QUARRY_DATA_DIR ?? join(homedir(), '.local', 'share', 'Quarry');
const session = new Session({ dataDir, platform: 'web' });
const running = await startWebServer({
  dispatch: createDispatcher(session),
  staticDir,
  port: values.port,
  ...(values.token ? { token: values.token } : {}),
  media: (sourceId) => openMediaStream(session.ctx(), sourceId),
});
console.log(`Quarry is running at ${running.url}`);
console.log('Open that address in your browser (it works only on this computer). Press Ctrl+C to stop.');
if (values.open) {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(opener, [running.url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}
const stop = () => {
  try {
    session.close();
  } catch (err) {
    // The project could not be closed safely (a full disk): it stays open and nothing is lost.
    console.error(`Quarry: ${err instanceof Error ? err.message : String(err)} Quarry keeps running; press Ctrl+C again to retry.`);
    return;
  }
  void running.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
