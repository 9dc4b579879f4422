import { BrowseButton } from '../files/BrowseButton.js';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { AttributeInfo, CaseSetInfo } from '../../../shared/domain/caseTypes.js';
import { useApi } from '../../api/ApiContext.js';
import { useAction } from '../../hooks/useNotice.js';
import type { WorkbenchViewProps } from '../workbench/views.js';
import { AttributeDialog } from './AttributeDialog.js';
import { CaseSetEditor } from './CaseSetEditor.js';
import { CaseSetsPanel } from './CaseSetsPanel.js';
import { ClassificationSheet } from './ClassificationSheet.js';
import { CsvImportDialog } from './CsvImportDialog.js';
import { downloadBase64, downloadText, XLSX_MIME_TYPE } from './fileTransfer.js';
import { PassageCasesPanel } from './PassageCasesPanel.js';
import { filterRows, sortRows, type ColumnFilters, type SortKey, type SortState } from './sheetModel.js';
import { SourceTray } from './SourceTray.js';
import { useCasesData } from './useCasesData.js';
import { CaseTree } from './CaseTree.js';
import { ClassificationEditor } from './ClassificationEditor.js';
import { SourceAttributeSheet } from './SourceAttributeSheet.js';
import { useClassificationData } from './useClassificationData.js';
import { useCsvImport } from './useCsvImport.js';
import './cases.css';

type SetEditor = { set?: CaseSetInfo; kind?: 'rule' | 'manual'; caseIds?: number[] };

type Page = 'sheet' | 'classifications' | 'sources';
const PAGES: { page: Page; label: string }[] = [
  { page: 'sheet', label: 'Classification sheet' },
  { page: 'classifications', label: 'Classifications & case tree' },
  { page: 'sources', label: 'Source attributes' },
];

/** The classifications, the case tree and the source sheet: their own page of the Cases view. */
function ClassificationPages({ page }: { page: Exclude<Page, 'sheet'> }) {
  const data = useClassificationData();
  if (page === 'sources') return <SourceAttributeSheet data={data} />;
  return (
    <div className="classification-pages">
      <ClassificationEditor data={data} />
      <CaseTree data={data} />
    </div>
  );
}

/** Cases and their attributes: the classification sheet, CSV import/export, case sets, and sources by case. */
export function CasesView(_props: WorkbenchViewProps) {
  const api = useApi();
  const act = useAction();
  const data = useCasesData();
  const importer = useCsvImport();
  const fileInput = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<ColumnFilters>({});
  const [sort, setSort] = useState<SortState | null>(null);
  const [newCase, setNewCase] = useState('');
  const [attrDialog, setAttrDialog] = useState<{ attr?: AttributeInfo } | null>(null);
  const [setEditor, setSetEditor] = useState<SetEditor | null>(null);
  const [activeSetId, setActiveSetId] = useState<number | null>(null);
  const [activeCaseId, setActiveCaseId] = useState<number | null>(null);
  const [page, setPage] = useState<Page>('sheet');

  const activeSet = data.sets.find((s) => s.id === activeSetId) ?? null;
  const onlyIds = useMemo(() => (activeSet ? new Set(activeSet.caseIds) : null), [activeSet]);
  const filtered = useMemo(() => filterRows(data.rows, data.attributes, text, filters, onlyIds), [data.rows, data.attributes, text, filters, onlyIds]);
  const rows = useMemo(() => sortRows(filtered.rows, sort, data.attributes), [filtered.rows, sort, data.attributes]);

  const onSort = useCallback((key: SortKey) => {
    setSort((s) => {
      const same = s && JSON.stringify(s.key) === JSON.stringify(key);
      if (!same) return { key, direction: 'asc' };
      return s.direction === 'asc' ? { key, direction: 'desc' } : null;
    });
  }, []);
  const editAttribute = useCallback((attr: AttributeInfo) => setAttrDialog({ attr }), []);
  const onFilter = useCallback((key: string, value: string) => setFilters((f) => ({ ...f, [key]: value })), []);

  const addCase = async () => {
    const name = newCase.trim();
    if (!name) return;
    if (await data.createCase(name)) setNewCase('');
  };

  const activeCase = data.rows.find((r) => r.id === activeCaseId) ?? null;
  const deleteCase = async () => {
    if (!activeCase) return;
    const sources = activeCase.sources.length ? ` Its ${activeCase.sources.length} source(s) stay in the project without a case.` : '';
    if (!window.confirm(`Delete the case “${activeCase.name}” and its attribute values?${sources} You can undo this.`)) return;
    await act(() => api.call('cases.delete', { id: activeCase.id }), `Deleted ${activeCase.name}`);
  };

  const exportCsv = async () => {
    const res = await act(() => api.call('classification.export', {}));
    if (res) downloadText(res.fileName, res.csv);
  };
  const exportXlsx = async () => {
    const res = await act(() => api.call('classification.exportXlsx', {}));
    if (res) downloadBase64(res.fileName, res.dataBase64, XLSX_MIME_TYPE);
  };

  const caseNames = useMemo(() => data.rows.map((r) => r.name), [data.rows]);
  const filtering = text.trim() !== '' || Object.values(filters).some((v) => v.trim() !== '') || activeSet !== null;

  return (
    <div className="cases-view">
      <div className="cases-pages" role="tablist" aria-label="Cases pages">
        {PAGES.map((p) => (
          <button key={p.page} type="button" role="tab" aria-selected={page === p.page} className={page === p.page ? 'selected' : undefined} onClick={() => setPage(p.page)}>
            {p.label}
          </button>
        ))}
      </div>
      {page !== 'sheet' ? (
        <div className="cases-main">
          <ClassificationPages page={page} />
        </div>
      ) : (
        <>
      <div className="cases-toolbar">
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void addCase();
          }}
        >
          <input aria-label="New case name" placeholder="New case…" value={newCase} onChange={(e) => setNewCase(e.target.value)} />
          <button type="submit">Add case</button>
        </form>
        <button type="button" disabled={!activeCase} onClick={() => void deleteCase()} title="Delete the case of the selected row">
          {activeCase ? `Delete “${activeCase.name.length > 16 ? `${activeCase.name.slice(0, 15)}…` : activeCase.name}”` : 'Delete case'}
        </button>
        <button type="button" onClick={() => setAttrDialog({})}>
          Add attribute…
        </button>
        <BrowseButton
          mode="open"
          label="Import sheet…"
          title="Import a classification sheet"
          tip="Import a classification sheet (CSV or Excel .xlsx: first column = case name, header row = attribute names), read from where it is"
          extensions={['.csv', '.tsv', '.txt', '.xlsx']}
          kind="import-sheet"
          testId="import-sheet-by-path"
          onChoose={(p) => void importer.openPath(p)}
        />
        <button type="button" onClick={() => fileInput.current?.click()} title="Send a classification sheet from this browser (uploads its contents)">
          Upload sheet…
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          accept={`.csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,${XLSX_MIME_TYPE}`}
          data-testid="classification-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importer.open(file);
          }}
        />
        <button type="button" onClick={exportCsv} disabled={data.rows.length === 0}>
          Export CSV
        </button>
        <button type="button" onClick={exportXlsx} disabled={data.rows.length === 0} title="The sheet as an Excel workbook: numbers, dates and yes/no as typed cells">
          Export Excel
        </button>
        <span className="spacer" />
        <input className="sheet-search" type="search" aria-label="Find in the sheet" placeholder="Find in the sheet…" value={text} onChange={(e) => setText(e.target.value)} />
        <span className="hint" data-testid="sheet-count">
          {filtering ? `${rows.length.toLocaleString()} of ${data.rows.length.toLocaleString()} cases` : `${data.rows.length.toLocaleString()} cases`}
        </span>
        {filtering && (
          <button
            type="button"
            className="link"
            onClick={() => {
              setText('');
              setFilters({});
              setActiveSetId(null);
            }}
          >
            Clear filters
          </button>
        )}
      </div>
      <div className="cases-main">
        {data.error && <p className="error-text">{data.error}</p>}
        {!data.loading && data.rows.length === 0 && data.attributes.length === 0 ? (
          <div className="cases-empty">
            <h2>No cases yet</h2>
            <p>
              A case is a participant, a firm or a site. Add cases one by one, import a classification sheet (a CSV file with one row per case and
              one column per attribute), or import transcripts with “Case from file name”.
            </p>
          </div>
        ) : (
          <ClassificationSheet
            rows={rows}
            attributes={data.attributes}
            allSources={data.sources}
            classificationCount={data.classificationCount}
            attributeClassification={data.attributeClassification}
            sort={sort}
            onSort={onSort}
            filters={filters}
            filterErrors={filtered.errors}
            onFilter={onFilter}
            onSetValue={data.setValue}
            onRename={data.renameCase}
            onAssign={data.assignSource}
            onEditAttribute={editAttribute}
            onActiveCase={setActiveCaseId}
          />
        )}
        <aside className="cases-side">
          <CaseSetsPanel
            sets={data.sets}
            rows={data.rows}
            activeSetId={activeSetId}
            onShow={setActiveSetId}
            onEdit={(set) => setSetEditor({ set })}
            onNew={(kind) => setSetEditor({ kind, ...(kind === 'manual' && filtering ? { caseIds: rows.map((r) => r.id) } : {}) })}
          />
          <SourceTray sources={data.sources} />
          <PassageCasesPanel sources={data.sources} caseNames={caseNames} />
        </aside>
      </div>
        </>
      )}
      {attrDialog && (
        <AttributeDialog
          key={attrDialog.attr?.id ?? 'new'}
          {...(attrDialog.attr ? { attr: data.attributes.find((a) => a.id === attrDialog.attr!.id) ?? attrDialog.attr } : {})}
          attributes={data.attributes}
          onClose={() => setAttrDialog(null)}
        />
      )}
      {setEditor && (
        <CaseSetEditor
          {...(setEditor.set ? { set: setEditor.set } : {})}
          {...(setEditor.kind ? { initialKind: setEditor.kind } : {})}
          {...(setEditor.caseIds ? { initialCaseIds: setEditor.caseIds } : {})}
          attributes={data.attributes}
          rows={data.rows}
          onClose={() => setSetEditor(null)}
        />
      )}
      <CsvImportDialog importer={importer} />
    </div>
  );
}
