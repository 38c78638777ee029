/** Every job: schedule first (next and last run, state with its note), with the operator's quick actions. */
import type { JobSummary, Session } from '../api.ts';
import { useEffect, useState } from 'preact/hooks';
import { JobActions } from '../components/job-actions.tsx';
import { Status } from '../components/status.tsx';
import { rate, relative, when } from '../format.ts';
import { useLiveEvent } from '../live.ts';
import { useData } from '../use-data.ts';

function LastRun({ run }: { run: { id: string; status: string; when: string | undefined } | undefined }) {
  if (!run) return <>—</>;
  return (
    <a href={`runs/${run.id}`} title={when(run.when)}>
      <Status value={run.status} /> {run.when ? relative(run.when) : ''}
    </a>
  );
}

interface LiveRun {
  runId: string;
  status: string;
  at: number;
}

/** The last run as shown: a live event newer than the last read wins over the read. */
function lastRunOf(job: JobSummary, live: LiveRun | undefined, loadedAt: number) {
  if (live && live.at > loadedAt) return { id: live.runId, status: live.status, when: undefined };
  const running = job.running[0];
  if (running) return { id: running.id, status: 'running', when: running.startedAt };
  if (job.lastRun) return { id: job.lastRun.id, status: job.lastRun.status, when: job.lastRun.finishedAt ?? job.lastRun.scheduledFor };
  return undefined;
}

export function JobsPage({ session }: { session: Session }) {
  const { data, error, reload } = useData<{ jobs: JobSummary[] }>('api/jobs');
  const [live, setLive] = useState<Record<string, LiveRun>>({});
  const [loadedAt, setLoadedAt] = useState(0);
  useEffect(() => setLoadedAt(performance.now()), [data]);
  useLiveEvent((event) => {
    if (event.type !== 'run') return;
    const { job, runId, status } = event.data as { job: string; runId: string; status: string };
    setLive((previous) => ({ ...previous, [job]: { runId, status, at: performance.now() } }));
  });
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
              <td data-cell="last-run">
                <LastRun run={lastRunOf(job, live[job.name], loadedAt)} />
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

