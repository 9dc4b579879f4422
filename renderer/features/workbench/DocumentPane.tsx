import { useCallback, useMemo, useState } from 'react';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { CoderFilterSelect } from '../coders/CoderFilterSelect.js';
import { coderPredicate } from '../coders/coderFilter.js';
import { CodingBar } from '../coding/CodingBar.js';
import { useCoding } from '../coding/CodingProvider.js';
import { SelectionBar } from '../coding/SelectionBar.js';
import { useDocumentCommands } from '../coding/useDocumentCommands.js';
import { DocumentView } from '../document/DocumentView.js';
import { useSelectionMenu } from '../coding/useSelectionMenu.js';
import { useContextMenuTrigger } from '../contextmenu/ContextMenuProvider.js';
import { useDocument } from '../document/useDocument.js';
import { useAnnotations } from '../memos/useAnnotations.js';
import { useKeyChords, type ChordHandlers } from '../shortcuts/useKeyChords.js';
import { useWorkbench } from './workbenchState.js';
import { MediaPlayer } from '../media/MediaPlayer.js';
import { passageTime } from '../media/cueTiming.js';
import { useLineTiming } from '../media/useLineTiming.js';
import { useMediaPlayer } from '../media/useMediaPlayer.js';

/** The centre view for reading and coding one source. */
export function DocumentPane() {
  const wb = useWorkbench();
  const coding = useCoding();
  const me = useApiQuery('app.info', {}).data?.coderName ?? '';
  const visible = useMemo(() => coderPredicate(wb.coderFilter, me), [wb.coderFilter, me]);
  const { model } = useDocument(wb.sourceId, visible);
  const annotations = useAnnotations(model);
  const cmd = useDocumentCommands(model);
  const [snap, setSnap] = useState(true);
  const sel = wb.selection && model && wb.selection.sourceId === model.doc.id ? wb.selection : null;
  const activeCode = wb.activeCodeId !== null ? coding.lookup.get(wb.activeCodeId) : undefined;
  const player = useMediaPlayer(model?.doc.id ?? null);
  const timing = useLineTiming(model, player, wb.reveal);
  const passage = cmd.active ?? sel;
  const passageAt = passage ? (passageTime(player.lines, passage.start, passage.end)?.[0] ?? null) : null;

  // Plain keys act on the document; while a side panel (sources, codes) has the focus they are the panel's.
  const inDocument = (e: KeyboardEvent) => !(e.target instanceof Element && e.target.closest('aside.left'));
  const withSel = (fn: () => void) => (e: KeyboardEvent) => (sel && inDocument(e) ? fn() : false);
  const withCoding = (fn: () => void) => (e: KeyboardEvent) => (cmd.active && inDocument(e) ? fn() : false);
  const keys: ChordHandlers = {
    'Mod+K': () => cmd.pickToApply(),
    C: withSel(cmd.pickToApply),
    V: withSel(() => void coding.inVivo()),
    A: withSel(cmd.annotate),
    Delete: withCoding(cmd.uncodeActive),
    Backspace: withCoding(cmd.uncodeActive),
    R: withCoding(cmd.recodeActive),
    S: withCoding(() => void cmd.setSpanToSelection()),
    M: withCoding(cmd.memoActive),
    '[': withCoding(() => void cmd.nudge('start', -1)),
    ']': withCoding(() => void cmd.nudge('start', 1)),
    '{': withCoding(() => void cmd.nudge('end', -1)),
    '}': withCoding(() => void cmd.nudge('end', 1)),
    N: (e) => (inDocument(e) ? cmd.stepCoding(1) : false),
    'Shift+N': (e) => (inDocument(e) ? cmd.stepCoding(-1) : false),
    Escape: () => (sel || cmd.active ? cmd.clear() : false),
  };
  for (let n = 1; n <= 9; n++) {
    keys[`Mod+${n}`] = () => (sel ? coding.applyQuick(n) : false);
    keys[String(n)] = withSel(() => coding.applyQuick(n));
  }
  useKeyChords(keys);
  const selectionMenu = useContextMenuTrigger(useSelectionMenu(model, sel, cmd));

  const openAnnotation = useCallback(
    (memoId: number) => {
      const m = annotations?.byId.get(memoId);
      if (m && m.sourceId !== null) wb.openMemos({ target: 'span', sourceId: m.sourceId, start: m.start ?? 0, end: m.end ?? 0, label: 'Annotation' });
    },
    [annotations, wb],
  );

  if (!model) return <div className="empty-doc">Choose a source on the left to read and code it.</div>;
  return (
    <>
      <div className="doc-head">
        <h2>{model.doc.name}</h2>
        <span className="hint">
          {model.doc.characters.toLocaleString()} characters · {model.page ? model.doc.codingCount : model.doc.codings.length} codings
          {!model.page && model.spans.length !== model.doc.codings.length ? ` (${model.spans.length} shown)` : ''}
          {model.doc.caseName ? ` · case ${model.doc.caseName}` : ''}
        </span>
        <button type="button" className="small" onClick={() => wb.openMemos({ target: 'source', sourceId: model.doc.id, label: `Memos on ${model.doc.name}` })}>
          Source memo…
        </button>
        <span className="spacer" />
        <CoderFilterSelect />
        <label className="check">
          <input type="checkbox" checked={snap} onChange={(e) => setSnap(e.target.checked)} /> Snap selection to words
        </label>
      </div>
      <MediaPlayer player={player} passageStartMs={passageAt} onPlayPassage={() => passage && player.playPassage(passage.start, passage.end)} />
      {cmd.active ? (
        <CodingBar
          coding={cmd.active}
          code={coding.lookup.get(cmd.active.codeId)}
          selection={sel}
          onUncode={cmd.uncodeActive}
          onRecode={cmd.recodeActive}
          onSetSpan={() => void cmd.setSpanToSelection()}
          onNudge={(edge, dir) => void cmd.nudge(edge, dir)}
          onMemo={cmd.memoActive}
          onClose={cmd.clear}
        />
      ) : sel ? (
        <SelectionBar
          selection={sel}
          recent={coding.recent}
          lookup={coding.lookup}
          inVivoUnder={activeCode?.path ?? null}
          onPick={cmd.pickToApply}
          onQuick={coding.applyQuick}
          onInVivo={() => void coding.inVivo()}
          onAnnotate={cmd.annotate}
        />
      ) : (
        <div className="context-bar hint">Select text to code it (drag it onto a code, Ctrl+K, quick keys 1–9, V for in vivo); click a stripe to select a coding. Press ? for all shortcuts.</div>
      )}
      {/* display: contents — the wrapper only hears the right-click and Shift+F10 on the text. */}
      <div className="doc-menu-area" {...selectionMenu}>
        <DocumentView model={model} codes={coding.lookup} snap={snap} annotations={annotations} onOpenAnnotation={openAnnotation} timing={timing} />
      </div>
    </>
  );
}
