/**
 * The side file of acknowledged operations. The child writes an "intent"
 * line (what it is about to do and what must then be in the project)
 * before each operation and an "ack" line after the API call returned,
 * each flushed to disk with fsync before going on. A line cut short by the
 * kill is ignored: an operation starts only after its intent is on disk.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';

export type OpKind = 'import' | 'autocode' | 'code' | 'merge' | 'reopen' | 'backup';

/** What must be in the project after the operation, all of it or none of it. */
export interface OpExpectation {
  /** Sources whose names start with this prefix: exactly `sources` of them, or none. */
  sourcePrefix?: string;
  sources?: number;
  /** Codes whose path starts with this prefix, and the codings at them: exactly `codings`, or none. */
  codePrefix?: string;
  codings?: number;
}

export interface IntentRecord {
  t: 'intent';
  id: string;
  kind: OpKind;
  expect: OpExpectation;
}

export interface AckRecord {
  t: 'ack' | 'refused';
  id: string;
  detail?: string;
}

export type LogRecord = IntentRecord | AckRecord;

export class DurableLog {
  private readonly fd: number;
  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }
  write(record: LogRecord): void {
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fsyncSync(this.fd);
  }
  close(): void {
    closeSync(this.fd);
  }
}

export interface OpState {
  intent: IntentRecord;
  acked: boolean;
  refused: boolean;
}

/** Reads the log; the last line may be cut short by the kill and is then ignored. */
export function readLog(path: string): Map<string, OpState> {
  const ops = new Map<string, OpState>();
  if (!existsSync(path)) return ops;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let rec: LogRecord;
    try {
      rec = JSON.parse(line) as LogRecord;
    } catch {
      continue;
    }
    if (rec.t === 'intent') ops.set(rec.id, { intent: rec, acked: false, refused: false });
    else {
      const op = ops.get(rec.id);
      if (op && rec.t === 'ack') op.acked = true;
      if (op && rec.t === 'refused') op.refused = true;
    }
  }
  return ops;
}
