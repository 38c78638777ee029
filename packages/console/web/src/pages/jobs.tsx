/** Every job: schedule first (next and last run, state with its note), with the operator's quick actions. */
import type { JobSummary, Session } from '../api.ts';
import { JobActions } from '../components/job-actions.tsx';
import { Status } from '../components/status.tsx';
import { rate, relative, when } from '../format.ts';
import { useData } from '../use-data.ts';

export function JobsPage({ session }: { session: Session }) {
  const { data, error, reload } = useData<{ jobs: JobSummary[] }>('api/jobs');
  if (error) return <p class="error">{error.message}</p>;
  if (!data) return <p aria-busy="true">Loading jobs…</p>;
  return (
    <section>
      <h1>Jobs</h1>
      <table class="jobs">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Schedule</th>
            <th scope="col">Next run</th>
            <th scope="col">Last run</th>
            <th scope="col">State</th>
            <th scope="col">7-day success</th>
            {session.role !== 'viewer' && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {data.jobs.map((job) => (
            <tr key={job.name} data-job={job.name}>
              <td>
                <a href={`jobs/${encodeURIComponent(job.name)}`}>{job.name}</a>
                {job.description && <div class="muted">{job.description}</div>}
              </td>
              <td>
                <code>{job.schedule}</code>
                {job.overridden && <span class="badge badge-override" title={`Code: ${job.codeSchedule}`}>override</span>}
                <div class="muted">
                  {job.scheduleInWords} ({job.timezone})
                </div>
              </td>
              <td title={when(job.nextRuns[0])}>{relative(job.nextRuns[0])}</td>
              <td>
                {job.running.length > 0 ? (
                  <a href={`runs/${job.running[0]?.id}`}>
                    <Status value="running" />
                  </a>
                ) : job.lastRun ? (
                  <a href={`runs/${job.lastRun.id}`} title={when(job.lastRun.scheduledFor)}>
                    <Status value={job.lastRun.status} /> {relative(job.lastRun.finishedAt ?? job.lastRun.scheduledFor)}
                  </a>
                ) : (
                  '—'
                )}
              </td>
              <td>
                <Status value={job.state} />
                {job.pauseNote && <div class="muted">“{job.pauseNote}”</div>}
                {job.circuit.state !== 'closed' && <div class="muted">circuit {job.circuit.state}</div>}
              </td>
              <td>{rate(job.successRate7d)}</td>
              {session.role !== 'viewer' && (
                <td>
                  <JobActions job={job} session={session} onDone={reload} compact />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

