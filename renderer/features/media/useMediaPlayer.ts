import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { isMacPlatform, keyChord } from '../shortcuts/keyChord.js';
import { lineAtTime, passageTime, REWIND_MS } from './cueTiming.js';

/**
 * The player's state for the open source: its recording and timed lines,
 * where playback is, and the commands (play from a moment or a passage,
 * pause, rewind, speed, relink). Its shortcuts work everywhere, memo
 * editors included: they use Ctrl (⌘), which typing never does.
 */
export function useMediaPlayer(sourceId: number | null) {
  const api = useApi();
  const q = useApiQuery('media.get', { sourceId: sourceId ?? 1 }, { enabled: sourceId !== null });
  const projectPath = useApiQuery('project.info', {}).data?.path ?? '';
  const data = sourceId !== null ? q.data : undefined;
  const media = data?.media ?? null;
  const lines = useMemo(() => data?.lines ?? [], [data]);
  const elRef = useRef<HTMLMediaElement | null>(null);
  const [timeMs, setTimeMs] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [rate, setRateState] = useState(1);
  const [problem, setProblem] = useState<string | null>(null);
  const src = media && !media.missing && sourceId !== null ? (api.transport.mediaUrl?.(sourceId, projectPath) ?? null) : null;

  const play = useCallback(() => {
    const el = elRef.current;
    if (!el) return;
    el.play().then(
      () => setProblem(null),
      (err: Error) => setProblem(err.name === 'NotAllowedError' ? 'Press play to start the recording.' : 'The recording could not be played.'),
    );
  }, []);
  const playFrom = useCallback(
    (ms: number) => {
      const el = elRef.current;
      if (!el) return;
      el.currentTime = ms / 1000;
      setTimeMs(ms);
      play();
    },
    [play],
  );
  const toggle = useCallback(() => {
    const el = elRef.current;
    if (!el) return;
    if (el.paused) play();
    else el.pause();
  }, [play]);
  const rewind = useCallback(() => {
    const el = elRef.current;
    if (el) el.currentTime = Math.max(0, el.currentTime - REWIND_MS / 1000);
  }, []);
  const seek = useCallback((ms: number) => {
    const el = elRef.current;
    if (el) el.currentTime = ms / 1000;
    setTimeMs(ms);
  }, []);
  const setRate = useCallback((r: number) => {
    setRateState(r);
    if (elRef.current) elRef.current.playbackRate = r;
  }, []);
  /** Plays the passage [start, end) (code points) from the moment it was said; false when it is untimed. */
  const playPassage = useCallback(
    (start: number, end: number): boolean => {
      const t = passageTime(lines, start, end);
      if (!t) return false;
      playFrom(t[0]);
      return true;
    },
    [lines, playFrom],
  );
  const relink = useCallback(
    async (path: string) => {
      if (sourceId === null) return;
      try {
        await api.call('media.relink', { sourceId, path });
        setProblem(null);
      } catch (err) {
        setProblem((err as Error).message);
      }
    },
    [api, sourceId],
  );

  // The element's own events are the truth about playback (it may stop at the end, or be paused by the system).
  const events = useMemo(
    () => ({
      onTimeUpdate: (e: { currentTarget: HTMLMediaElement }) => setTimeMs(e.currentTarget.currentTime * 1000),
      onPlay: () => setPlaying(true),
      onPause: () => setPlaying(false),
      onEnded: () => setPlaying(false),
      onError: () => setProblem('The recording could not be loaded.'),
    }),
    [],
  );

  useEffect(() => {
    setTimeMs(0);
    setPlaying(false);
    setProblem(null);
  }, [sourceId]);

  useEffect(() => {
    if (!src) return;
    const mac = isMacPlatform();
    const onKey = (e: KeyboardEvent) => {
      const chord = keyChord(e, mac);
      if (chord === 'Mod+Space') toggle();
      else if (chord === 'Mod+Shift+Space') rewind();
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [src, toggle, rewind]);

  const currentLine = playing || timeMs > 0 ? lineAtTime(lines, timeMs) : -1;
  return { media, lines, src, elRef, events, timeMs, playing, rate, problem, currentLine, playFrom, playPassage, toggle, rewind, seek, setRate, relink };
}

export type MediaPlayerState = ReturnType<typeof useMediaPlayer>;
