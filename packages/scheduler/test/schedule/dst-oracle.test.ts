/**
 * DST semantics against a brute-force oracle: around each 2026 transition in
 * three zones, every minute is mapped to its wall clock with Intl directly
 * (not through the schedule module's zone code) and matched against
 * cron-parser's own expanded fields; the documented policy is then applied to
 * that set and compared with slotsBetween().
 */
import { CronExpressionParser } from 'cron-parser';
import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../src/schedule/index.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

interface Wall {
  readonly key: string;
  readonly hour: number;
  readonly minute: number;
  readonly ms: number;
}

function wallOf(format: Intl.DateTimeFormat, instant: number): Wall {
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const [year, month, day, hour, minute] = [parts.year, parts.month, parts.day, parts.hour, parts.minute].map(
    Number,
  ) as [number, number, number, number, number];
  return {
    key: `${year}-${month}-${day} ${hour}:${minute}`,
    hour,
    minute,
    ms: Date.UTC(year, month - 1, day, hour, minute),
  };
}

const ZONES: Record<string, readonly string[]> = {
  'America/New_York': ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
  'Europe/Paris': ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'],
  'Australia/Lord_Howe': ['2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z'],
  // Transitions at local midnight (the gap swallows 00:00), and a whole skipped day (-10:00 -> +14:00).
  'America/Sao_Paulo': ['2018-11-04T03:00:00Z', '2019-02-17T02:00:00Z'],
  'Pacific/Apia': ['2011-12-30T10:00:00Z'],
};
const MINUTES = ['0', '30', '15,45', '*/10', '*/15', '5', '0-59/20', '59', '58-59'];
const HOURS = ['0', '1', '2', '3', '1-3', '2,3', '*', '*/2', '0-23', '1,2', '23', '12'];
const POLICIES = [
  { gap: 'run-at-jump', repeat: 'first' },
  { gap: 'run-at-jump', repeat: 'both' },
  { gap: 'skip', repeat: 'first' },
  { gap: 'skip', repeat: 'both' },
] as const;

describe.each(Object.entries(ZONES))('DST oracle in %s', (timezone, transitions) => {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });

  it.each(transitions)('around %s every expression and policy matches the oracle', (transition) => {
    const from = Date.parse(transition) - DAY;
    const to = Date.parse(transition) + DAY;
    const minutes: number[] = [];
    for (let u = from + MINUTE; u <= to; u += MINUTE) minutes.push(u);
    const walls = minutes.map((u) => wallOf(format, u));
    let compared = 0;
    for (const minuteToken of MINUTES) {
      for (const hourToken of HOURS) {
        const expression = `${minuteToken} ${hourToken} * * *`;
        const fields = CronExpressionParser.parse(expression).fields;
        const matches = (hour: number, minute: number) =>
          (fields.hour.values as number[]).includes(hour) && (fields.minute.values as number[]).includes(minute);
        for (const dst of POLICIES) {
          const schedule = parseSchedule(expression, { timezone, dst });
          const policy = schedule.intervalLike ? { gap: 'skip', repeat: 'both' } : dst;
          const expected: number[] = [];
          const seen = new Set<string>();
          minutes.forEach((u, i) => {
            const wall = walls[i]!;
            const previous = i > 0 ? walls[i - 1]! : undefined;
            // Wall minutes skipped between the previous minute and this one: a spring-forward gap.
            let gapMatched = false;
            if (previous && wall.ms - previous.ms > MINUTE) {
              for (let w = previous.ms + MINUTE; w < wall.ms; w += MINUTE) {
                const d = new Date(w);
                if (matches(d.getUTCHours(), d.getUTCMinutes())) gapMatched = true;
              }
            }
            const repeated = seen.has(wall.key);
            seen.add(wall.key);
            const own = matches(wall.hour, wall.minute) && !(repeated && policy.repeat === 'first');
            if (own || (gapMatched && policy.gap === 'run-at-jump')) expected.push(u);
          });
          const actual = schedule.slotsBetween(from, to).map((d) => d.getTime());
          const backward: number[] = [];
          for (
            let at = to + 1, slot = schedule.previous(at);
            slot && slot.getTime() > from;
            slot = schedule.previous(at)
          ) {
            backward.unshift(slot.getTime());
            at = slot.getTime();
          }
          expect(backward).toEqual(actual);
          expect({ expression, dst, slots: actual.map((u) => new Date(u).toISOString()) }).toEqual({
            expression,
            dst,
            slots: expected.map((u) => new Date(u).toISOString()),
          });
          compared++;
        }
      }
    }
    expect(compared).toBe(MINUTES.length * HOURS.length * POLICIES.length);
  });
});
