/**
 * The .qde's sources are read as the parser completes each one and their
 * elements emptied (qdeSourcesAhead.ts): the tree never holds more than the
 * source being read, and what the import reads, skips and warns about is the
 * same as reading the whole tree in order — also where a source cannot be
 * read ahead (a made-up GUID, a codebook written after the sources).
 */
import { describe, expect, it } from 'vitest';
import { readQdeProject } from '../../../shared/refi/qdeProject.js';
import { SourcesReadAhead } from '../../../shared/refi/qdeSourcesAhead.js';
import { newReadContext } from '../../../shared/refi/refiElements.js';
import { openRefiContainer } from '../../../shared/refi/refiPackage.js';
import { parseXmlTree, type XmlCloseHook, type XmlElement } from '../../../shared/refi/xmlTree.js';
import { codebook, G, pack, project } from './handmade.js';

const SOURCES = 40;
const PER_SOURCE = 25;

const guid = (kind: number, n: number): string => `BBBBBBBB-0000-4000-8000-${(kind * 0x100000 + n).toString(16).toUpperCase().padStart(12, '0')}`;

function textOf(s: number): string {
  return Array.from({ length: 60 }, (_, i) => `word${s}x${i}`).join(' ');
}

/** A source with many codings; `opts` bend it the ways that must not be read ahead or must warn once. */
function source(s: number, opts: { noGuid?: boolean; descriptionAttr?: boolean; strayCode?: boolean } = {}): string {
  const sels = Array.from({ length: PER_SOURCE }, (_, i) => {
    const code = opts.strayCode && i === 0 ? guid(9, 1) : i % 2 ? G.codeA : G.codeB;
    return `<PlainTextSelection guid="${guid(2, s * 1000 + i)}" startPosition="${i * 4}" endPosition="${i * 4 + 9}"><Coding guid="${guid(3, s * 1000 + i)}"><CodeRef targetGUID="${code}"/></Coding></PlainTextSelection>`;
  }).join('');
  const id = opts.noGuid ? '' : ` guid="${guid(1, s)}"`;
  const desc = opts.descriptionAttr ? ' description="said as an attribute"' : '';
  return `<TextSource${id} name="Doc ${s}"${desc} plainTextPath="internal://doc${s}.txt">${sels}</TextSource>`;
}

function packageOf(body: string): Uint8Array {
  const files: Record<string, string> = { 'project.qde': project(body) };
  for (let s = 0; s < SOURCES; s++) files[`sources/doc${s}.txt`] = textOf(s);
  return pack(files);
}

const notes = `<Notes><Note guid="${guid(4, 1)}" name="A memo" description="also an attribute"><PlainTextContent>Remember this.</PlainTextContent></Note><Note name="No guid"><PlainTextContent>Nor this.</PlainTextContent></Note></Notes>`;

function sourcesBody(bend: (s: number) => Parameters<typeof source>[1] = () => ({})): string {
  return `<Sources>${Array.from({ length: SOURCES }, (_, s) => source(s, bend(s))).join('')}</Sources>`;
}

/** Reads the package's .qde with the sources read ahead or not, returning everything the reader says. */
function read(bytes: Uint8Array, ahead: boolean, watch?: XmlCloseHook): { result: unknown; held: number } {
  const container = openRefiContainer('many.qdpx', bytes);
  const ctx = newReadContext('many.qdpx');
  const readAhead = ahead ? new SourcesReadAhead('many.qdpx', container) : undefined;
  const hook: XmlCloseHook | undefined = readAhead
    ? (el, parent, root) => {
        watch?.(el, parent, root);
        readAhead.onClose(el, parent, root);
      }
    : undefined;
  const root = parseXmlTree('many.qdpx', new TextDecoder().decode(container.readQde()), 'project.qde', hook);
  const read = readQdeProject(ctx, root, container, readAhead);
  return { result: { ...read, skipped: ctx.skipped, warnings: ctx.warnings, madeUp: ctx.madeUp }, held: readAhead?.maxHeldWhole ?? -1 };
}

function elementsUnder(el: XmlElement): number {
  return el.children.reduce((n, c) => n + 1 + elementsUnder(c), 0);
}

describe('sources read as the parser completes them', () => {
  it('never holds more than the source being read, and reads exactly what the whole tree gives', () => {
    const bytes = packageOf(`<Users><User guid="${G.user}" name="Ann"/></Users>${codebook()}${sourcesBody((s) => ({ descriptionAttr: s % 7 === 0, strayCode: s === 3 }))}${notes}`);
    let sourcesClosed = 0;
    let mostHeldElsewhere = 0;
    const watch: XmlCloseHook = (el, parent) => {
      if (parent?.name !== 'Sources') return;
      sourcesClosed += 1;
      // Every source completed before this one has been emptied already.
      const others = parent.children.filter((c) => c !== el).reduce((n, c) => n + elementsUnder(c), 0);
      mostHeldElsewhere = Math.max(mostHeldElsewhere, others);
    };
    const ahead = read(bytes, true, watch);
    expect(sourcesClosed).toBe(SOURCES);
    expect(mostHeldElsewhere).toBe(0);
    expect(ahead.held).toBe(0);
    const whole = read(bytes, false);
    expect(ahead.result).toEqual(whole.result);
    const r = ahead.result as { rawSources: { selections: unknown[] }[]; declared: { codings: number }; warnings: string[]; skipped: { kind: string }[] };
    expect(r.rawSources).toHaveLength(SOURCES);
    expect(r.declared.codings).toBe(SOURCES * PER_SOURCE);
    expect(r.warnings.filter((w) => /description/.test(w))).toHaveLength(1);
    expect(r.skipped.filter((s) => s.kind === 'coding')).toHaveLength(1);
  });

  it('leaves a source whole, read in order, when it needs a made-up GUID', () => {
    const bytes = packageOf(`${codebook()}${sourcesBody((s) => ({ noGuid: s === 5 || s === 30 }))}${notes}`);
    const ahead = read(bytes, true);
    expect(ahead.held).toBe(2);
    expect(ahead.result).toEqual(read(bytes, false).result);
    expect((ahead.result as { madeUp: number }).madeUp).toBe(3);
  });

  it('leaves every source whole when the codebook comes after them', () => {
    const bytes = packageOf(`${sourcesBody()}${codebook()}${notes}`);
    const ahead = read(bytes, true);
    expect(ahead.held).toBe(SOURCES);
    expect(ahead.result).toEqual(read(bytes, false).result);
  });
});
