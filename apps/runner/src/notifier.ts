/**
 * The alert notifier handed to the scheduler: the log always, Slack when
 * `SLACK_WEBHOOK_URL` is set (warnings and above, and the recovery notices of
 * those: a recovery carries the severity of the incident it resolves); a Slack
 * delivery cut short by the end of the process is logged.
 */
import { fanOut, type Logger, logNotifier, type Notifier } from '@pokemon/scheduler';
import { reportAbandonedDelivery } from './alert-delivery.js';
import type { RunnerConfig } from './config.js';

/** Builds the notifier for `config`; the webhook URL is never logged. */
export async function createNotifier(config: Pick<RunnerConfig, 'slackWebhookUrl'>, logger: Logger): Promise<Notifier> {
  const log = logNotifier(logger);
  if (config.slackWebhookUrl === undefined) return log;
  const { slackNotifier } = await import('@pokemon/scheduler/slack');
  const slack = slackNotifier({ webhookUrl: config.slackWebhookUrl, minSeverity: 'warning' });
  return fanOut([reportAbandonedDelivery(slack, logger), log]);
}
