import { useEffect } from 'react';
import { useApiQuery } from '../hooks/useApiQuery.js';
import { useNotice } from '../hooks/useNotice.js';
import { StartScreen } from '../features/start/StartScreen.js';
import { Workbench } from '../features/workbench/Workbench.js';
import { Notices } from './Notices.js';

export function App() {
  const project = useApiQuery('project.info', {});
  const { dismissErrors } = useNotice();
  const screen = project.data?.path ?? 'start';
  // An error stays until dismissed, but never follows the user onto another screen
  // (the start screen's "file not found" must not greet them inside the project).
  useEffect(() => dismissErrors(), [screen, dismissErrors]);
  if (project.loading && project.data === undefined) return <div className="app-loading">Loading Quarry…</div>;
  return (
    <>
      {/* Keyed by file: another project (a restored copy, a saved copy) starts with fresh view state. */}
      {project.data ? <Workbench key={project.data.path} project={project.data} /> : <StartScreen />}
      <Notices />
    </>
  );
}
