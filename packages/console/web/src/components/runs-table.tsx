/** A table of runs, each linking to its detail. */
import type { RunSummary } from '../api.ts';
import { duration, when } from '../format.ts';
import { Status } from './status.tsx';

export function RunsTable({ runs, showJob = true }: { runs: RunSummary[]; showJob?: boolean }) {
  if (runs.length === 0) return <p class="muted">No runs.</p>;
  return (
    <table class="runs">
      <thead>
        <tr>
          <th scope="col">Slot</th>
          {showJob && <th scope="col">Job</th>}
          <th scope="col">Status</th>
          <th scope="col">Trigger</th>
          <th scope="col">Duration</th>
          <th scope="col">Attempts</th>
          <th scope="col">Error</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} data-run={run.id} data-status={run.status}>
            <td>
              <a href={`runs/${run.id}`}>{when(run.scheduledFor)}</a>
            </td>
            {showJob && <td>{run.job}</td>}
            <td>
              <Status value={run.status} />
              {run.reason && <div class="muted">{run.reason}</div>}
            </td>
            <td>{run.trigger}</td>
            <td>{duration(run.durationMs)}</td>
            <td>{run.attemptCount}</td>
            <td class="error-text">{run.error?.message ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
