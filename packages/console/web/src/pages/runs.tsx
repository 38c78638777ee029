/** Run history with filters kept in the URL (a link shares the view) and keyset paging. */
import { useState } from 'preact/hooks';
import type { JobSummary, RunSummary } from '../api.ts';
import { RunsTable } from '../components/runs-table.tsx';
import { fromLocalInput, toLocalInput } from '../format.ts';
import { navigate } from '../router.ts';
import { useData } from '../use-data.ts';

const STATUSES = ['running', 'succeeded', 'failed', 'timed_out', 'cancelled', 'skipped', 'missed', 'abandoned'];
const TRIGGERS = ['schedule', 'manual', 'catch-up', 'backfill', 'dependency'];
const FILTERS = ['job', 'status', 'trigger', 'from', 'to', 'q'] as const;

export function RunsPage({ query }: { query: URLSearchParams }) {
  const jobs = useData<{ jobs: JobSummary[] }>('api/jobs', false);
  const api = new URLSearchParams();
  for (const key of [...FILTERS, 'cursor', 'limit'] as const) {
    const value = query.get(key);
    if (value) api.set(key, value);
  }
  if (!api.has('limit')) api.set('limit', '50');
  // Live refresh only on the first page: older pages do not move under the reader.
  const { data, error } = useData<{ runs: RunSummary[]; nextCursor?: string }>(`api/runs?${api}`, !query.get('cursor'));
  const [form, setForm] = useState(() => Object.fromEntries(FILTERS.map((key) => [key, query.get(key) ?? ''])));
  const apply = (event: Event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of FILTERS) {
      const value = key === 'from' || key === 'to' ? fromLocalInput(form[key] ?? '') : form[key];
      if (value) next.set(key, value);
    }
    navigate(`runs${next.size ? `?${next}` : ''}`);
  };
  const page = (cursor: string | undefined) => {
    const next = new URLSearchParams(query);
    if (cursor) next.set('cursor', cursor);
    else next.delete('cursor');
    navigate(`runs?${next}`);
  };
  const set = (key: string) => (event: Event) => setForm({ ...form, [key]: (event.currentTarget as HTMLInputElement).value });
  return (
    <section>
      <h1>Runs</h1>
      <form class="filters" onSubmit={apply} role="search">
        <label>
          Job
          <select name="job" value={form.job} onChange={set('job')}>
            <option value="">any</option>
            {jobs.data?.jobs.map((job) => (
              <option key={job.name} value={job.name}>
                {job.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select name="status" value={form.status} onChange={set('status')}>
            <option value="">any</option>
            <option value="failed,timed_out">failed or timed out</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </label>
        <label>
          Trigger
          <select name="trigger" value={form.trigger} onChange={set('trigger')}>
            <option value="">any</option>
            {TRIGGERS.map((trigger) => (
              <option key={trigger} value={trigger}>
                {trigger}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input name="from" type="datetime-local" value={toLocalInput(form.from ?? '') || form.from} onInput={set('from')} />
        </label>
        <label>
          To
          <input name="to" type="datetime-local" value={toLocalInput(form.to ?? '') || form.to} onInput={set('to')} />
        </label>
        <label>
          Error contains
          <input name="q" type="search" value={form.q} onInput={set('q')} />
        </label>
        <button type="submit" class="primary">
          Filter
        </button>
      </form>
      {error && <p class="error">{error.message}</p>}
      {data ? <RunsTable runs={data.runs} /> : !error && <p aria-busy="true">Loading runs…</p>}
      <nav class="pager" aria-label="Pages">
        <button type="button" disabled={!query.get('cursor')} onClick={() => page(undefined)}>
          Newest
        </button>
        <button type="button" disabled={!data?.nextCursor} onClick={() => page(data?.nextCursor)} data-action="older">
          Older
        </button>
      </nav>
    </section>
  );
}
