/** The slot audit of one job over a month: did every slot run, and if not, why? Job and month kept in the URL. */
import { SLOT_CLASSES, type JobSummary, type SlotAudit } from '../api.ts';
import { SlotMonth } from '../components/slot-month.tsx';
import { navigate } from '../router.ts';
import { useData } from '../use-data.ts';

const DAY_MS = 86_400_000;

/** `2026-11` → the month's first instant and its number of days (UTC); the current month when absent or malformed. */
function monthRange(month: string | null): { month: string; fromMs: number; days: number } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month ?? '');
  const now = new Date();
  const [year, index] = match ? [Number(match[1]), Number(match[2]) - 1] : [now.getUTCFullYear(), now.getUTCMonth()];
  const fromMs = Date.UTC(year, index, 1);
  const days = Math.round((Date.UTC(year, index + 1, 1) - fromMs) / DAY_MS);
  return { month: new Date(fromMs).toISOString().slice(0, 7), fromMs, days };
}

export function SlotsPage({ query }: { query: URLSearchParams }) {
  const jobs = useData<{ jobs: JobSummary[] }>('api/jobs', false);
  const job = query.get('job') ?? jobs.data?.jobs[0]?.name;
  const { month, fromMs, days } = monthRange(query.get('month'));
  const range = `from=${new Date(fromMs).toISOString()}&to=${new Date(fromMs + days * DAY_MS).toISOString()}`;
  const path = job === undefined ? undefined : `api/slots?job=${encodeURIComponent(job)}&${range}`;
  const { data, error } = useData<SlotAudit>(path);
  const go = (next: { job?: string; month?: string }) =>
    navigate(`slots?${new URLSearchParams({ job: next.job ?? job ?? '', month: next.month ?? month })}`);
  const audit = data?.jobs[0];
  return (
    <section>
      <h1>Slots</h1>
      <p class="muted">Every slot the job’s schedule expected, and what became of it. Hours in UTC.</p>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Job
          <select name="job" value={job} onChange={(e) => go({ job: e.currentTarget.value })}>
            {jobs.data?.jobs.map((j) => (
              <option key={j.name} value={j.name}>
                {j.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Month
          <input name="month" type="month" value={month} onChange={(e) => e.currentTarget.value && go({ month: e.currentTarget.value })} />
        </label>
      </form>
      {(error ?? jobs.error) && <p class="error">{(error ?? jobs.error)?.message}</p>}
      {audit ? (
        <>
          <ul class="slot-legend" aria-label="Slots per class">
            {SLOT_CLASSES.map((c) => (
              <li key={c} data-class={c}>
                <span class={`swatch slot-${c}`} aria-hidden="true" /> {c} <strong data-count={c}>{audit.counts[c]}</strong>
              </li>
            ))}
          </ul>
          <SlotMonth key={`${audit.job} ${month}`} fromMs={fromMs} days={days} slots={audit.slots} />
        </>
      ) : (
        !error && <p aria-busy="true">Loading slots…</p>
      )}
    </section>
  );
}
