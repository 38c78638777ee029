/**
 * Memoised {@link Zone} per name, and the timezone validation message.
 *
 * @internal
 */
import { MemoCache } from './cache.js';
import { type ErrorSite, scheduleError } from './messages.js';
import { Zone } from './zone.js';

const zones = new MemoCache<string, Zone>(1_000);

/** Forgets every zone's memoised offsets. */
export function clearZoneCache(): void {
  zones.clear();
}

/**
 * The zone named `name`, memoised.
 *
 * @throws InvalidScheduleError (field `timezone`) when `Intl` does not know it.
 */
export function zoneFor(name: string, site: ErrorSite): Zone {
  const cached = zones.get(name);
  if (cached) return cached;
  let zone: Zone;
  try {
    if (typeof name !== 'string' || name.trim() === '') throw new RangeError('empty');
    zone = new Zone(name);
  } catch (error) {
    throw scheduleError(
      site,
      `unknown timezone ${JSON.stringify(name)}. Use an IANA time zone name such as "Europe/Paris", "America/New_York" or "UTC".`,
      'timezone',
      error,
    );
  }
  zones.set(name, zone);
  return zone;
}
