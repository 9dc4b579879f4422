/**
 * `quarry <command> --help`: the lines of the one help text that describe that
 * command (its usage lines and their continuations), so per-command help can
 * never drift from `quarry --help`.
 */
export function commandHelp(help: string, command: string): string | null {
  const lines = help.split('\n');
  const picked: string[] = [];
  let inCommand = false;
  const usage = new RegExp(`^  quarry ${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`);
  for (const line of lines) {
    if (/^ {2}quarry /.test(line)) inCommand = usage.test(line);
    else if (!/^\s{3,}\S/.test(line)) inCommand = false; // a heading or blank line ends the block
    if (inCommand) picked.push(line);
  }
  if (picked.length === 0) return null;
  const footer = lines.slice(lines.findIndex((l) => l.startsWith('Code paths use'))).join('\n').trimEnd();
  return `Usage:\n${picked.join('\n')}\n\n${footer}\n`;
}
