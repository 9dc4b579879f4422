import { useApiQuery } from '../hooks/useApiQuery.js';
import { StartScreen } from '../features/start/StartScreen.js';
import { Workbench } from '../features/workbench/Workbench.js';
import { Notices } from './Notices.js';

export function App() {
  const project = useApiQuery('project.info', {});
  if (project.loading && project.data === undefined) return <div className="app-loading">Loading Quarry…</div>;
  return (
    <>
      {/* Keyed by file: another project (a restored copy, a saved copy) starts with fresh view state. */}
      {project.data ? <Workbench key={project.data.path} project={project.data} /> : <StartScreen />}
      <Notices />
    </>
  );
}
