/** The actions on one job, by role: trigger, pause, resume, backfill (operator); schedule override (admin). None for a viewer. */
import { useState } from 'preact/hooks';
import { api, type JobSummary, type Session } from '../api.ts';
import { fromLocalInput } from '../format.ts';
import { ConfirmButton } from './confirm.tsx';

interface Props {
  job: JobSummary;
  session: Session;
  onDone(): void;
  compact?: boolean;
}

const path = (job: string, action: string) => `api/jobs/${encodeURIComponent(job)}/${action}`;

export function JobActions({ job, session, onDone, compact }: Props) {
  const [withDeps, setWithDeps] = useState(false);
  const [note, setNote] = useState('');
  const [cron, setCron] = useState(job.schedule);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  if (session.role === 'viewer') return null;
  const done = (result: unknown) => {
    onDone();
    return result;
  };
  return (
    <div class="actions">
      <ConfirmButton
        label="Trigger"
        title={`Run ${job.name} now?`}
        onConfirm={() => api('POST', path(job.name, 'trigger'), { withDependencies: withDeps }).then(done)}
      >
        {job.dependsOn.length > 0 && (
          <label>
            <input type="checkbox" checked={withDeps} onChange={(e) => setWithDeps(e.currentTarget.checked)} /> Run its
            upstream jobs first ({job.dependsOn.join(', ')})
          </label>
        )}
      </ConfirmButton>
      {job.state === 'paused' ? (
        <ConfirmButton label="Resume" title={`Resume ${job.name}?`} onConfirm={() => api('POST', path(job.name, 'resume')).then(done)} />
      ) : (
        <ConfirmButton
          label="Pause"
          title={`Pause ${job.name} on every instance?`}
          onConfirm={() => api('POST', path(job.name, 'pause'), note ? { note } : {}).then(done)}
        >
          <label>
            Note (why)
            <input type="text" value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
        </ConfirmButton>
      )}
      {!compact && (
        <ConfirmButton
          label="Backfill"
          title={`Replay ${job.name}'s slots in a range?`}
          onConfirm={() => api('POST', path(job.name, 'backfill'), { from: fromLocalInput(from), to: fromLocalInput(to) }).then(done)}
        >
          <label>
            From <input type="datetime-local" value={from} required onInput={(e) => setFrom(e.currentTarget.value)} />
          </label>
          <label>
            To <input type="datetime-local" value={to} required onInput={(e) => setTo(e.currentTarget.value)} />
          </label>
        </ConfirmButton>
      )}
      {!compact && session.role === 'admin' && (
        <ConfirmButton
          label="Override schedule"
          testId="override"
          title={`Replace ${job.name}'s schedule on every instance?`}
          onConfirm={() => api('PUT', path(job.name, 'schedule'), { cron }).then(done)}
        >
          <label>
            Cron expression ({job.timezone})
            <input type="text" value={cron} required onInput={(e) => setCron(e.currentTarget.value)} />
          </label>
        </ConfirmButton>
      )}
      {!compact && session.role === 'admin' && job.overridden && (
        <ConfirmButton
          label="Clear override"
          testId="clear-override"
          title={`Go back to the code's schedule (${job.codeSchedule})?`}
          onConfirm={() => api('DELETE', path(job.name, 'schedule')).then(done)}
        />
      )}
    </div>
  );
}
