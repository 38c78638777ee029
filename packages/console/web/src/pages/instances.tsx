/** Instances alive on the store. */
import type { Instance } from '../api.ts';
import { relative, when } from '../format.ts';
import { useData } from '../use-data.ts';

export function InstancesPage() {
  const { data, error } = useData<{ instances: Instance[] }>('api/instances');
  if (error) return <p class="error">{error.message}</p>;
  if (!data) return <p aria-busy="true">Loading instances…</p>;
  return (
    <section>
      <h1>Instances</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">Instance</th>
            <th scope="col">Last seen</th>
            <th scope="col">Running</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {data.instances.map((instance) => (
            <tr key={instance.id}>
              <td>
                <code>{instance.id}</code> {instance.self && <span class="badge">this one</span>}
              </td>
              <td title={when(instance.lastSeenAt)}>{relative(instance.lastSeenAt)}</td>
              <td>{instance.running}</td>
              <td>
                {Object.entries(instance.details ?? {}).map(([key, value]) => (
                  <span key={key} class="muted">
                    {key}: {String(value)}{' '}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
