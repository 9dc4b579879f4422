/** Where a CLI run writes; tests pass buffers, the binary passes the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Working directory for relative paths. */
  cwd: string;
  env: Record<string, string | undefined>;
}

export class UsageError extends Error {}

export const printJson = (io: CliIo, value: unknown): void => io.out(`${JSON.stringify(value, null, 2)}\n`);

/** "Wrote F (N KB)": how every kind of export reports the file it wrote. */
export const wroteLine = (path: string, bytes: number): string => `Wrote ${path} (${Math.max(1, Math.round(bytes / 1024))} KB)\n`;
