import { useCallback, useRef } from 'react';
import { useNotice } from '../../../hooks/useNotice.js';
import { chartFileName, downloadBlob, serializeSvg, svgToPng } from './chartExport.js';

/** A ref for the element holding a chart's <svg>, and its SVG / PNG downloads. */
export function useChartExport(title: string) {
  const holder = useRef<HTMLDivElement>(null);
  const { notify } = useNotice();
  const svg = () => holder.current?.querySelector('svg') ?? null;

  const exportSvg = useCallback(() => {
    const el = svg();
    if (!el) return;
    const { text } = serializeSvg(el);
    const name = chartFileName(title, 'svg');
    downloadBlob(new Blob([text], { type: 'image/svg+xml' }), name);
    notify(`Saved ${name}`);
  }, [title, notify]);

  const exportPng = useCallback(async () => {
    const el = svg();
    if (!el) return;
    try {
      const { text, width, height } = serializeSvg(el);
      const name = chartFileName(title, 'png');
      downloadBlob(await svgToPng(text, width, height), name);
      notify(`Saved ${name}`);
    } catch (err) {
      notify((err as Error).message || 'The chart could not be exported as PNG.', 'error');
    }
  }, [title, notify]);

  return { holder, exportSvg, exportPng };
}
