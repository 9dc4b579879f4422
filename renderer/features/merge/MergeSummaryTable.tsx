import type { ReactNode } from 'react';
import type { MergeMatch, MergeSummary } from '../../../shared/domain/mergeTypes.js';

function Names({ list, empty }: { list: string[]; empty?: string }) {
  if (list.length === 0) return <span className="hint">{empty ?? '—'}</span>;
  const shown = list.slice(0, 8).join(', ');
  return (
    <span title={list.join('\n')}>
      {shown}
      {list.length > 8 ? ` and ${list.length - 8} more` : ''}
    </span>
  );
}

function renamed(matches: MergeMatch[]): string[] {
  return matches.filter((m) => m.mine !== m.theirs).map((m) => `${m.theirs} → ${m.mine}`);
}

/** What the merge brings in and what it found already there. */
export function MergeSummaryTable({ s }: { s: MergeSummary }) {
  const byCoder = Object.entries(s.codings.addedByCoder).map(([c, n]) => `${n} by ${c}`);
  const rows: [string, ReactNode, ReactNode][] = [
    ['Sources', <Names key="a" list={s.sources.added} />, <>{s.sources.matched.length} (same text){renamed(s.sources.matched).length > 0 && <div className="hint">named differently: <Names list={renamed(s.sources.matched)} /></div>}</>],
    ['Recordings', <Names key="a" list={s.recordings.added} />, s.recordings.alreadyPresent],
    ['Timed transcript lines', s.timedLines.added, ''],
    ['Codes', <Names key="a" list={s.codes.added} />, <>{s.codes.matched.length}{s.codes.updated.length > 0 && <div className="hint">details updated: <Names list={s.codes.updated} /></div>}{s.codes.flagsKept && <div className="hint">folder flag differs, mine kept: <Names list={s.codes.flagsKept} /></div>}</>],
    ['Codings', <>{s.codings.added}{byCoder.length > 0 && <span className="hint"> ({byCoder.join(', ')})</span>}</>, s.codings.alreadyPresent],
    ['Memos', s.memos.added, s.memos.alreadyPresent],
    ['Coders', <Names key="a" list={s.coders.added} />, s.coders.matched.length],
    ['Classifications', <Names key="a" list={s.classifications.added} />, s.classifications.matched.length],
    ['Cases', <Names key="a" list={s.cases.added} />, s.cases.matched.length],
    ['Cases nested / classified', `${s.caseTree.nested} / ${s.caseTree.classified}`, ''],
    ['Attributes', <Names key="a" list={s.attributes.added} />, s.attributes.matched.length],
    ['Attribute values', s.values.added, s.values.same],
    ['Source attributes', <Names key="a" list={s.sourceAttributes.added} />, s.sourceAttributes.matched.length],
    ['Source attribute values', s.sourceValues.added, s.sourceValues.same],
    ['Sources put in cases', s.caseLinks.added, ''],
    ['Case passages', s.caseSpans.added, s.caseSpans.alreadyPresent],
    ['Case sets', <Names key="a" list={[...s.caseSets.added, ...s.caseSets.extended.map((x) => `${x} (members added)`)]} />, ''],
    [
      'Source and code sets',
      <>
        <Names key="a" list={[...s.itemSets.added, ...s.itemSets.extended.map((x) => `${x} (members added)`)]} />
        {s.itemSets.membersNotImported > 0 && <div className="hint">{s.itemSets.membersNotImported} member(s) not brought in</div>}
      </>,
      '',
    ],
  ];
  return (
    <table className="merge-table" data-testid="merge-summary">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">Will be added</th>
          <th scope="col">Already here (matched)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, added, matched]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{added}</td>
            <td>{matched}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
