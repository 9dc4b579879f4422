import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * A Word file as LibreOffice lays it out: converted to PDF with soffice
 * (its own profile in `workDir`, so parallel tests never share one) and read
 * back with pdftotext -layout. A word broken across lines or a number in the
 * wrong column shows in this text as it would on the page.
 */
export function renderedWordText(file: string, workDir: string): string {
  const profile = `file://${join(workDir, 'lo-profile')}`;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', workDir, file], { stdio: 'pipe', timeout: 170_000 });
  const pdf = join(workDir, file.replace(/^.*[\\/]/, '').replace(/\.docx$/, '.pdf'));
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', timeout: 60_000 });
}
