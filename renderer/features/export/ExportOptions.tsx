import { EXPORT_FORMATS, type ExportChoices, type MatrixMeasure } from '../../../shared/exporters/exportModels.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { CaseFilterEditor } from '../queries/CaseFilterEditor.js';
import { setChoices } from '../sets/setChoices.js';
import type { ExportDraft, Orientation } from './exportRequestDraft.js';

interface Props {
  draft: ExportDraft;
  choices: ExportChoices;
  update: (patch: Partial<ExportDraft>) => void;
}

const MEASURES: { id: MatrixMeasure; label: string }[] = [
  { id: 'references', label: 'Coding references' },
  { id: 'sources', label: 'Sources coded' },
  { id: 'cases', label: 'Cases coded' },
  { id: 'words', label: 'Words coded' },
  { id: 'coverage', label: 'Coverage (%)' },
];

const LABEL_PRESETS = ['[{case}]', '{Role} ({case})', '{case}, {Group}'];

function Format({ draft, update }: Pick<Props, 'draft' | 'update'>) {
  const formats = EXPORT_FORMATS[draft.kind];
  if (formats.length < 2) return null;
  return (
    <label className="export-field">
      Format
      <select value={draft.format} onChange={(e) => update({ format: e.target.value as ExportDraft['format'] })}>
        {formats.map((f) => (
          <option key={f} value={f}>
            {f === 'docx' ? (draft.kind === 'quotes' ? 'Word report (.docx)' : 'Word table (.docx)') : 'CSV for a spreadsheet (.csv)'}
          </option>
        ))}
      </select>
    </label>
  );
}

function Caption({ draft, update, label, placeholder }: Pick<Props, 'draft' | 'update'> & { label: string; placeholder: string }) {
  return (
    <label className="export-field wide">
      {label}
      <input value={draft.caption} placeholder={placeholder} onChange={(e) => update({ caption: e.target.value })} />
    </label>
  );
}

function OrientationField({ draft, update }: Pick<Props, 'draft' | 'update'>) {
  if (draft.format !== 'docx') return null;
  return (
    <label className="export-field">
      Page
      <select value={draft.orientation} onChange={(e) => update({ orientation: e.target.value as Orientation })}>
        <option value="auto">Landscape when wide</option>
        <option value="portrait">Portrait</option>
        <option value="landscape">Landscape</option>
      </select>
    </label>
  );
}

function LabelTemplate({ draft, update, choices }: Props) {
  return (
    <label className="export-field wide">
      Attribution (label template)
      <input list="export-label-presets" value={draft.labelTemplate} onChange={(e) => update({ labelTemplate: e.target.value })} aria-describedby="export-label-hint" />
      <datalist id="export-label-presets">
        {LABEL_PRESETS.map((p) => <option key={p} value={p} />)}
      </datalist>
      <span id="export-label-hint" className="hint">
        {`{case}, {source}, {time} (when it was said, for recordings), or an attribute: ${choices.attributes.map((a) => `{${a.name}}`).join(' ') || '(none yet)'}`}
      </span>
    </label>
  );
}

function CodeChecklist({ draft, update, choices }: Props) {
  const toggle = (path: string) => update({ codes: draft.codes.includes(path) ? draft.codes.filter((c) => c !== path) : [...draft.codes, path] });
  return (
    <fieldset className="export-codes">
      <legend>Codes (each gets a heading; sub-codes’ passages are included)</legend>
      <ul>
        {choices.codes.map((c) => (
          <li key={c.path} style={{ paddingLeft: `${c.depth * 14}px` }}>
            <label className="check">
              <input type="checkbox" checked={draft.codes.includes(c.path)} onChange={() => toggle(c.path)} /> {c.name}
              <span className="hint"> {c.references}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** Which cases the table or report is of: attribute conditions and a case set, as in the queries. */
function CaseFilterFields({ draft, update, choices, withSources }: Props & { withSources?: boolean }) {
  const sets = useApiQuery('caseSets.list', {});
  const itemSets = useApiQuery('sets.list', {});
  const sources = useApiQuery('sources.list', {}, { enabled: Boolean(withSources) });
  const classifications = useApiQuery('classifications.list', {}, { enabled: Boolean(withSources) });
  const attributes = choices.attributes.map((a) => ({ name: a.name, values: a.choices }));
  const on = draft.filter.where.length > 0 || draft.filter.set !== '' || (withSources === true && (draft.sources.length > 0 || draft.classification !== ''));
  return (
    <details className="export-filter" open={on}>
      <summary>Filter cases{withSources ? ' and sources' : ''}{on ? ' (on)' : ''}</summary>
      {withSources && (
        <label className="export-field">
          Classification
          <select value={draft.classification} onChange={(e) => update({ classification: e.target.value, attributes: null })}>
            <option value="">Any classification</option>
            {(classifications.data ?? []).map((k) => <option key={k.id} value={k.name}>{k.name}</option>)}
          </select>
        </label>
      )}
      <CaseFilterEditor form={draft.filter} onChange={(filter) => update({ filter })} attributes={attributes} sets={setChoices(sets.data ?? [], itemSets.data ?? [])} idPrefix="export" />
      {withSources && (
        <label className="export-field wide">
          Only these sources (none chosen = every source)
          <select multiple size={5} value={draft.sources} onChange={(e) => update({ sources: [...e.target.selectedOptions].map((o) => o.value) })}>
            {(sources.data ?? []).map((s) => <option key={s.id} value={s.name}>{s.name}</option>)}
          </select>
        </label>
      )}
    </details>
  );
}

function MatrixWordFields({ draft, update }: Pick<Props, 'draft' | 'update'>) {
  if (draft.format !== 'docx') return null;
  return (
    <>
      <label className="export-field">
        Row header
        <input value={draft.rowHeader} placeholder={draft.rows.startsWith('attribute:') ? draft.rows.slice(10) : 'Case'} onChange={(e) => update({ rowHeader: e.target.value })} />
      </label>
      <label className="export-field wide">
        Note under the table
        <input value={draft.note} placeholder="Note: …" onChange={(e) => update({ note: e.target.value })} />
      </label>
      <div className="export-checks">
        <label className="check"><input type="checkbox" checked={draft.rowPercentages} onChange={(e) => update({ rowPercentages: e.target.checked })} /> Row percentages</label>
        <label className="check"><input type="checkbox" checked={draft.shading} onChange={(e) => update({ shading: e.target.checked })} /> Heat shading</label>
        <label className="check"><input type="checkbox" checked={draft.apa} onChange={(e) => update({ apa: e.target.checked })} /> APA style (horizontal rules only)</label>
      </div>
    </>
  );
}

export function ExportOptions(props: Props) {
  const { draft, update, choices } = props;
  switch (draft.kind) {
    case 'framework':
      return (
        <div className="export-options">
          <label className="export-field">
            Framework matrix
            <select value={draft.framework} onChange={(e) => update({ framework: e.target.value, caption: '' })}>
              {choices.frameworks.length === 0 && <option value="">(none saved yet)</option>}
              {choices.frameworks.map((f) => <option key={f.name} value={f.name}>{f.name}</option>)}
            </select>
          </label>
          <OrientationField {...props} />
          <Caption {...props} label="Caption" placeholder={choices.frameworks.find((f) => f.name === draft.framework)?.caption || 'Table 3: …'} />
          <label className="check">
            <input type="checkbox" checked={draft.frameworkQuotes} onChange={(e) => update({ frameworkQuotes: e.target.checked })} /> Supporting quotes under each cell
          </label>
          {draft.frameworkQuotes && <LabelTemplate {...props} />}
        </div>
      );
    case 'matrix':
      return (
        <div className="export-options">
          <label className="export-field">
            Rows
            <select value={draft.rows} onChange={(e) => update({ rows: e.target.value, rowCodes: [] })}>
              <option value="cases">Cases</option>
              {draft.rows.startsWith('set:') && <option value={draft.rows}>{`Cases of the set ${draft.rows.slice(4)}`}</option>}
              {choices.attributes.map((a) => <option key={a.name} value={`attribute:${a.name}`}>{`Values of ${a.name}`}</option>)}
              <option value="sets">Case sets</option>
              <option value="codes">{draft.rowCodes.length ? `The ${draft.rowCodes.length} codes chosen in the query` : 'Codes'}</option>
            </select>
          </label>
          <label className="export-field">
            Columns
            <select value={draft.colCodes.length ? 'list' : draft.cols} onChange={(e) => update({ cols: e.target.value, colCodes: [] })}>
              {draft.colCodes.length > 0 && <option value="list">{`The ${draft.colCodes.length} codes chosen in the query`}</option>}
              <option value="codes">Every code</option>
              {choices.codes.filter((c, i) => choices.codes[i + 1]?.depth === c.depth + 1).map((c) => <option key={c.path} value={`children:${c.path}`}>{`Children of ${c.path}`}</option>)}
            </select>
          </label>
          <label className="export-field">
            Cells
            <select value={draft.measure} onChange={(e) => update({ measure: e.target.value as MatrixMeasure })}>
              {MEASURES.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
            </select>
          </label>
          <label className="export-field">
            Coder
            <select value={draft.coder} onChange={(e) => update({ coder: e.target.value })}>
              <option value="">Everyone</option>
              {[...new Set([...choices.coders, ...(draft.coder ? [draft.coder] : [])])].map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          <Format {...props} />
          <OrientationField {...props} />
          <Caption {...props} label="Caption" placeholder="Table 4: …" />
          <MatrixWordFields {...props} />
          <CaseFilterFields {...props} />
        </div>
      );
    case 'cases': {
      // Narrowed to a classification, the table's default columns are that classification's attributes (as the loader does).
      const shown = draft.attributes ?? choices.attributes.filter((a) => a.name !== draft.groupBy && (!draft.classification || a.classification === draft.classification)).map((a) => a.name);
      const toggle = (name: string) => update({ attributes: shown.includes(name) ? shown.filter((n) => n !== name) : choices.attributes.map((a) => a.name).filter((n) => n === name || shown.includes(n)) });
      return (
        <div className="export-options">
          <label className="export-field">
            Group by
            <select value={draft.groupBy} onChange={(e) => update({ groupBy: e.target.value, attributes: null })}>
              <option value="">(no grouping)</option>
              {choices.attributes.map((a) => <option key={a.name} value={a.name}>{a.name}</option>)}
            </select>
          </label>
          <Format {...props} />
          <OrientationField {...props} />
          <Caption {...props} label="Caption" placeholder={draft.groupBy ? `Table 1: Participants by ${draft.groupBy.toLowerCase()}` : 'Table 1: Participants'} />
          <fieldset className="export-attributes">
            <legend>Columns</legend>
            {choices.attributes.map((a) => (
              <label key={a.name} className="check">
                <input type="checkbox" checked={shown.includes(a.name)} onChange={() => toggle(a.name)} /> {a.name}
              </label>
            ))}
          </fieldset>
          <CaseFilterFields {...props} withSources />
        </div>
      );
    }
    case 'codebook':
      return (
        <div className="export-options">
          <Caption {...props} label="Title" placeholder="Codebook" />
          <div className="export-checks">
            <label className="check"><input type="checkbox" checked={draft.examples} onChange={(e) => update({ examples: e.target.checked })} /> An example passage for each code</label>
            <label className="check"><input type="checkbox" checked={draft.guide} disabled={!choices.hasInterviewGuide} onChange={(e) => update({ guide: e.target.checked })} /> {choices.hasInterviewGuide ? 'The interview guide' : 'The interview guide (none in this project)'}</label>
          </div>
          {draft.examples && <LabelTemplate {...props} />}
        </div>
      );
    case 'quotes':
      return (
        <div className="export-options">
          <Format {...props} />
          <Caption {...props} label="Title" placeholder="Coded passages" />
          <LabelTemplate {...props} />
          <label className="export-field">
            Order
            <select value={draft.order} onChange={(e) => update({ order: e.target.value as ExportDraft['order'] })}>
              <option value="case">By case</option>
              <option value="source">By source</option>
            </select>
          </label>
          <label className="check"><input type="checkbox" checked={draft.memos} onChange={(e) => update({ memos: e.target.checked })} /> Include memos</label>
          <label className="check"><input type="checkbox" checked={draft.bySubcode} onChange={(e) => update({ bySubcode: e.target.checked })} /> A heading for each sub-code</label>
          <CaseFilterFields {...props} withSources />
          <CodeChecklist {...props} />
        </div>
      );
  }
}
