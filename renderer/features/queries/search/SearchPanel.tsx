import { SaveQueryButton } from '../SaveQueryButton.js';
import { JobProgressBar } from '../../jobs/JobProgressBar.js';
import { useShowInContext } from '../useShowInContext.js';
import { CodeHitsBar } from './CodeHitsBar.js';
import { KwicList } from './KwicList.js';
import { SEARCH_SYNTAX_HINT } from './searchSyntax.js';
import { SEARCH_PAGE, useTextSearch } from './useTextSearch.js';

/** Text search over every source: keyword-in-context hits, counts per source, code all hits. */
export function SearchPanel({ readOnly }: { readOnly: boolean }) {
  const s = useTextSearch();
  const show = useShowInContext();
  const sources = s.overview?.sources ?? [];
  const shownSource = s.submitted?.sourceId ? sources.find((x) => x.sourceId === s.submitted!.sourceId) : undefined;
  const r = s.result;

  return (
    <div className="q-panel search-panel">
      <form
        className="q-row search-form"
        onSubmit={(e) => {
          e.preventDefault();
          s.run();
        }}
      >
        <input
          className="search-box"
          aria-label="Search expression"
          aria-invalid={!!s.problem}
          aria-describedby="search-hint"
          placeholder='e.g. trust OR "same sector" NOT competitor*'
          value={s.draft}
          onChange={(e) => s.setDraft(e.target.value)}
        />
        <label className="check">
          <input type="checkbox" checked={s.stem} onChange={(e) => s.setStem(e.target.checked)} /> Stemming (meeting finds meet, meetings)
        </label>
        <button type="submit" disabled={!s.draft.trim() || !!s.problem}>
          Search
        </button>
      </form>
      <p className="hint" id="search-hint">
        {SEARCH_SYNTAX_HINT}
      </p>
      {s.problem && (
        <div className="search-problem" role="alert">
          <p>{s.problem.message}</p>
          <code className="search-pointer" aria-hidden="true">
            {s.problem.before}
            <mark>{s.problem.token || ' '}</mark>
            {s.problem.after}
          </code>
        </div>
      )}
      {s.error && !s.problem && (
        <p className="q-error" role="alert">
          {s.error}
        </p>
      )}
      {s.submitted && s.overview && (
        <>
          <div className="q-row">
            <p className="q-summary" data-testid="search-summary">
              {s.overview.totalHits} {s.overview.totalHits === 1 ? 'hit' : 'hits'} for <strong>{s.overview.expression}</strong> in {sources.length}{' '}
              {sources.length === 1 ? 'source' : 'sources'}
              {s.submitted.stem ? ' (with stemming)' : ''}
              {s.loading ? ' · searching…' : ''}
            </p>
            <span className="spacer" />
            <SaveQueryButton definition={{ kind: 'text', definition: { expression: s.submitted.expression, stem: s.submitted.stem } }} readOnly={readOnly} />
          </div>
          <CodeHitsBar
            totalHits={shownSource?.hits ?? s.overview.totalHits}
            scope={shownSource ? `${shownSource.hits} hits in ${shownSource.source}` : `${s.overview.totalHits} hits`}
            code={s.code}
            onChooseCode={s.chooseCode}
            spread={s.spread}
            onSpread={s.setSpread}
            onCodeAll={() => void s.codeAllHits()}
            readOnly={readOnly}
          />
          <JobProgressBar job={s.hitsJob} what="Coding the hits" />
          <div className="search-results">
            <ul className="list search-sources" aria-label="Hits per source">
              <li>
                <button type="button" className={!s.submitted.sourceId ? 'list-item selected' : 'list-item'} onClick={() => s.patch({ sourceId: null, limit: SEARCH_PAGE })}>
                  <span>All sources</span>
                  <span className="list-meta">{s.overview.totalHits}</span>
                </button>
              </li>
              {sources.map((src) => (
                <li key={src.sourceId}>
                  <button
                    type="button"
                    className={src.sourceId === s.submitted!.sourceId ? 'list-item selected' : 'list-item'}
                    onClick={() => s.patch({ sourceId: src.sourceId, limit: SEARCH_PAGE })}
                    title={src.case ? `Case ${src.case}` : undefined}
                  >
                    <span>{src.source}</span>
                    <span className="list-meta">{src.hits}</span>
                  </button>
                </li>
              ))}
            </ul>
            <div className="search-hits">
              {r && <KwicList hits={r.hits} onShow={(h) => show(h)} />}
              {r?.truncated && (
                <button type="button" onClick={() => s.patch({ limit: (s.submitted?.limit ?? SEARCH_PAGE) + SEARCH_PAGE })}>
                  Show more hits ({r.hits.length} of {r.totalHits} shown)
                </button>
              )}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
