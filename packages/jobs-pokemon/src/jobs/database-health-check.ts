import type { JobDefinition } from '@pokemon/scheduler';
import { DEFAULT_SCHEDULES } from '../config.js';
import { checkBackup } from '../health/check-backup.js';
import { checkDisk } from '../health/check-disk.js';
import { checkPrimary } from '../health/check-primary.js';
import { checkSqlite } from '../health/check-sqlite.js';
import { DEFAULT_HEALTH_THRESHOLDS, type HealthCheck, type HealthReport, worstStatus } from '../health/check-types.js';
import { HealthCheckCriticalError } from '../health/errors.js';
import { definePokemonJob } from '../isolation/define-pokemon-job.js';
import type { PokemonServices } from '../services.js';

export type { HealthReport } from '../health/check-types.js';

/**
 * `database-health-check`: SQLite, disk, backup age, PostgreSQL. A `warning`
 * check is alerted and the run succeeds; a `critical` one fails the run with a
 * {@link HealthCheckCriticalError} (the report attached), so the scheduler's
 * failure alert, history, stats and exit codes say so.
 */
export function databaseHealthCheckJob(services: PokemonServices): JobDefinition<HealthReport> {
  const { config } = services;
  const thresholds = { ...DEFAULT_HEALTH_THRESHOLDS, ...config.healthThresholds };
  return definePokemonJob(services, {
    name: 'database-health-check',
    schedule: config.schedules?.['database-health-check'] ?? DEFAULT_SCHEDULES['database-health-check'],
    timezone: config.timezone,
    description:
      'Check SQLite (quick_check, sizes), free disk, newest backup age and the PostgreSQL primary; warn on thresholds, fail when critical',
    timeoutMs: 2 * 60_000,
    run: async (ctx) => {
      const started = performance.now();
      const sqlite = await checkSqlite(config.catalogPath, thresholds);
      const checks: HealthCheck[] = [
        { name: sqlite.name, status: sqlite.status, message: sqlite.message, details: sqlite.details },
        await checkDisk(config.catalogPath, services.diskSpace, thresholds),
        await checkBackup(config.backupDir, ctx.now(), thresholds),
        await checkPrimary(
          config.primaryDatabaseUrl,
          config.primarySchema ?? 'pokemon',
          sqlite.counts,
          thresholds,
          ctx.signal,
        ),
      ];
      for (const check of checks) {
        if (check.status !== 'warning') continue;
        await services.alert(ctx, {
          key: `pokemon:health:${check.name}`,
          severity: check.status,
          title: `Health ${check.name}: ${check.status}`,
          text: check.message,
          fields: Object.fromEntries(Object.entries(check.details).map(([k, v]) => [k, String(v)])),
        });
      }
      const report = { status: worstStatus(checks), checks, durationMs: Math.round(performance.now() - started) };
      if (report.status === 'critical') throw new HealthCheckCriticalError(report);
      return report;
    },
  });
}
