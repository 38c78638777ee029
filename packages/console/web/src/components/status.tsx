/** A run status or job state as a badge (text, not colour alone). */
export function Status({ value }: { value: string }) {
  return <span class={`badge badge-${value}`}>{value.replace('_', ' ')}</span>;
}
