/**
 * The reader process for a co-author's project file (see foreignReader.ts).
 * It alone opens the foreign file, through the same ProjectDb.open as any
 * project, so every check made when a project is opened runs here too;
 * Quarry kills this process when a read runs past its time budget or the
 * user cancels, which no in-process read of SQLite would allow.
 */
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, openSync, readSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CURRENT_SCHEMA_VERSION } from '../db/migrations/index.js';
import { ProjectDb } from '../db/projectDb.js';
import { readProjectHeader } from '../db/projectFormat.js';
import { QuarryError, toErrorPayload } from '../errors.js';
import { readRawSnapshot, readSnapshot, type ProjectSnapshot, type RawSnapshot } from '../store/snapshotStore.js';
import { matchedRefs, planMerge, type Decisions } from '../services/mergePlanner.js';
import { attachTheirs, myCodingsMet, settlePresentCodings, unsettledCodings } from '../store/mergeCodingsStore.js';
import type { MergePlan } from '../domain/mergePlanTypes.js';
import { textsWanted, withoutDamagedTexts } from '../services/mergeTexts.js';
import { checkSnapshot } from './checkSnapshot.js';
import { damageError, isDamage } from '../db/damage.js';
import { getSourceText } from '../store/sourcesStore.js';
import { mediaChunk } from '../store/mediaStore.js';
import { onParentMessage, postToParent } from './childPort.js';
import { textsPiece } from './planPieces.js';
import type { ForeignOpened, ForeignPlanned, ForeignReply, ForeignReplyValue, ForeignRequest } from './foreignProtocol.js';

let opened: ProjectDb | undefined;

function hashFile(path: string): string {
  const hash = createHash('sha256');
  const buf = Buffer.alloc(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

let original = '';
let copyPath = '';
/** Their rows but the codings, which plan() reads itself: most of them it settles in SQL without reading. */
let rawRows: RawSnapshot | undefined;

function open(path: string, dir: string, rows: boolean): ForeignOpened {
  original = path;
  const header = readProjectHeader(path);
  if (header.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new QuarryError('newer_version', `${basename(path)} was saved by a newer version of Quarry; update Quarry to merge it. The file was not changed.`);
  }
  const hash = hashFile(path);
  // The copy keeps the file's name, so that every message about it names the file the user chose.
  const copy = join(dir, basename(path));
  copyFileSync(path, copy);
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) copyFileSync(path + suffix, copy + suffix);
  const needsUpgrade = header.schemaVersion < CURRENT_SCHEMA_VERSION;
  // The same schema check as any project runs inside ProjectDb.open, before anything is read.
  opened = ProjectDb.open(copy, needsUpgrade ? {} : { readOnly: true, lock: false }).project;
  copyPath = copy;
  try {
    const all = readRawSnapshot(opened.db, { codings: rows });
    rawRows = { ...all, codings: [] };
    return { snapshot: rows ? all : null, hash };
  } catch (err) {
    throw isDamage(err) ? damageError(basename(path)) : err;
  }
}

function textsOf(db: ProjectDb['db'], sourceIds: number[]): [number, string][] {
  return sourceIds.map((id) => [id, getSourceText(db, id) ?? '']);
}

/** Their coders, codes, sources and recordings, nothing else: what the planner matches to mine. */
function whoIsWho(raw: RawSnapshot): RawSnapshot {
  const none = { codings: [], memos: [], cases: [], classifications: [], attributes: [], values: [], sourceAttributes: [], sourceValues: [], caseSpans: [], caseSets: [], itemSets: [], cues: [] };
  return { ...raw, ...none };
}

interface Compared {
  /** My rows, with only those of my codings that their unsettled ones could meet. */
  mine: ProjectSnapshot;
  /** Their rows with their unsettled codings. */
  theirs: RawSnapshot;
  /** Their codings settled as already present in SQL (never read). */
  settled: number;
}

/**
 * The open project's rows, as committed now, through a read-only connection
 * of this process, and their codings compared with mine in the same read
 * transaction: those mine already has are settled there (settle: false reads
 * and plans every one, the way a merge did before; tests compare the two).
 */
function compareWithMine(minePath: string, decisions: Decisions, settle: boolean): Compared {
  const { project } = ProjectDb.open(minePath, { readOnly: true, lock: false });
  const db = project.db;
  try {
    attachTheirs(db, copyPath);
    db.exec('BEGIN');
    if (!settle) {
      const none = settlePresentCodings(db, { sources: [], codes: [], users: [] });
      return { mine: readSnapshot(db), theirs: { ...rawRows!, codings: unsettledCodings(db) }, settled: none };
    }
    const mine = readSnapshot(db, { codings: false });
    // Who is who (coders, codes, sources) depends on those rows alone: matched on them, checked as the whole file is.
    const matchable = checkSnapshot(whoIsWho(rawRows!)).snapshot;
    const settled = settlePresentCodings(db, matchedRefs(mine, matchable, decisions));
    return { mine: { ...mine, codings: myCodingsMet(db) }, theirs: { ...rawRows!, codings: unsettledCodings(db) }, settled };
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
    project.close();
  }
}

let planCodings: MergePlan['codings'] = [];
let planTexts: [number, string][] = [];

/** The plan without its codings and texts (kept for 'planCodings' and 'planTexts'). */
function lean(plan: MergePlan, texts: [number, string][]): { plan: MergePlan; codingCount: number; texts: []; textCount: number } {
  planCodings = plan.codings;
  planTexts = texts;
  return { plan: { ...plan, codings: [] }, codingCount: plan.codings.length, texts: [], textCount: texts.length };
}

function plan(minePath: string, decisions: Decisions, withTexts: boolean, settle: boolean): ForeignPlanned {
  const db = opened?.db;
  if (!db || !rawRows) throw new QuarryError('internal', 'The other project is not open.');
  let compared: Compared;
  try {
    compared = compareWithMine(minePath, decisions, settle);
  } catch (err) {
    // Their codings are first read here (settled in SQL or listed): a damaged page among them is the file's damage.
    throw isDamage(err) ? damageError(basename(original)) : err;
  }
  const checked = checkSnapshot(compared.theirs);
  const skipped = [...checked.skipped];
  const replan = (theirs: ProjectSnapshot): MergePlan => {
    const p = planMerge(compared.mine, theirs, decisions);
    p.summary.codings.alreadyPresent += compared.settled;
    return p;
  };
  const first = replan(checked.snapshot);
  const other = { name: checked.snapshot.name, guid: checked.snapshot.guid };
  if (!withTexts) return { ...lean(first, []), other, skipped, settledCodings: compared.settled };
  const planned = withoutDamagedTexts({ plan: first, theirs: checked.snapshot, texts: new Map(textsOf(db, textsWanted(first).map((s) => s.theirId))) }, replan, skipped);
  const wanted = new Set(textsWanted(planned.plan).map((s) => s.theirId));
  return { ...lean(planned.plan, [...planned.texts].filter(([id]) => wanted.has(id))), other, skipped, settledCodings: compared.settled };
}

function answer(req: ForeignRequest): ForeignReplyValue {
  switch (req.kind) {
    case 'open':
      return open(req.path, req.dir, req.rows ?? true);
    case 'plan':
      return plan(req.minePath, req.decisions, req.withTexts, req.settle ?? true);
    case 'planCodings': {
      const piece = planCodings.slice(req.from, req.from + req.count);
      return req.json ? JSON.stringify(piece) : piece;
    }
    case 'planTexts':
      return textsPiece(planTexts, req.from, req.maxChars);
    case 'texts': {
      const db = opened?.db;
      if (!db) throw new QuarryError('internal', 'The other project is not open.');
      return textsOf(db, req.sourceIds);
    }
    case 'mediaChunk': {
      const db = opened?.db;
      if (!db) throw new QuarryError('internal', 'The other project is not open.');
      return mediaChunk(db, req.sourceId, req.seq) ?? null;
    }
    case 'hash':
      return hashFile(original);
  }
}

function reply(req: ForeignRequest): ForeignReply {
  try {
    return { id: req.id, ok: true, value: answer(req) };
  } catch (err) {
    return { id: req.id, ok: false, error: toErrorPayload(err) };
  }
}

onParentMessage((req) => postToParent(reply(req as ForeignRequest)));
