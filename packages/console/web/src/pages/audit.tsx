/** The audit log: who did what, newest first, filtered by job or actor (kept in the URL). */
import type { AuditEntry } from '../api.ts';
import { when } from '../format.ts';
import { navigate } from '../router.ts';
import { useData } from '../use-data.ts';

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));

export function AuditPage({ query }: { query: URLSearchParams }) {
  const params = new URLSearchParams();
  for (const key of ['job', 'actor', 'cursor']) {
    const value = query.get(key);
    if (value) params.set(key, value);
  }
  const { data, error } = useData<{ entries: AuditEntry[]; nextCursor?: string }>(`api/audit?${params}`);
  if (error) return <p class="error">{error.message}</p>;
  if (!data) return <p aria-busy="true">Loading the audit log…</p>;
  return (
    <section>
      <h1>Audit log</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Job</th>
            <th scope="col">Change</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {data.entries.map((entry) => (
            <tr key={entry.id}>
              <td>{when(entry.at)}</td>
              <td>
                <a href={`audit?actor=${encodeURIComponent(entry.actor)}`}>{entry.actor}</a>
              </td>
              <td>{entry.action}</td>
              <td>{entry.job && <a href={`audit?job=${encodeURIComponent(entry.job)}`}>{entry.job}</a>}</td>
              <td>
                <code>{show(entry.before)}</code> → <code>{show(entry.after)}</code>
              </td>
              <td>{entry.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.nextCursor && (
        <button type="button" onClick={() => navigate(`audit?${new URLSearchParams({ ...Object.fromEntries(params), cursor: data.nextCursor ?? '' })}`)}>
          Older
        </button>
      )}
    </section>
  );
}
