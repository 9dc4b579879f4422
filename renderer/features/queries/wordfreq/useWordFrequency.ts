import { useCallback, useState } from 'react';
import { useApi } from '../../../api/ApiContext.js';
import { useApiQuery } from '../../../hooks/useApiQuery.js';
import { useAction } from '../../../hooks/useNotice.js';
import { useViewState } from '../viewState.js';
import { DEFAULT_WORD_FORM, parseWordList, toWordFrequencyDef, type WordFrequencyForm } from './wordFrequencyModel.js';

/** Word frequency: the form, the query that ran, its words, and the project's stop-word list. */
export function useWordFrequency() {
  const api = useApi();
  const act = useAction();
  const [form, setForm] = useViewState('wf.form', DEFAULT_WORD_FORM);
  const [submitted, setSubmitted] = useViewState('wf.submitted', null);
  const [problem, setProblem] = useState<string | null>(null);
  const result = useApiQuery('queries.wordFrequency', submitted ?? {}, { enabled: !!submitted });
  const stopWords = useApiQuery('stopWords.list', {});

  const update = useCallback((patch: Partial<WordFrequencyForm>) => setForm((f) => ({ ...f, ...patch })), [setForm]);
  const run = useCallback(() => {
    const def = toWordFrequencyDef(form);
    setProblem(typeof def === 'string' ? def : null);
    if (typeof def !== 'string') setSubmitted(def);
  }, [form, setSubmitted]);

  const addStopWords = useCallback(
    async (input: string) => {
      const words = parseWordList(input);
      if (!words.length) return false;
      return !!(await act(() => api.call('stopWords.add', { words })));
    },
    [act, api],
  );
  const removeStopWord = useCallback((word: string) => act(() => api.call('stopWords.remove', { words: [word] })), [act, api]);
  const resetStopWords = useCallback(() => act(() => api.call('stopWords.reset', {}), 'The stop-word list is back to Quarry’s English list.'), [act, api]);

  return {
    form,
    update,
    run,
    problem,
    submitted,
    result: submitted ? result : null,
    stopWords: stopWords.data ?? [],
    addStopWords,
    removeStopWord,
    resetStopWords,
  };
}
