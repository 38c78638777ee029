/**
 * Keeps the instances sharing a store on one timezone: a daemon records its
 * `POKEMON_CRON_TZ` with a heartbeat in the store's state, and refuses to
 * start while another live instance uses a different one. Once every other
 * instance has stopped (or gone silent), a new timezone is taken over and
 * logged.
 */
import { ConfigError } from './errors.js';
import type { Runner } from './runner.js';

/** The state key of the live instances, by id. */
const INSTANCES_KEY = 'cron-runner:instances';
/** The state key of the timezone the store's instances last ran in. */
const TIMEZONE_KEY = 'cron-runner:timezone';
/** How often a daemon refreshes its entry. */
const REFRESH_MS = 15_000;
/** An entry older than this (in store time) belongs to a stopped or dead instance. */
const LIVE_MS = 4 * REFRESH_MS;

interface InstanceEntry {
  timezone: string;
  /** Store time of the last refresh, ISO. */
  seenAt: string;
}

type Instances = Record<string, InstanceEntry>;

/** A claimed timezone: refreshed until released. */
export interface TimezoneClaim {
  /** Stops refreshing and removes this instance's entry. */
  release(): Promise<void>;
}

async function liveInstances(runner: Runner): Promise<{ nowMs: number; live: Instances }> {
  const [now, all] = await Promise.all([runner.store.now(), runner.store.getState<Instances>(INSTANCES_KEY)]);
  const live: Instances = {};
  for (const [id, entry] of Object.entries(all ?? {})) {
    if (now.getTime() - Date.parse(entry.seenAt) < LIVE_MS) live[id] = entry;
  }
  return { nowMs: now.getTime(), live };
}

/** The live instances on the store (each daemon's entry, refreshed every 15 s), for the console's instances page. */
export async function liveInstanceList(runner: Runner): Promise<{ id: string; lastSeenAt: Date; timezone: string }[]> {
  const { live } = await liveInstances(runner);
  return Object.entries(live).map(([id, entry]) => ({
    id,
    lastSeenAt: new Date(entry.seenAt),
    timezone: entry.timezone,
  }));
}

async function writeEntry(runner: Runner, entry: InstanceEntry | undefined): Promise<void> {
  const { live } = await liveInstances(runner);
  const id = runner.scheduler.instanceId;
  if (entry === undefined) delete live[id];
  else live[id] = entry;
  await runner.store.setState(INSTANCES_KEY, live);
}

/**
 * Checks and records this instance's timezone before the daemon starts.
 *
 * @throws {@link ConfigError} naming both timezones while another live instance uses a different one
 */
export async function claimTimezone(runner: Runner): Promise<TimezoneClaim> {
  const { timezone } = runner.config;
  const id = runner.scheduler.instanceId;
  const { nowMs, live } = await liveInstances(runner);
  const other = Object.entries(live).find(([otherId, entry]) => otherId !== id && entry.timezone !== timezone);
  if (other !== undefined) {
    const [otherId, entry] = other;
    throw new ConfigError(
      `POKEMON_CRON_TZ: this instance uses "${timezone}" but instance ${otherId}, running on the same store, uses "${entry.timezone}"; give every instance the same timezone, or stop the others before changing it`,
      'POKEMON_CRON_TZ',
    );
  }
  const previous = await runner.store.getState<string>(TIMEZONE_KEY);
  if (previous !== undefined && previous !== timezone) {
    runner.logger.warn({ from: previous, to: timezone }, 'timezone changed: schedules now follow the new one');
  }
  await runner.store.setState(TIMEZONE_KEY, timezone);
  await writeEntry(runner, { timezone, seenAt: new Date(nowMs).toISOString() });
  const refresh = async (): Promise<void> => {
    const now = await runner.store.now();
    await writeEntry(runner, { timezone, seenAt: now.toISOString() });
  };
  const timer = setInterval(() => {
    refresh().catch((error: unknown) => runner.logger.warn({ error }, 'could not refresh this instance in the store'));
  }, REFRESH_MS);
  timer.unref();
  return {
    release: async () => {
      clearInterval(timer);
      await writeEntry(runner, undefined).catch(() => {});
    },
  };
}
