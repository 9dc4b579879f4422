/**
 * The command line of `npm run web` (build/server/main.js). Parsed without
 * throwing: a mistake is a one-line message and exit code 2, never a stack trace.
 */
import { parseArgs } from 'node:util';

export interface WebArgs {
  port: number;
  dataDir: string | undefined;
  open: boolean;
  token: string | undefined;
}

export type WebArgsResult = { kind: 'run'; args: WebArgs } | { kind: 'help' } | { kind: 'error'; message: string };

export const WEB_USAGE = `Usage: npm run web -- [options]

Serves Quarry's user interface and API to your browser, on this computer only
(127.0.0.1), with a secret per-launch token in the address it prints.

Options:
  --port N          listen on port N (default: a free port chosen at random)
  --data-dir DIR    keep projects, the demo study and settings in DIR
                    (default: $QUARRY_DATA_DIR, else ~/.local/share/Quarry)
  --open            open the address in your default browser
  --no-open         do not open a browser (the default)
  --help            show this help and exit

The app is built once (npm install / npm run build); npm run web rebuilds only
when the sources changed since that build.`;

export function parseWebArgs(argv: readonly string[]): WebArgsResult {
  let values: { port?: string; 'data-dir'?: string; open?: boolean; 'no-open'?: boolean; token?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        open: { type: 'boolean' },
        'no-open': { type: 'boolean' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    // Node's messages ("Unknown option '--x'. …") are already plain; keep their first sentence.
    const first = (err as Error).message.split('\n')[0]!.split('. ')[0] ?? 'Unexpected argument';
    return { kind: 'error', message: `${first.replace(/\.$/, '')}. Run "npm run web -- --help" for the options.` };
  }
  if (values.help) return { kind: 'help' };
  if (values.open && values['no-open']) return { kind: 'error', message: 'Choose either --open or --no-open, not both.' };
  const port = values.port === undefined ? 0 : Number(values.port);
  if (values.port !== undefined && (!/^\d+$/.test(values.port) || !Number.isInteger(port) || port > 65535)) {
    return { kind: 'error', message: `--port must be a port number from 0 to 65535, not "${values.port}".` };
  }
  if (values['data-dir'] === '') return { kind: 'error', message: '--data-dir needs a folder.' };
  return { kind: 'run', args: { port, dataDir: values['data-dir'], open: values.open === true, token: values.token } };
}
