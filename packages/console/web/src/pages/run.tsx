/** One run: every attempt with its error, progress, instance, lateness, result; retry when it failed. */
import { api, type RunDetail, type RunError, type Session } from '../api.ts';
import { ConfirmButton } from '../components/confirm.tsx';
import { Status } from '../components/status.tsx';
import { duration, when } from '../format.ts';
import { navigate } from '../router.ts';
import { useData } from '../use-data.ts';

const RETRYABLE = ['failed', 'timed_out', 'cancelled', 'abandoned'];

function ErrorBlock({ error }: { error: RunError }) {
  return (
    <div class="run-error">
      <strong>
        {error.name}
        {error.code ? ` (${error.code})` : ''}: {error.message}
      </strong>
      {error.stack && <pre>{error.stack}</pre>}
      {error.data !== undefined && <pre>{JSON.stringify(error.data, null, 2)}</pre>}
    </div>
  );
}

export function RunPage({ id, session }: { id: string; session: Session }) {
  const { data: run, error } = useData<RunDetail>(`api/runs/${encodeURIComponent(id)}`);
  if (error) return <p class="error">{error.message}</p>;
  if (!run) return <p aria-busy="true">Loading run…</p>;
  return (
    <section>
      <h1>
        Run of <a href={`jobs/${encodeURIComponent(run.job)}`}>{run.job}</a> <Status value={run.status} />
      </h1>
      {session.role !== 'viewer' && RETRYABLE.includes(run.status) && (
        <ConfirmButton
          label="Retry"
          title={`Run ${run.job}'s ${run.trigger === 'manual' ? 'manual run' : 'slot'} again?`}
          onConfirm={() => api<{ runId: string }>('POST', `api/runs/${run.id}/retry`).then((r) => navigate(`runs/${r.runId}`))}
        />
      )}
      <dl class="facts">
        <dt>Slot</dt>
        <dd>{when(run.scheduledFor)}</dd>
        <dt>Trigger</dt>
        <dd>{run.trigger}</dd>
        {run.reason && (
          <>
            <dt>Reason</dt>
            <dd>{run.reason}</dd>
          </>
        )}
        <dt>Started</dt>
        <dd>
          {when(run.startedAt)} {run.latenessMs !== undefined && <span class="muted">({duration(run.latenessMs)} late)</span>}
        </dd>
        <dt>Finished</dt>
        <dd>{when(run.finishedAt)}</dd>
        <dt>Duration</dt>
        <dd>{duration(run.durationMs)}</dd>
        <dt>Instance</dt>
        <dd>{run.instanceId ?? '—'}</dd>
        {run.status === 'running' && (
          <>
            <dt>Heartbeat</dt>
            <dd>
              {when(run.heartbeatAt)} (lease until {when(run.leaseExpiresAt)})
            </dd>
          </>
        )}
        <dt>Run id</dt>
        <dd>
          <code>{run.id}</code>
        </dd>
      </dl>
      {run.progress !== undefined && (
        <>
          <h2>Progress</h2>
          <pre>{JSON.stringify(run.progress, null, 2)}</pre>
        </>
      )}
      <h2>Attempts</h2>
      {run.attempts.length === 0 && <p class="muted">No attempt finished yet.</p>}
      <ol class="attempts">
        {run.attempts.map((attempt) => (
          <li key={attempt.attempt} data-attempt={attempt.attempt}>
            <Status value={attempt.status} /> attempt {attempt.attempt}: {when(attempt.startedAt)}, {duration(attempt.durationMs)}
            {attempt.error && <ErrorBlock error={attempt.error} />}
          </li>
        ))}
      </ol>
      {run.error && (
        <>
          <h2>Final error</h2>
          <ErrorBlock error={run.error} />
        </>
      )}
      {run.result !== undefined && (
        <>
          <h2>Result</h2>
          <pre>{JSON.stringify(run.result, null, 2)}</pre>
        </>
      )}
    </section>
  );
}
