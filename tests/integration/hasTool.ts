import { execFileSync } from 'node:child_process';

/** Whether a command-line tool (soffice, pdftotext…) is installed, for the tests that render Word files through it. */
export function hasTool(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
