/**
 * A month of one job's slots as a grid: a row per day, a cell per hour (UTC), coloured by the
 * worst class of the hour's slots. A grid in the ARIA sense: one tab stop, arrow keys move, and
 * the focused or hovered cell's slots are described below it.
 */
import { useRef, useState } from 'preact/hooks';
import type { AuditedSlot, SlotClass } from '../api.ts';
import { duration } from '../format.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Worst first: a cell takes the colour of its worst slot. */
const SEVERITY: SlotClass[] = ['missed', 'unknown', 'skipped', 'late', 'caught-up', 'backfilled', 'on-time'];
/** The most slots a cell's description lists (a per-minute job has 60 an hour). */
const LISTED = 8;

interface Cell {
  startMs: number;
  slots: AuditedSlot[];
  worst: SlotClass | undefined;
}

function cellsOf(fromMs: number, days: number, slots: readonly AuditedSlot[]): Cell[] {
  const cells: Cell[] = Array.from({ length: days * 24 }, (_, i) => ({ startMs: fromMs + i * HOUR_MS, slots: [], worst: undefined }));
  for (const slot of slots) {
    const cell = cells[Math.floor((Date.parse(slot.slot) - fromMs) / HOUR_MS)];
    if (!cell) continue;
    cell.slots.push(slot);
    if (cell.worst === undefined || SEVERITY.indexOf(slot.class) < SEVERITY.indexOf(cell.worst)) cell.worst = slot.class;
  }
  return cells;
}

const hhmm = (iso: string) => iso.slice(11, 16);
const dayLabel = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One slot in words: `03:15 missed (catch-up-policy)`. */
export function slotInWords(slot: AuditedSlot): string {
  const why = slot.reason ? ` (${slot.reason}${slot.detail ? `: ${slot.detail}` : ''})` : '';
  const late = slot.latenessMs !== undefined && slot.class !== 'on-time' ? `, ${duration(slot.latenessMs)} late` : '';
  return `${hhmm(slot.slot)} ${slot.class}${why}${late}${slot.status ? `, run ${slot.status.replace('_', ' ')}` : ''}`;
}

function cellLabel(cell: Cell): string {
  const hour = `${dayLabel(cell.startMs)} ${new Date(cell.startMs).toISOString().slice(11, 13)}:00 UTC`;
  if (cell.slots.length === 0) return `${hour}: no slot`;
  if (cell.slots.length === 1) return `${hour}: ${slotInWords(cell.slots[0]!)}`;
  const counts = SEVERITY.map((c) => [c, cell.slots.filter((s) => s.class === c).length] as const).filter(([, n]) => n);
  return `${hour}: ${cell.slots.length} slots, ${counts.map(([c, n]) => `${n} ${c}`).join(', ')}`;
}

function CellDetail({ cell }: { cell: Cell | undefined }) {
  if (!cell) return <p class="muted">Hover or focus an hour to see its slots.</p>;
  const notable = cell.slots.filter((slot) => slot.class !== 'on-time');
  const listed = (notable.length ? notable : cell.slots).slice(0, LISTED);
  return (
    <div>
      <strong>{cellLabel(cell)}</strong>
      {cell.slots.length > 1 && (
        <ul>
          {listed.map((slot) => (
            <li key={slot.slot} data-slot-class={slot.class}>
              {slotInWords(slot)}
            </li>
          ))}
          {listed.length < cell.slots.length && <li class="muted">and {cell.slots.length - listed.length} more</li>}
        </ul>
      )}
    </div>
  );
}

export function SlotMonth({ fromMs, days, slots }: { fromMs: number; days: number; slots: readonly AuditedSlot[] }) {
  const cells = cellsOf(fromMs, days, slots);
  const [active, setActive] = useState<number | undefined>(undefined);
  const [focus, setFocus] = useState(() => Math.max(0, cells.findIndex((cell) => cell.slots.length > 0)));
  const grid = useRef<HTMLTableElement>(null);
  const move = (event: KeyboardEvent) => {
    const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -24, ArrowDown: 24, Home: -(focus % 24), End: 23 - (focus % 24) };
    const delta = step[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    const next = Math.min(cells.length - 1, Math.max(0, focus + delta));
    setFocus(next);
    setActive(next);
    grid.current?.querySelector<HTMLElement>(`[data-cell="${next}"]`)?.focus();
  };
  const rows = Array.from({ length: days }, (_, day) => cells.slice(day * 24, day * 24 + 24));
  return (
    <div class="slot-month">
      <table role="grid" aria-label="Slots by day and hour (UTC)" ref={grid} onKeyDown={move}>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {Array.from({ length: 24 }, (_, hour) => (
              <th scope="col" key={hour}>
                {hour % 3 === 0 ? String(hour).padStart(2, '0') : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, day) => (
            <tr key={day}>
              <th scope="row">{dayLabel(fromMs + day * DAY_MS).slice(8)}</th>
              {row.map((cell, hour) => {
                const index = day * 24 + hour;
                return (
                  <td
                    key={index}
                    role="gridcell"
                    data-cell={index}
                    data-class={cell.worst ?? 'none'}
                    class={`slot slot-${cell.worst ?? 'none'}`}
                    tabIndex={index === focus ? 0 : -1}
                    aria-label={cellLabel(cell)}
                    onFocus={() => {
                      setFocus(index);
                      setActive(index);
                    }}
                    onMouseEnter={() => setActive(index)}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div class="slot-detail" role="status" aria-live="polite">
        <CellDetail cell={active === undefined ? undefined : cells[active]} />
      </div>
    </div>
  );
}
