/**
 * `@pokemon/scheduler/slack`: a notifier posting scheduler alerts to a Slack
 * incoming webhook as Block Kit messages.
 *
 * @example
 * ```ts
 * import { createScheduler, fanOut, logNotifier } from '@pokemon/scheduler';
 * import { slackNotifier } from '@pokemon/scheduler/slack';
 *
 * const scheduler = createScheduler({
 *   jobs,
 *   store,
 *   notifier: fanOut([slackNotifier({ webhookUrl, minSeverity: 'warning' }), logNotifier(logger)]),
 * });
 * ```
 *
 * @packageDocumentation
 */

export type { SlackBlock, SlackMessage } from './alerts/slack/block-kit.js';
export { buildSlackMessage } from './alerts/slack/block-kit.js';
export type { SlackFetch, SlackNotifierOptions } from './alerts/slack/slack-notifier.js';
export { slackNotifier } from './alerts/slack/slack-notifier.js';
