import type { LogFields, Logger } from '../core/logger.js';
import type { Alert, Notifier } from './types.js';

/**
 * A notifier that writes each alert as one log line: `critical` at error
 * level, `warning` at warn, `info` and recovery notices (`resolved`) at info.
 * Never fails.
 *
 * @param logger - where to write (pino, winston, a console adapter...)
 */
export function logNotifier(logger: Logger): Notifier {
  return {
    name: 'log',
    notify(alert: Alert): Promise<void> {
      const fields = alertLogFields(alert);
      if (alert.resolved) logger.info(alert.title, fields);
      else if (alert.severity === 'critical') logger.error(alert.title, fields);
      else if (alert.severity === 'warning') logger.warn(alert.title, fields);
      else logger.info(alert.title, fields);
      return Promise.resolve();
    },
  };
}

function alertLogFields(alert: Alert): LogFields {
  const fields: LogFields = { alert: alert.kind, severity: alert.severity, key: alert.key };
  if (alert.job !== undefined) fields.job = alert.job;
  if (alert.runId !== undefined) fields.runId = alert.runId;
  if (alert.status !== undefined) fields.status = alert.status;
  if (alert.attempts !== undefined) fields.attempts = alert.attempts;
  if (alert.durationMs !== undefined) fields.durationMs = alert.durationMs;
  if (alert.error !== undefined) fields.error = alert.error;
  if (alert.reminder) fields.reminder = true;
  if (alert.resolved) fields.resolved = true;
  if (alert.fields) fields.details = alert.fields;
  return fields;
}
