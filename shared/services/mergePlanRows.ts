/**
 * The second half of merge planning: rows that hang off the matched
 * entities — case links, codings (positions carry over unchanged because
 * matched sources have identical text), memos, attribute values, case
 * passages, case sets, source sets and code sets. A row already present (same GUID, or the same
 * content) is not added again, which makes merging the same file twice a
 * no-op.
 */
import { attributeDefOf } from '../cases/attributeTypeRegistry.js';
import { formatValue, parseValue, valuesEqual, type AttributeDef, type AttributeValue } from '../cases/attributeTypes.js';
import { derivedGuid } from '../refi/refiGuid.js';
import type { AttributeRow } from '../store/attributesStore.js';
import type { SnapMemo } from '../store/snapshotStore.js';
import type { MergeContext } from './mergePlanner.js';
import type { Ref } from '../domain/mergePlanTypes.js';

const isMine = (r: Ref | null | undefined): r is { id: number } => !!r && 'id' in r;
const def = (a: AttributeRow): AttributeDef => attributeDefOf(a);

function planCaseLinks(m: MergeContext): void {
  const mySources = new Map(m.mine.sources.map((x) => [x.id, x]));
  for (const s of m.theirs.sources) {
    const src = m.sources.get(s.id);
    if (!src || s.caseId === null) continue;
    const theirCase = m.cases.get(s.caseId)!;
    if (!isMine(src)) {
      m.plan.caseLinks.push({ source: src, case: theirCase });
      m.plan.summary.caseLinks.added++;
      continue;
    }
    const mine = mySources.get(src.id)!;
    if (mine.caseId === null) {
      m.plan.caseLinks.push({ source: src, case: theirCase });
      m.plan.summary.caseLinks.added++;
    } else if (!isMine(theirCase) || theirCase.id !== mine.caseId) {
      const myCase = m.mine.cases.find((c) => c.id === mine.caseId)!.name;
      const theirName = m.theirs.cases.find((c) => c.id === s.caseId)!.name;
      const choice = m.decide({
        id: `source-case:${s.guid}`,
        kind: 'source case',
        subject: mine.name,
        mine: myCase,
        theirs: theirName,
        choices: ['mine', 'theirs'],
        default: 'mine',
        explain: { mine: `keep “${mine.name}” in the case “${myCase}”`, theirs: `move it to the case “${theirName}”` },
      });
      if (choice === 'theirs') {
        m.plan.caseLinks.push({ source: src, case: theirCase });
        m.plan.summary.caseLinks.added++;
      }
    }
  }
}

function planCodings(m: MergeContext): Map<number, Ref> {
  const codingRefs = new Map<number, Ref>();
  const myGuids = new Set(m.mine.codings.map((c) => c.guid));
  const myKeys = new Map(m.mine.codings.map((c) => [`${c.sourceId}|${c.codeId}|${c.coderId}|${c.start}|${c.end}`, c.id]));
  const coderName = (id: number) => m.theirs.users.find((u) => u.id === id)?.name ?? '?';
  const codeGuid = new Map(m.theirs.codes.map((c) => [c.id, c.guid]));
  for (const c of m.theirs.codings) {
    const source = m.sources.get(c.sourceId);
    if (!source) {
      m.plan.summary.codings.notImported++;
      continue;
    }
    const code = m.codes.get(c.codeId)!;
    const coder = m.users.get(c.coderId)!;
    // The same passage, code and coder is the same coding, whatever its GUID.
    const present = isMine(source) && isMine(code) && isMine(coder) ? myKeys.get(`${source.id}|${code.id}|${coder.id}|${c.start}|${c.end}`) : undefined;
    if (present !== undefined) {
      codingRefs.set(c.id, { id: present });
      m.plan.summary.codings.alreadyPresent++;
      continue;
    }
    // A GUID I already have on a different coding (it was resized or recoded in their copy): a new coding, with a GUID derived from theirs.
    const guid = myGuids.has(c.guid) ? derivedGuid('merged-coding', c.guid, String(c.start), String(c.end), codeGuid.get(c.codeId) ?? '') : c.guid;
    const key = `coding:${c.id}`;
    m.plan.codings.push({ key, guid, source, code, coder, start: c.start, end: c.end, createdAt: c.createdAt });
    codingRefs.set(c.id, { key });
    m.plan.summary.codings.added++;
    const by = m.plan.summary.codings.addedByCoder;
    by[coderName(c.coderId)] = (by[coderName(c.coderId)] ?? 0) + 1;
  }
  return codingRefs;
}

function sameRef(a: Ref | null, b: number | null): boolean {
  return a === null ? b === null : isMine(a) && a.id === b;
}

function planMemos(m: MergeContext, codings: Map<number, Ref>): void {
  const myGuids = new Set(m.mine.memos.map((x) => x.guid));
  const myByBody = new Map<string, SnapMemo[]>();
  for (const x of m.mine.memos) myByBody.set(x.body, [...(myByBody.get(x.body) ?? []), x]);
  for (const t of m.theirs.memos) {
    const ref = <T>(map: Map<number, T>, id: number | null): T | null | undefined => (id === null ? null : map.get(id));
    const source = ref(m.sources, t.sourceId);
    const code = ref(m.codes, t.codeId);
    const coding = ref(codings, t.codingId);
    const kase = ref(m.cases, t.caseId);
    if (source === undefined || coding === undefined || (t.sourceId !== null && source === null)) {
      m.plan.summary.memos.notImported++;
      continue;
    }
    const same = (x: SnapMemo) =>
      x.target === t.target && x.body === t.body && x.title === t.title && x.start === t.start && x.end === t.end &&
      sameRef(source ?? null, x.sourceId) && sameRef(code ?? null, x.codeId) && sameRef(coding ?? null, x.codingId) && sameRef(kase ?? null, x.caseId);
    if ((myByBody.get(t.body) ?? []).some(same)) {
      m.plan.summary.memos.alreadyPresent++;
      continue;
    }
    // A memo edited in their copy keeps my version and adds theirs beside it.
    const guid = myGuids.has(t.guid) ? derivedGuid('merged-memo', t.guid, t.title, t.body) : t.guid;
    m.plan.memos.push({
      guid,
      target: t.target,
      source: source ?? null,
      code: code ?? null,
      coding: coding ?? null,
      case: kase ?? null,
      start: t.start,
      end: t.end,
      title: t.title,
      body: t.body,
      author: t.authorId === null ? null : (m.users.get(t.authorId) ?? null),
      createdAt: t.createdAt,
    });
    m.plan.summary.memos.added++;
  }
}

/** Case values or source values: the same rules on both sheets. */
interface ValueSide {
  theirAttributes: AttributeRow[];
  myAttributes: AttributeRow[];
  attributeRefs: Map<number, Ref | null>;
  updates: { id: number; choices: string[] }[];
  /** Their values, by their owner (case or source) id. */
  theirs: { ownerId: number; attributeId: number; value: AttributeValue }[];
  mine: { ownerId: number; attributeId: number; value: AttributeValue }[];
  ownerRefs: Map<number, Ref | null>;
  theirOwnerGuid: Map<number, string>;
  myOwnerName: Map<number, string>;
  prefix: string;
  kind: 'attribute value' | 'source attribute value';
  push: (owner: Ref, attribute: Ref, value: AttributeValue) => void;
  same: () => void;
}

function planValueSide(m: MergeContext, side: ValueSide): void {
  const theirAttrs = new Map(side.theirAttributes.map((a) => [a.id, a]));
  const myAttrs = new Map(side.myAttributes.map((a) => [a.id, a]));
  const myValues = new Map(side.mine.map((v) => [`${v.ownerId}:${v.attributeId}`, v.value]));
  for (const v of side.theirs) {
    const attr = side.attributeRefs.get(v.attributeId);
    const owner = side.ownerRefs.get(v.ownerId);
    if (!attr || !owner) continue;
    let value: AttributeValue = v.value;
    const theirAttr = theirAttrs.get(v.attributeId)!;
    const myAttr = isMine(attr) ? myAttrs.get(attr.id)! : undefined;
    if (myAttr && myAttr.type !== theirAttr.type) {
      const update = side.updates.find((u) => u.id === myAttr.id);
      const parsed = parseValue(def({ ...myAttr, choices: update?.choices ?? myAttr.choices }), formatValue(def(theirAttr), v.value));
      if (!parsed.ok) continue; // kept out by the user's "keep my attribute" choice, as the conflict said
      value = parsed.value;
    }
    if (value.kind === 'unassigned') continue;
    const mine = isMine(owner) && myAttr ? myValues.get(`${owner.id}:${myAttr.id}`) : undefined;
    if (mine && valuesEqual(mine, value)) {
      side.same();
      continue;
    }
    if (mine && myAttr && isMine(owner)) {
      const choice = m.decide({
        id: `${side.prefix}:${side.theirOwnerGuid.get(v.ownerId)}:${theirAttr.guid}`,
        kind: side.kind,
        subject: `${side.myOwnerName.get(owner.id)} · ${myAttr.name}`,
        mine: formatValue(def(myAttr), mine),
        theirs: formatValue(def(myAttr), value),
        choices: ['mine', 'theirs'],
        default: 'mine',
        explain: { mine: 'keep my value', theirs: 'use their value' },
      });
      if (choice === 'mine') continue;
    }
    side.push(owner, attr, value);
  }
}

function planValues(m: MergeContext): void {
  const p = m.plan;
  planValueSide(m, {
    theirAttributes: m.theirs.attributes,
    myAttributes: m.mine.attributes,
    attributeRefs: m.attributes,
    updates: p.attributeUpdates,
    theirs: m.theirs.values.map((v) => ({ ownerId: v.caseId, attributeId: v.attributeId, value: v.value })),
    mine: m.mine.values.map((v) => ({ ownerId: v.caseId, attributeId: v.attributeId, value: v.value })),
    ownerRefs: m.cases,
    theirOwnerGuid: new Map(m.theirs.cases.map((c) => [c.id, c.guid])),
    myOwnerName: new Map(m.mine.cases.map((c) => [c.id, c.name])),
    prefix: 'value',
    kind: 'attribute value',
    push: (owner, attribute, value) => {
      p.values.push({ case: owner, attribute, value });
      p.summary.values.added++;
    },
    same: () => p.summary.values.same++,
  });
  planValueSide(m, {
    theirAttributes: m.theirs.sourceAttributes,
    myAttributes: m.mine.sourceAttributes,
    attributeRefs: m.sourceAttributes,
    updates: p.sourceAttributeUpdates,
    theirs: m.theirs.sourceValues.map((v) => ({ ownerId: v.sourceId, attributeId: v.attributeId, value: v.value })),
    mine: m.mine.sourceValues.map((v) => ({ ownerId: v.sourceId, attributeId: v.attributeId, value: v.value })),
    ownerRefs: m.sources,
    theirOwnerGuid: new Map(m.theirs.sources.map((s) => [s.id, s.guid])),
    myOwnerName: new Map(m.mine.sources.map((s) => [s.id, s.name])),
    prefix: 'source-value',
    kind: 'source attribute value',
    push: (owner, attribute, value) => {
      p.sourceValues.push({ source: owner, attribute, value });
      p.summary.sourceValues.added++;
    },
    same: () => p.summary.sourceValues.same++,
  });
}

function planCaseSpans(m: MergeContext): void {
  const myGuids = new Set(m.mine.caseSpans.map((s) => s.guid));
  const myKeys = new Set(m.mine.caseSpans.map((s) => `${s.caseId}|${s.sourceId}|${s.start}|${s.end}`));
  for (const s of m.theirs.caseSpans) {
    const kase = m.cases.get(s.caseId)!;
    const source = m.sources.get(s.sourceId);
    if (!source) continue;
    // The same case, source and range is the same passage, whatever its GUID.
    const present = isMine(kase) && isMine(source) && myKeys.has(`${kase.id}|${source.id}|${s.start}|${s.end}`);
    if (present) {
      m.plan.summary.caseSpans.alreadyPresent++;
      continue;
    }
    const guid = myGuids.has(s.guid) ? derivedGuid('merged-case-span', s.guid, String(s.start), String(s.end)) : s.guid;
    m.plan.caseSpans.push({ guid, case: kase, source, start: s.start, end: s.end });
    m.plan.summary.caseSpans.added++;
  }
}

function planCaseSets(m: MergeContext): void {
  for (const set of m.theirs.caseSets) {
    const members = set.members.map((id) => m.cases.get(id)!);
    const mine = m.mine.caseSets.find((x) => x.guid === set.guid) ?? m.mine.caseSets.find((x) => x.name.toLowerCase() === set.name.toLowerCase());
    if (!mine) {
      m.plan.caseSets.push({ guid: set.guid, name: set.name, description: set.description, rule: set.rule, members: set.rule === null ? members : [] });
      m.plan.summary.caseSets.added.push(set.name);
      continue;
    }
    if (mine.rule !== null || set.rule !== null) continue; // a rule set follows the values; mine is kept
    const missing = members.filter((r) => !isMine(r) || !mine.members.includes(r.id));
    if (missing.length > 0) {
      m.plan.setMembers.push({ setId: mine.id, members: missing });
      m.plan.summary.caseSets.extended.push(mine.name);
    }
  }
}

/**
 * Source sets and code sets: matched by GUID, then by kind and name (any
 * case). A new set arrives with the members that came across; a set on both
 * sides gains their members I lack, and keeps all of mine.
 */
function planItemSets(m: MergeContext): void {
  const mySets = m.mine.itemSets ?? [];
  for (const set of m.theirs.itemSets ?? []) {
    const refs = set.kind === 'sources' ? m.sources : m.codes;
    const members: Ref[] = [];
    for (const id of set.members) {
      const r = refs.get(id);
      if (r) members.push(r);
      else m.plan.summary.itemSets.membersNotImported++;
    }
    const label = `${set.name} (${set.kind})`;
    const mine =
      mySets.find((x) => x.kind === set.kind && x.guid === set.guid) ?? mySets.find((x) => x.kind === set.kind && x.name.toLowerCase() === set.name.toLowerCase());
    if (!mine) {
      m.plan.itemSets.push({ guid: m.guidFor(set.guid, mySets), kind: set.kind, name: set.name, description: set.description, members });
      m.plan.summary.itemSets.added.push(label);
      continue;
    }
    const missing = members.filter((r) => !isMine(r) || !mine.members.includes(r.id));
    if (missing.length > 0) {
      m.plan.itemSetMembers.push({ setId: mine.id, kind: mine.kind, members: missing });
      m.plan.summary.itemSets.extended.push(`${mine.name} (${mine.kind})`);
    }
  }
}

export function planRows(m: MergeContext): void {
  planCaseLinks(m);
  const codings = planCodings(m);
  planMemos(m, codings);
  planValues(m);
  planCaseSpans(m);
  planCaseSets(m);
  planItemSets(m);
}
