/**
 * How each peer program reads a REFI-QDA package, as far as its documented
 * limits go (the evidence is in shared/refi/exportProfiles.ts): used by
 * refiProfiles.test.ts to compute, per peer, what survives of a Quarry
 * project, and so the README's table. Only QualCoder's limits were measured
 * on the program itself (its importer run headless, issue 16); the others
 * come from the vendors' own exports in ../shared/refi/samples.
 */
import { unzipSync } from 'fflate';

export interface PeerReader {
  label: string;
  unit: 'codepoint' | 'utf16';
  crlfAsTwo: boolean;
  /** Codes of the same name are one code (the later ones vanish, their codings go to the first or are lost). */
  mergesCodesByName: boolean;
  /** Where the peer reads notes from. */
  notes: 'all' | 'qualcoder';
  /** Where the peer reads case→source links from. */
  caseLinks: 'sourceRef' | 'sets' | 'none';
  readsSets: boolean;
}

export const PEERS: Record<'nvivo' | 'atlasti' | 'maxqda' | 'qualcoder', PeerReader> = {
  nvivo: { label: 'NVivo', unit: 'utf16', crlfAsTwo: true, mergesCodesByName: false, notes: 'all', caseLinks: 'sourceRef', readsSets: true },
  // ATLAS.ti counts a CRLF as one character (QualCoder's importer notes); its document groups are Sets.
  atlasti: { label: 'ATLAS.ti', unit: 'codepoint', crlfAsTwo: false, mergesCodesByName: false, notes: 'all', caseLinks: 'sets', readsSets: true },
  maxqda: { label: 'MAXQDA', unit: 'codepoint', crlfAsTwo: true, mergesCodesByName: false, notes: 'all', caseLinks: 'sets', readsSets: true },
  qualcoder: { label: 'QualCoder', unit: 'codepoint', crlfAsTwo: true, mergesCodesByName: true, notes: 'qualcoder', caseLinks: 'none', readsSets: false },
};

export interface PackageXml {
  qde: string;
  files: Map<string, string>;
}

export function unpack(bytes: Uint8Array): PackageXml {
  const entries = unzipSync(bytes);
  const files = new Map<string, string>();
  let qde = '';
  for (const [name, data] of Object.entries(entries)) {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(data);
    if (/\.qde$/i.test(name)) qde = text;
    else files.set(name.replace(/^sources\//i, '').toLowerCase(), text);
  }
  return { qde, files };
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#xD;/gi, '\r').replace(/&#xA;/gi, '\n').replace(/&#x9;/gi, '\t').replace(/&amp;/g, '&');

export interface XmlSelection {
  guid: string;
  sourceGuid: string;
  start: number;
  end: number;
  codeGuids: string[];
  noteRefs: string[];
  description?: string;
}

/** The package's text sources and selections, read with regular expressions (independently of Quarry's reader). */
export function readXml(pkg: PackageXml) {
  const texts = new Map<string, string>();
  const selections: XmlSelection[] = [];
  for (const m of pkg.qde.matchAll(/<TextSource\b([^>]*?)(\/>|>([\s\S]*?)<\/TextSource>)/g)) {
    const head = m[1]!;
    const guid = attr(head, 'guid')!.toLowerCase();
    const path = attr(head, 'plainTextPath')!.replace(/^internal:\/\//, '').toLowerCase();
    texts.set(guid, (pkg.files.get(path) ?? '').replace(/^\uFEFF/, ''));
    for (const s of (m[3] ?? '').matchAll(/<PlainTextSelection\b([^>]*?)(\/>|>([\s\S]*?)<\/PlainTextSelection>)/g)) {
      const body = s[3] ?? '';
      const d = /<Description>([\s\S]*?)<\/Description>/.exec(body);
      const sel: XmlSelection = {
        guid: attr(s[1]!, 'guid')!.toLowerCase(),
        sourceGuid: guid,
        start: Number(attr(s[1]!, 'startPosition')),
        end: Number(attr(s[1]!, 'endPosition')),
        codeGuids: [...body.matchAll(/<CodeRef targetGUID="([^"]+)"/g)].map((x) => x[1]!.toLowerCase()),
        noteRefs: [...body.matchAll(/<NoteRef targetGUID="([^"]+)"/g)].map((x) => x[1]!.toLowerCase()),
      };
      if (d) sel.description = unescape(d[1]!);
      selections.push(sel);
    }
  }
  const codes: { guid: string; name: string; path: string; parent?: string; color?: string }[] = [];
  const stack: string[] = [];
  const guids: string[] = [];
  for (const m of pkg.qde.matchAll(/<Code\b([^>]*?)(\/?)>|<\/Code>/g)) {
    if (m[0] === '</Code>') {
      stack.pop();
      guids.pop();
      continue;
    }
    const name = unescape(attr(m[1]!, 'name')!);
    const c = { guid: attr(m[1]!, 'guid')!.toLowerCase(), name, path: [...stack, name].join('/') } as (typeof codes)[number];
    if (guids.length > 0) c.parent = guids[guids.length - 1];
    const color = attr(m[1]!, 'color');
    if (color) c.color = color;
    codes.push(c);
    if (m[2] !== '/') {
      stack.push(name);
      guids.push(c.guid);
    }
  }
  const notes = [...pkg.qde.matchAll(/<Note\b([^>]*?)>([\s\S]*?)<\/Note>/g)].map((m) => ({
    guid: attr(m[1]!, 'guid')!.toLowerCase(),
    text: m[2]!.includes('<PlainTextContent>') ? unescape(/<PlainTextContent>([\s\S]*?)<\/PlainTextContent>/.exec(m[2]!)![1]!) : (pkg.files.get((attr(m[1]!, 'plainTextPath') ?? '').replace(/^internal:\/\//, '').toLowerCase()) ?? ''),
    inline: /<PlainTextContent>/.test(m[2]!),
    file: attr(m[1]!, 'plainTextPath') !== undefined,
  }));
  const cases = [...pkg.qde.matchAll(/<Case\b([^>]*?)(\/>|>([\s\S]*?)<\/Case>)/g)].map((m) => ({
    name: unescape(attr(m[1]!, 'name')!),
    sourceRefs: [...(m[3] ?? '').matchAll(/<SourceRef targetGUID="([^"]+)"/g)].map((x) => x[1]!.toLowerCase()),
    selectionRefs: [...(m[3] ?? '').matchAll(/<SelectionRef targetGUID="([^"]+)"/g)].length,
  }));
  const sets = [...pkg.qde.matchAll(/<Set\b([^>]*?)(\/>|>([\s\S]*?)<\/Set>)/g)].map((m) => ({
    name: unescape(attr(m[1]!, 'name')!),
    members: [...(m[3] ?? '').matchAll(/<MemberSource targetGUID="([^"]+)"/g)].map((x) => x[1]!.toLowerCase()),
    quarryCaseSources: /\[Quarry case sources:/.test(m[3] ?? ''),
  }));
  const variableValues = (pkg.qde.match(/<VariableValue>/g) ?? []).length;
  const projectNoteRefs = (/((?:<NoteRef[^>]*\/>\s*)*)<\/Project>\s*$/.exec(pkg.qde)?.[1]?.match(/targetGUID="([^"]+)"/g) ?? []).map((x) =>
    x.slice(12, -1).toLowerCase(),
  );
  return { texts, selections, codes, notes, cases, sets, variableValues, projectNoteRefs };
}

/** The text a peer sees at a selection's offsets in the file's text. */
const prepared = new Map<string, { lf: string; cps?: string[]; lfCps?: string[] }>();

/** The text a peer sees at a selection's offsets in the file's text (each text prepared once: some are 600 KB). */
export function peerSlice(fileText: string, start: number, end: number, unit: 'codepoint' | 'utf16', crlfAsTwo: boolean): string {
  let p = prepared.get(fileText);
  if (!p) prepared.set(fileText, (p = { lf: fileText.replace(/\r\n/g, '\n') }));
  const text = crlfAsTwo ? fileText : p.lf;
  let cut: string;
  if (unit === 'utf16') cut = text.slice(start, end);
  else if (crlfAsTwo) cut = (p.cps ??= Array.from(fileText)).slice(start, end).join('');
  else cut = (p.lfCps ??= Array.from(p.lf)).slice(start, end).join('');
  return cut.replace(/\r\n/g, '\n');
}
