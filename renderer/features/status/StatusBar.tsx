import type { ProjectInfo } from '../../../shared/domain/types.js';
import { CoderSwitcher } from '../coders/CoderSwitcher.js';
import { useWorkbench } from '../workbench/workbenchState.js';

export function StatusBar({ project }: { project: ProjectInfo }) {
  const wb = useWorkbench();
  const c = project.counts;
  return (
    <footer className="status-bar" role="contentinfo">
      <span title={project.path}>
        {project.name}
        {project.readOnly ? ' (read-only)' : ''}
      </span>
      <span>
        {c.sources} sources · {c.cases} cases · {c.codes} codes · {c.codings} codings · {c.memos} memos
      </span>
      <span data-testid="selection-status" aria-live="polite">
        {wb.selection ? `Selected ${wb.selection.start}–${wb.selection.end} (${wb.selection.end - wb.selection.start} characters)` : 'No selection'}
      </span>
      <span className="spacer" />
      <CoderSwitcher />
      <button type="button" className="link" onClick={() => wb.setShortcutsOpen(true)} title="Keyboard shortcuts (? or F1)">
        Shortcuts (?)
      </button>
    </footer>
  );
}
