/**
 * Everything a user would call "the project" as plain, comparable data:
 * names, paths and texts instead of row ids, so two projects built in
 * different ways (an export and its re-import, a merge) can be compared.
 */
import type Database from 'better-sqlite3';
import { readSnapshot } from '../../../shared/store/snapshotStore.js';
import { getSourceText } from '../../../shared/store/sourcesStore.js';
import { sliceCodePoints } from '../../../shared/text/positions.js';
import { joinPath } from '../../../shared/domain/codePath.js';

export function fingerprint(db: Database.Database, opts: { guids?: boolean } = {}) {
  const s = readSnapshot(db);
  const user = new Map(s.users.map((u) => [u.id, u.name]));
  const text = new Map(s.sources.map((x) => [x.id, getSourceText(db, x.id) ?? '']));
  const sourceName = new Map(s.sources.map((x) => [x.id, x.name]));
  const caseName = new Map(s.cases.map((c) => [c.id, c.name]));
  const codeById = new Map(s.codes.map((c) => [c.id, c]));
  const pathOf = (id: number): string => {
    const names: string[] = [];
    for (let c = codeById.get(id); c; c = c.parentId === null ? undefined : codeById.get(c.parentId)) names.unshift(c.name);
    return joinPath(names);
  };
  const codingById = new Map(s.codings.map((c) => [c.id, c]));
  const codingLabel = (id: number) => {
    const c = codingById.get(id)!;
    return `${sourceName.get(c.sourceId)}|${pathOf(c.codeId)}|${user.get(c.coderId)}|${c.start}-${c.end}`;
  };
  const g = (guid: string) => (opts.guids ? { guid } : {});
  const sortBy = <T>(list: T[]) => list.map((x) => JSON.stringify(x)).sort();
  return {
    users: sortBy(s.users.map((u) => ({ name: u.name, ...g(u.guid) }))),
    sources: sortBy(s.sources.map((x) => ({ name: x.name, text: text.get(x.id), case: x.caseId === null ? null : caseName.get(x.caseId), description: x.description, ...g(x.guid) }))),
    codes: sortBy(s.codes.map((c) => ({ path: pathOf(c.id), color: c.color, description: c.description, ...g(c.guid) }))),
    codings: sortBy(
      s.codings.map((c) => ({
        source: sourceName.get(c.sourceId),
        code: pathOf(c.codeId),
        coder: user.get(c.coderId),
        start: c.start,
        end: c.end,
        text: sliceCodePoints(text.get(c.sourceId)!, c.start, c.end),
        ...g(c.guid),
      })),
    ),
    cases: sortBy(s.cases.map((c) => ({ name: c.name, description: c.description, ...g(c.guid) }))),
    attributes: sortBy(s.attributes.map((a) => ({ name: a.name, type: a.type, choices: a.choices, description: a.description, ...g(a.guid) }))),
    values: sortBy(s.values.map((v) => ({ case: caseName.get(v.caseId), attribute: s.attributes.find((a) => a.id === v.attributeId)!.name, value: v.value }))),
    memos: sortBy(
      s.memos.map((m) => ({
        target: m.target,
        about:
          m.target === 'source' || m.target === 'span' ? sourceName.get(m.sourceId!)
          : m.target === 'code' ? pathOf(m.codeId!)
          : m.target === 'coding' ? codingLabel(m.codingId!)
          : m.target === 'case' ? caseName.get(m.caseId!)
          : null,
        start: m.start,
        end: m.end,
        title: m.title,
        body: m.body,
        author: m.authorId === null ? null : user.get(m.authorId),
        ...g(m.guid),
      })),
    ),
    caseSpans: sortBy(s.caseSpans.map((p) => ({ case: caseName.get(p.caseId), source: sourceName.get(p.sourceId), start: p.start, end: p.end }))),
    caseSets: sortBy(s.caseSets.map((x) => ({ name: x.name, description: x.description, rule: x.rule, members: x.members.map((id) => caseName.get(id)).sort() }))),
  };
}
