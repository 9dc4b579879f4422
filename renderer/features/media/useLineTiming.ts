import { useEffect, useMemo, useRef } from 'react';
import { formatClock } from '../../../shared/transcripts/timecode.js';
import { lineAt } from '../document/documentLayout.js';
import type { LineTiming } from '../document/DocumentView.js';
import type { DocumentModel } from '../document/useDocument.js';
import type { MediaPlayerState } from './useMediaPlayer.js';

/**
 * Ties the player to the document view: each timed line's label and
 * document line, the line being said, playing from a line, and playing a
 * passage revealed from any list (coded passages, queries) from the moment
 * it was said.
 */
export function useLineTiming(model: DocumentModel | null, player: MediaPlayerState, reveal: { sourceId: number; start: number; end: number; nonce: number } | null): LineTiming | null {
  const { lines: timed, playFrom, playPassage, currentLine: currentCue, src } = player;
  const docLines = useMemo(() => {
    if (!model) return [];
    return timed.map((t) => lineAt(model.lines, model.index.cpToUtf16(Math.min(t.start, model.index.length))));
  }, [model, timed]);
  const byDocLine = useMemo(() => new Map(docLines.map((d, i) => [d, i])), [docLines]);
  const labels = useMemo(() => new Map(docLines.map((d, i) => [d, formatClock(timed[i]!.startMs)])), [docLines, timed]);

  const played = useRef<number | null>(null);
  useEffect(() => {
    if (!reveal || !model || reveal.sourceId !== model.doc.id || !src || played.current === reveal.nonce) return;
    played.current = reveal.nonce;
    playPassage(reveal.start, reveal.end);
  }, [reveal, model, src, playPassage]);

  return useMemo(() => {
    if (!src || timed.length === 0) return null;
    return {
      labels,
      currentLine: currentCue >= 0 ? (docLines[currentCue] ?? -1) : -1,
      onPlayLine: (line: number) => {
        const cue = byDocLine.get(line);
        if (cue !== undefined) playFrom(timed[cue]!.startMs);
      },
    };
  }, [src, timed, labels, currentCue, docLines, byDocLine, playFrom]);
}
