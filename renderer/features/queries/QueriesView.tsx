import type { ComponentType } from 'react';
import { QUERY_KIND_SPECS, SAVED_QUERY_KINDS, type QueryKindTab } from '../../../shared/queries/queryKindRegistry.js';
import type { WorkbenchViewProps } from '../workbench/views.js';
import { ChartsPanel } from './charts/ChartsPanel.js';
import { CodingQueryPanel } from './coding-query/CodingQueryPanel.js';
import { CooccurrencePanel } from './matrix/CooccurrencePanel.js';
import { MatrixPanel } from './matrix/MatrixPanel.js';
import { SavedQueriesPanel } from './SavedQueriesPanel.js';
import { SearchPanel } from './search/SearchPanel.js';
import { useOpenSavedQuery, type QueryTab } from './useOpenSavedQuery.js';
import { WordFrequencyPanel } from './wordfreq/WordFrequencyPanel.js';
import { ProjectScope, useViewState } from './viewState.js';
import './queries.css';

const TABS: { id: QueryTab; label: string; tip: string }[] = [
  ...SAVED_QUERY_KINDS.map((k) => QUERY_KIND_SPECS[k].tab),
  { id: 'charts', label: 'Charts', tip: 'References per code by attribute value, as a bar chart' },
  { id: 'saved', label: 'Saved queries', tip: 'Run or delete the queries saved in the project' },
];

/** The panel that builds and shows each kind of query, by its tab (a record over the registry's tabs). */
const KIND_PANELS: { [T in QueryKindTab]: ComponentType<{ readOnly: boolean }> } = {
  search: SearchPanel,
  coding: CodingQueryPanel,
  matrix: MatrixPanel,
  cooccurrence: CooccurrencePanel,
  wordfreq: WordFrequencyPanel,
};

/** NVivo's Explore ribbon as one view: every query, each in its own tab. */
export function QueriesView({ project }: WorkbenchViewProps) {
  return (
    <ProjectScope.Provider value={project.guid || project.path}>
      <QueriesTabs readOnly={project.readOnly} />
    </ProjectScope.Provider>
  );
}

function QueriesTabs({ readOnly }: { readOnly: boolean }) {
  const [tab, setTab] = useViewState('queries.tab', 'search');
  const open = useOpenSavedQuery(setTab);
  const KindPanel = Object.hasOwn(KIND_PANELS, tab) ? KIND_PANELS[tab as QueryKindTab] : null;
  return (
    <div className="queries-view">
      <nav className="q-tabs" role="tablist" aria-label="Queries">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={t.id === tab} className={t.id === tab ? 'q-tab active' : 'q-tab'} title={t.tip} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </nav>
      <section className="q-tabpanel" role="tabpanel" aria-label={TABS.find((t) => t.id === tab)?.label}>
        {KindPanel && <KindPanel readOnly={readOnly} />}
        {tab === 'charts' && <ChartsPanel />}
        {tab === 'saved' && <SavedQueriesPanel onOpen={open} readOnly={readOnly} />}
      </section>
    </div>
  );
}
