import { describe, expect, it } from 'vitest';
import { HELP, runCli } from '../../../cli/main.js';
import { commandHelp } from '../../../cli/commandHelp.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: process.cwd(), env: {} });
  return { code, out, err };
}

/** Every command the help text documents ("  quarry NAME …"). */
const documented = [...new Set([...HELP.matchAll(/^ {2}quarry ([a-z-]+)/gm)].map((m) => m[1]!))];

describe('quarry <command> --help', () => {
  it('documents at least the commands scripts rely on', () => {
    for (const name of ['new', 'info', 'import', 'codes', 'code', 'codings', 'cases', 'export', 'merge', 'query', 'matrix', 'search']) {
      expect(documented).toContain(name);
    }
  });

  it.each(documented)('quarry %s --help prints that command\u2019s usage and exits 0', async (name) => {
    for (const flag of ['--help', '-h']) {
      const r = await run([name, flag]);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toMatch(new RegExp(`^Usage:\\n {2}quarry ${name}\\b`));
      // only this command's lines
      for (const line of r.out.split('\n').filter((l) => /^ {2}quarry /.test(l))) expect(line).toMatch(new RegExp(`^ {2}quarry ${name}\\b`));
    }
  });

  it('works after other arguments, and a subcommand shows its family', async () => {
    const r = await run(['cases', 'import', 'x.quarry', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('quarry cases import <project> <file.csv>');
    expect(r.out).toContain('quarry cases export');
  });

  it('keeps continuation lines with their command and stops at the next heading', () => {
    const help = commandHelp(HELP, 'export')!;
    expect(help).toContain('label templates');
    expect(help).not.toContain('Co-authors and REFI-QDA');
    expect(commandHelp(HELP, 'no-such')).toBeNull();
  });

  it('a "--help" after "--" is an argument, not a request for help', async () => {
    const r = await run(['info', '--', '--help']);
    expect(r.code).not.toBe(0);
    expect(r.out).not.toContain('Usage:');
  });
});
