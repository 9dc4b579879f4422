import type { JobHandle } from './useJob.js';
import './jobs.css';

/** Progress of a long operation and its Cancel button (cancelling leaves the project as it was). */
export function JobProgressBar({ job, what }: { job: JobHandle; what: string }) {
  if (!job.running) return null;
  const p = job.progress;
  const total = p?.total ?? 0;
  const phase = p?.phase || `${what}…`;
  const count = total > 0 ? ` — ${p!.done} of ${total}` : '';
  return (
    <div className="job-progress" role="status" aria-live="polite" data-testid="job-progress">
      {total > 0 ? <progress max={total} value={p!.done} aria-label={`${what} progress`} /> : <progress aria-label={`${what} progress`} />}
      <span className="job-progress-text">{job.cancelling ? 'Cancelling…' : `${phase}${count}`}</span>
      <button type="button" onClick={job.cancel} disabled={job.cancelling} title="Stop; the project stays exactly as it was">
        Cancel
      </button>
    </div>
  );
}
