import { describe, expect, it } from 'vitest';
import { parseWebArgs, WEB_USAGE } from '../../../server/webArgs.js';

describe('npm run web arguments', () => {
  it('defaults to a random port, no browser, the default data folder', () => {
    expect(parseWebArgs([])).toEqual({ kind: 'run', args: { port: 0, dataDir: undefined, open: false, token: undefined } });
  });

  it('takes --port, --data-dir, --open and --no-open', () => {
    expect(parseWebArgs(['--port', '8123', '--data-dir', '/tmp/q', '--open'])).toEqual({
      kind: 'run',
      args: { port: 8123, dataDir: '/tmp/q', open: true, token: undefined },
    });
    expect(parseWebArgs(['--no-open'])).toMatchObject({ kind: 'run', args: { open: false } });
  });

  it('answers --help and -h with the usage, which documents every option', () => {
    expect(parseWebArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseWebArgs(['-h', '--port', 'x'])).toEqual({ kind: 'help' });
    for (const option of ['--port', '--data-dir', '--open', '--no-open', '--help']) expect(WEB_USAGE).toContain(option);
  });

  it('turns mistakes into one plain line, never an exception', () => {
    const cases: [string[], RegExp][] = [
      [['--bogus'], /Unknown option '--bogus'.*--help/],
      [['--port'], /--port.*argument missing|--port/],
      [['--port', 'abc'], /--port must be a port number from 0 to 65535, not "abc"/],
      [['--port', '70000'], /not "70000"/],
      [['--port', '-1'], /--port/],
      [['--open', '--no-open'], /either --open or --no-open/],
      [['stray'], /Unexpected argument|stray/],
      [['--data-dir', ''], /--data-dir needs a folder/],
    ];
    for (const [argv, message] of cases) {
      const r = parseWebArgs(argv);
      expect(r.kind, argv.join(' ')).toBe('error');
      if (r.kind === 'error') {
        expect(r.message, argv.join(' ')).toMatch(message);
        expect(r.message).not.toMatch(/\n|at .*\.js/);
      }
    }
  });
});
