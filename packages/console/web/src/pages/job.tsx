/** One job: statistics, charts of success and duration by day, neighbours, upcoming slots, recent runs. */
import type { JobDetail, RunSummary, Session } from '../api.ts';
import { Chart } from '../components/chart.tsx';
import { JobActions } from '../components/job-actions.tsx';
import { RunsTable } from '../components/runs-table.tsx';
import { Status } from '../components/status.tsx';
import { duration, rate, relative, when } from '../format.ts';
import { useData } from '../use-data.ts';

export function JobPage({ name, session }: { name: string; session: Session }) {
  const encoded = encodeURIComponent(name);
  const { data: job, error, reload } = useData<JobDetail>(`api/jobs/${encoded}`);
  const runs = useData<{ runs: RunSummary[] }>(`api/runs?job=${encoded}&limit=10`);
  if (error) return <p class="error">{error.message}</p>;
  if (!job) return <p aria-busy="true">Loading {name}…</p>;
  const days = job.successByDay.map((d) => d.day);
  return (
    <section>
      <h1>
        {job.name} <Status value={job.state} />
      </h1>
      {job.description && <p>{job.description}</p>}
      {job.pauseNote && <p class="note">Paused: “{job.pauseNote}”</p>}
      <JobActions job={job} session={session} onDone={reload} />
      <dl class="facts">
        <dt>Schedule</dt>
        <dd>
          <code>{job.schedule}</code> — {job.scheduleInWords} ({job.timezone})
          {job.overridden && <span class="muted"> override of <code>{job.codeSchedule}</code></span>}
        </dd>
        <dt>Circuit</dt>
        <dd>
          {job.circuit.state} ({job.circuit.consecutiveFailures} consecutive failures)
        </dd>
        <dt>Upstream</dt>
        <dd>{job.upstream.length ? job.upstream.map((n) => <a key={n} href={`jobs/${encodeURIComponent(n)}`}>{n} </a>) : '—'}</dd>
        <dt>Downstream</dt>
        <dd>{job.downstream.length ? job.downstream.map((n) => <a key={n} href={`jobs/${encodeURIComponent(n)}`}>{n} </a>) : '—'}</dd>
        <dt>7 days</dt>
        <dd>
          {job.stats7d.total} runs, success {rate(job.stats7d.successRate)}, {job.stats7d.missed} missed, {job.stats7d.skipped} skipped
        </dd>
        <dt>Duration</dt>
        <dd>
          p50 {duration(job.stats7d.durationMs.p50)} · p95 {duration(job.stats7d.durationMs.p95)} · p99 {duration(job.stats7d.durationMs.p99)}
        </dd>
        <dt>Lateness</dt>
        <dd>
          p50 {duration(job.stats7d.latenessMs.p50)} · p95 {duration(job.stats7d.latenessMs.p95)} · p99 {duration(job.stats7d.latenessMs.p99)}
        </dd>
        <dt>Last success</dt>
        <dd>{when(job.stats7d.lastSuccessAt)}</dd>
      </dl>
      <div class="charts">
        <Chart
          title="Runs per day"
          days={days}
          series={[
            { label: 'succeeded', values: job.successByDay.map((d) => d.succeeded), colour: '#2e9d5b' },
            { label: 'failed', values: job.successByDay.map((d) => d.failed), colour: '#d64545' },
          ]}
        />
        <Chart
          title="p95 duration per day (ms)"
          days={days}
          series={[{ label: 'p95', values: job.successByDay.map((d) => d.p95DurationMs), colour: '#4a7bd0', unit: ' ms' }]}
        />
      </div>
      <h2>Upcoming slots</h2>
      <ol class="upcoming">
        {job.upcoming.map((slot) => (
          <li key={slot}>
            {when(slot)} <span class="muted">({relative(slot)})</span>
          </li>
        ))}
      </ol>
      <h2>
        Recent runs <a href={`runs?job=${encoded}`}>all</a>
      </h2>
      {runs.data && <RunsTable runs={runs.data.runs} showJob={false} />}
    </section>
  );
}
