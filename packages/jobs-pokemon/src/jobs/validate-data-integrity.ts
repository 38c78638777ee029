import type { JobDefinition } from '@pokemon/scheduler';
import { DEFAULT_SCHEDULES } from '../config.js';
import { IntegrityCheckFailedError } from '../integrity/errors.js';
import type { IntegrityReport } from '../integrity/findings.js';
import { validateCatalog } from '../integrity/validate.js';
import { definePokemonJob } from '../isolation/define-pokemon-job.js';
import type { PokemonServices } from '../services.js';

/**
 * `validate-data-integrity`: orphans, duplicates, missing fields, invalid JSON,
 * FK check, stale content hashes. Error findings fail the run with an
 * {@link IntegrityCheckFailedError} (the report attached); notices alone
 * (`warning` findings) are sent as an `info` alert and the run succeeds.
 */
export function validateDataIntegrityJob(services: PokemonServices): JobDefinition<IntegrityReport> {
  const { config } = services;
  return definePokemonJob(services, {
    name: 'validate-data-integrity',
    schedule: config.schedules?.['validate-data-integrity'] ?? DEFAULT_SCHEDULES['validate-data-integrity'],
    timezone: config.timezone,
    description:
      'Check the catalogue for orphans, duplicates, missing fields, invalid JSON, FK violations and stale content hashes; fail when not clean',
    timeoutMs: 30 * 60_000,
    run: (ctx) =>
      services.withCatalog(async (db) => {
        const source = config.validateAgainstSource === false ? undefined : services.source;
        const report = await validateCatalog(db, { source, signal: ctx.signal });
        if (!report.clean) throw new IntegrityCheckFailedError(report);
        const notices = Object.entries(report.findings).filter(([, f]) => f.count > 0);
        if (notices.length > 0) {
          await services.alert(ctx, {
            key: 'pokemon:integrity',
            severity: 'info',
            title: `Catalogue integrity: clean, ${notices.length} notice(s)`,
            text: notices
              .map(([name, f]) => `${name}: ${f.count} (${f.description}), e.g. ${f.samples.join(', ')}`)
              .join('\n'),
            fields: Object.fromEntries(notices.map(([name, f]) => [name, String(f.count)])),
          });
        }
        return report;
      }),
  });
}
