/**
 * The alert notifier handed to the scheduler: the log always, Slack when
 * `SLACK_WEBHOOK_URL` is set (warnings and above, and the recovery notices of
 * those: a recovery carries the severity of the incident it resolves).
 */
import { fanOut, type Logger, logNotifier, type Notifier } from '@pokemon/scheduler';
import type { RunnerConfig } from './config.js';

/** Builds the notifier for `config`; the webhook URL is never logged. */
export async function createNotifier(config: Pick<RunnerConfig, 'slackWebhookUrl'>, logger: Logger): Promise<Notifier> {
  const log = logNotifier(logger);
  if (config.slackWebhookUrl === undefined) return log;
  const { slackNotifier } = await import('@pokemon/scheduler/slack');
  return fanOut([slackNotifier({ webhookUrl: config.slackWebhookUrl, minSeverity: 'warning' }), log]);
}
