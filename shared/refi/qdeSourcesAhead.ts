/**
 * Reads each source of a project.qde as soon as the parser has it, and
 * empties its element, so the element tree never holds more than one
 * source's selections and codings whole (at a million codings the whole tree
 * took gigabytes).
 *
 * The report must not change with it. A source read ahead writes into a
 * context of its own; its skipped items and warnings join the real context
 * later, at the point where the sources are read in order (after the
 * codebook, cases, notes and sets), with each once-only warning still given
 * once over the whole file. A source that needs what is not yet known is
 * left whole and read in order as before: one that makes up a GUID (those
 * are numbered in reading order), one read before the codebook is complete,
 * and one whose reading fails (its error is told where reading in order
 * tells it).
 */
import { newReadContext, readCodes, type ReadContext } from './refiElements.js';
import type { RefiCode } from './refiModel.js';
import type { RefiContainer } from './refiPackage.js';
import { readSource, type RawTextSource } from './qdeSources.js';
import { attrOf, countDescendants, firstChild, type XmlCloseHook, type XmlElement } from './xmlTree.js';
import type { SelectionSpool } from './selectionSpool.js';
import { stageSelections } from './stagedSelections.js';

export interface SourceReadAhead {
  source: RawTextSource | undefined;
  /** What reading it said (skipped items, warnings), not yet in the real context. */
  ctx: ReadContext;
  /** <Coding> elements its emptied element held, for the declared count. */
  codings: number;
}

export function allCodeGuids(codes: RefiCode[], into: Set<string>): Set<string> {
  for (const c of codes) {
    into.add(c.guid);
    allCodeGuids(c.children, into);
  }
  return into;
}

export class SourcesReadAhead {
  private readonly read = new Map<XmlElement, SourceReadAhead>();
  private codeGuids: Set<string> | undefined;
  /** The most <Sources> children held whole at once while parsing (the guard test's measure). */
  maxHeldWhole = 0;
  private heldWhole = 0;

  constructor(
    private readonly fileName: string,
    private readonly container: RefiContainer,
    /** Where each source's selections go as soon as it is read (stagedSelections.ts). */
    private readonly spool?: SelectionSpool,
  ) {}

  readonly onClose: XmlCloseHook = (el, parent, root) => {
    if (!parent || parent.name !== 'Sources' || root.name !== 'Project' || firstChild(root, 'Sources') !== parent) return;
    const codeBook = firstChild(root, 'CodeBook');
    // The codebook decides which codings count; one written after the sources is met only later.
    if (!codeBook) return this.keepWhole();
    this.codeGuids ??= allCodeGuids(readCodes(newReadContext(this.fileName), firstChild(codeBook, 'Codes'), new Set()), new Set());
    const ctx = newReadContext(this.fileName);
    ctx.onceKeys = new Map();
    let source: RawTextSource | undefined;
    try {
      source = readSource({ ctx, container: this.container, codeGuids: this.codeGuids }, el);
    } catch {
      return this.keepWhole();
    }
    if (ctx.madeUp > 0) return this.keepWhole();
    if (source && this.spool) stageSelections(source, this.spool, attrOf(root, 'origin'));
    this.read.set(el, { source, ctx, codings: countDescendants(el, 'Coding') });
    el.children = [];
    el.text = '';
  };

  private keepWhole(): void {
    this.heldWhole += 1;
    this.maxHeldWhole = Math.max(this.maxHeldWhole, this.heldWhole);
  }

  /** What was read of this element ahead of time, if anything (once). */
  take(el: XmlElement): SourceReadAhead | undefined {
    const ahead = this.read.get(el);
    this.read.delete(el);
    return ahead;
  }
}

/** Adds what a source read ahead said to the real context, in its order, and gives its source. */
export function replayReadAhead(into: ReadContext, ahead: SourceReadAhead): RawTextSource | undefined {
  for (const s of ahead.ctx.skipped) into.skipped.push(s);
  ahead.ctx.warnings.forEach((message, i) => {
    const key = ahead.ctx.onceKeys?.get(i);
    if (key !== undefined) {
      if (into.warned.has(key)) return;
      into.warned.add(key);
    }
    into.warnings.push(message);
  });
  return ahead.source;
}
