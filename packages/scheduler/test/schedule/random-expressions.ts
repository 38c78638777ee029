/** A seeded generator of random cron expressions, for property tests. */

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;

function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** One token for a numeric field with range [min, max]. */
function numericToken(random: Random, min: number, max: number): string {
  const a = int(random, min, max);
  const b = int(random, a, max);
  const step = int(random, 1, Math.max(1, Math.floor((max - min) / 2)));
  switch (int(random, 0, 6)) {
    case 0:
      return '*';
    case 1:
      return String(a);
    case 2:
      return `${a}-${b}`;
    case 3:
      return `*/${step}`;
    case 4:
      return `${a}-${b}/${step}`;
    case 5:
      return `${a}/${step}`;
    default:
      return [...new Set([a, b, int(random, min, max)])].join(',');
  }
}

function dayOfMonthToken(random: Random): string {
  const roll = random();
  if (roll < 0.35) return '*';
  if (roll < 0.42) return 'L';
  if (roll < 0.47) return `${int(random, 1, 28)},L`;
  if (roll < 0.5) return '?';
  return numericToken(random, 1, 31);
}

function monthToken(random: Random): string {
  const roll = random();
  if (roll < 0.5) return '*';
  if (roll < 0.6) return pick(random, ['JAN', 'feb', 'MAR-JUN', 'oct-dec', 'jan,jul']);
  return numericToken(random, 1, 12);
}

function dayOfWeekToken(random: Random): string {
  const roll = random();
  if (roll < 0.45) return '*';
  if (roll < 0.52) return `${int(random, 0, 7)}#${int(random, 1, 5)}`;
  if (roll < 0.58) return `${int(random, 0, 7)}L`;
  if (roll < 0.63) return pick(random, ['MON-FRI', 'sat,sun', 'TUE', '1-5', '0,6']);
  return numericToken(random, 0, 7);
}

/** A random 5- or 6-field expression accepted by cron-parser. */
export function randomExpression(random: Random): string {
  const fields = [
    numericToken(random, 0, 59),
    numericToken(random, 0, 23),
    dayOfMonthToken(random),
    monthToken(random),
    dayOfWeekToken(random),
  ];
  if (random() < 0.3) fields.unshift(numericToken(random, 0, 59));
  return fields.join(' ');
}
