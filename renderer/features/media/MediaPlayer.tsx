import { useState, type Ref } from 'react';
import { formatClock } from '../../../shared/transcripts/timecode.js';
import { PLAYBACK_RATES } from './cueTiming.js';
import type { MediaPlayerState } from './useMediaPlayer.js';
import './media.css';

interface Props {
  player: MediaPlayerState;
  /** The selected passage's start, when it has a time: offers "play passage". */
  passageStartMs: number | null;
  onPlayPassage: () => void;
}

/** The recording beside its transcript: transport controls, position, speed; or the "recording missing" state with relink. */
export function MediaPlayer({ player: p, passageStartMs, onPlayPassage }: Props) {
  const [path, setPath] = useState('');
  if (!p.media) return null;
  if (p.media.missing || !p.src) {
    return (
      <div className="media-player media-missing" role="region" aria-label="Recording">
        <strong>Recording missing.</strong> {p.media.fileName} was linked at <code>{p.media.linkPath}</code> and is not there any more.
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) void p.relink(path.trim());
          }}
        >
          <input aria-label="Where the recording is now" placeholder="Full path of the recording" value={path} onChange={(e) => setPath(e.target.value)} />
          <button type="submit" className="small">
            Relink
          </button>
        </form>
        {p.problem && <span className="media-problem">{p.problem}</span>}
      </div>
    );
  }
  const Element = p.media.kind === 'video' ? 'video' : 'audio';
  return (
    <div className={`media-player media-${p.media.kind}`} role="region" aria-label="Recording">
      <Element
        ref={p.elRef as Ref<HTMLVideoElement & HTMLAudioElement>}
        src={p.src}
        preload="metadata"
        data-testid="media-element"
        onTimeUpdate={p.events.onTimeUpdate}
        onPlay={p.events.onPlay}
        onPause={p.events.onPause}
        onEnded={p.events.onEnded}
        onError={p.events.onError}
      />
      <div className="media-controls">
        <button type="button" className="small" onClick={p.rewind} title="Back 5 seconds (Ctrl+Shift+Space)" aria-label="Back 5 seconds">
          ⟲ 5s
        </button>
        <button type="button" className="media-play" onClick={p.toggle} title="Play / pause (Ctrl+Space)" aria-label={p.playing ? 'Pause' : 'Play'}>
          {p.playing ? '❚❚' : '▶'}
        </button>
        <span className="media-time" data-testid="media-time">
          {formatClock(p.timeMs)} / {formatClock(p.media.durationMs)}
        </span>
        <input
          type="range"
          aria-label="Position in the recording"
          min={0}
          max={p.media.durationMs}
          step={100}
          value={Math.min(p.timeMs, p.media.durationMs)}
          onChange={(e) => p.seek(Number(e.target.value))}
        />
        <label className="media-rate">
          Speed{' '}
          <select value={p.rate} onChange={(e) => p.setRate(Number(e.target.value))} aria-label="Playback speed">
            {PLAYBACK_RATES.map((r) => (
              <option key={r} value={r}>
                {r}×
              </option>
            ))}
          </select>
        </label>
        {passageStartMs !== null && (
          <button type="button" className="small" onClick={onPlayPassage} title="Play the selected passage from when it was said">
            ▶ Passage [{formatClock(passageStartMs)}]
          </button>
        )}
        {p.problem && <span className="media-problem">{p.problem}</span>}
      </div>
    </div>
  );
}
