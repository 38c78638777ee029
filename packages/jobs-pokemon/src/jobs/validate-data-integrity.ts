import { defineJob, type JobDefinition } from '@pokemon/scheduler';
import { DEFAULT_SCHEDULES } from '../config.js';
import type { IntegrityReport } from '../integrity/findings.js';
import { validateCatalog } from '../integrity/validate.js';
import type { PokemonServices } from '../services.js';

/** `validate-data-integrity`: orphans, duplicates, missing fields, invalid JSON, FK check; alerts when not clean. */
export function validateDataIntegrityJob(services: PokemonServices): JobDefinition<IntegrityReport> {
  const { config } = services;
  return defineJob({
    name: 'validate-data-integrity',
    schedule: config.schedules?.['validate-data-integrity'] ?? DEFAULT_SCHEDULES['validate-data-integrity'],
    timezone: config.timezone,
    description:
      'Check the catalogue for orphans, duplicates, missing fields, invalid JSON and FK violations; alert when not clean',
    timeoutMs: 30 * 60_000,
    run: (ctx) =>
      services.withCatalog(async (db) => {
        const source = config.validateAgainstSource === false ? undefined : services.source;
        const report = await validateCatalog(db, { source, signal: ctx.signal });
        const problems = Object.entries(report.findings).filter(([, f]) => f.count > 0);
        if (problems.length > 0) {
          await services.alert(ctx, {
            key: 'pokemon:integrity',
            severity: report.clean ? 'info' : 'warning',
            title: report.clean
              ? `Catalogue integrity: clean, ${problems.length} notice(s)`
              : `Catalogue integrity: ${problems.filter(([, f]) => f.severity === 'error').length} problem(s) found`,
            text: problems
              .map(([name, f]) => `${name}: ${f.count} (${f.description}), e.g. ${f.samples.join(', ')}`)
              .join('\n'),
            fields: Object.fromEntries(problems.map(([name, f]) => [name, String(f.count)])),
          });
        }
        return report;
      }),
  });
}
