import { useCallback } from 'react';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useAction } from '../../hooks/useNotice.js';
import type { AttributeType } from '../../../shared/cases/attributeTypes.js';

/** Classifications, their attributes, the case tree and the source sheet, with the edits they take. */
export function useClassificationData() {
  const api = useApi();
  const act = useAction();
  const classifications = useApiQuery('classifications.list', {});
  const attributes = useApiQuery('attributes.list', {});
  const cases = useApiQuery('cases.list', {});
  const sourceSheet = useApiQuery('sourceAttributes.sheet', {});

  const addClassification = useCallback((name: string) => act(() => api.call('classifications.create', { name }), `Added the classification ${name}`), [api, act]);
  const renameClassification = useCallback((id: number, name: string) => act(() => api.call('classifications.update', { id, name })), [api, act]);
  const deleteClassification = useCallback((id: number) => act(() => api.call('classifications.delete', { id })), [api, act]);
  const addAttribute = useCallback(
    (classificationId: number, name: string, type: AttributeType) => act(() => api.call('attributes.create', { name, type, classificationId })),
    [api, act],
  );
  const moveCase = useCallback((id: number, parentId: number | null) => act(() => api.call('cases.move', { id, parentId })), [api, act]);
  const classifyCase = useCallback((id: number, classificationId: number | null) => act(() => api.call('cases.classify', { id, classificationId })), [api, act]);
  const addSourceAttribute = useCallback((name: string, type: AttributeType) => act(() => api.call('sourceAttributes.create', { name, type })), [api, act]);
  const setSourceValue = useCallback(
    (sourceId: number, attributeId: number, raw: string) => act(() => api.call('sourceAttributes.setValue', { sourceId, attributeId, raw })),
    [api, act],
  );

  return {
    classifications: classifications.data ?? [],
    attributes: attributes.data ?? [],
    cases: cases.data ?? [],
    sourceSheet: sourceSheet.data ?? { attributes: [], sources: [] },
    addClassification,
    renameClassification,
    deleteClassification,
    addAttribute,
    moveCase,
    classifyCase,
    addSourceAttribute,
    setSourceValue,
  };
}

export type ClassificationData = ReturnType<typeof useClassificationData>;
