import { formatDurationMs, truncate } from '../format.js';
import type { Alert, AlertSeverity } from '../types.js';

/** A Slack incoming-webhook payload (`text` fallback plus Block Kit `blocks`). */
export interface SlackMessage {
  /** Plain-text fallback shown in notifications. */
  text: string;
  /** Block Kit blocks. */
  blocks: SlackBlock[];
}

/** One Block Kit block (the subset this notifier writes). */
export type SlackBlock = Record<string, unknown>;

const EMOJI: Record<AlertSeverity, string> = {
  info: ':large_green_circle:',
  warning: ':warning:',
  critical: ':rotating_light:',
};
/** Recovery notices carry the severity of what they resolve, but read as good news. */
const RESOLVED_EMOJI = ':white_check_mark:';

/**
 * Builds the Block Kit message for an alert: a header, then job, status,
 * severity, attempts, duration and run id, the error summary, extra fields,
 * and a "View run" button when the alert has a link.
 */
export function buildSlackMessage(alert: Alert): SlackMessage {
  const emoji = alert.resolved ? RESOLVED_EMOJI : EMOJI[alert.severity];
  const headline = `${emoji} ${alert.reminder ? 'Reminder: ' : ''}${alert.title}`;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(headline, 150), emoji: true } },
  ];
  const facts = summaryFields(alert);
  if (facts.length > 0) blocks.push({ type: 'section', fields: facts });
  if (alert.text) blocks.push(mrkdwnSection(escapeMrkdwn(truncate(alert.text, 2_900))));
  if (alert.error)
    blocks.push(
      mrkdwnSection(`*Error*\n\`\`\`${escapeMrkdwn(truncate(alert.error, 2_800)).replace(/```/g, "'''")}\`\`\``),
    );
  const extra = Object.entries(alert.fields ?? {}).slice(0, 10);
  if (extra.length > 0) blocks.push({ type: 'section', fields: extra.map(([k, v]) => field(k, escapeMrkdwn(v))) });
  if (alert.link) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'View run' }, url: alert.link }],
    });
  }
  const when = new Date(alert.createdAtMs).toISOString();
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: escapeMrkdwn(`${alert.kind} · ${alert.key} · ${when}`) }],
  });
  return { text: truncate(headline, 3_000), blocks };
}

function summaryFields(alert: Alert): SlackBlock[] {
  const out: SlackBlock[] = [];
  if (alert.job !== undefined) out.push(field('Job', `\`${escapeMrkdwn(alert.job)}\``));
  out.push(field('Status', escapeMrkdwn(alert.status ?? alert.kind)));
  out.push(field('Severity', alert.resolved ? `resolved (was ${alert.severity})` : alert.severity));
  if (alert.attempts !== undefined) out.push(field('Attempts', String(alert.attempts)));
  if (alert.durationMs !== undefined) out.push(field('Duration', formatDurationMs(alert.durationMs)));
  if (alert.runId !== undefined) out.push(field('Run id', `\`${escapeMrkdwn(alert.runId)}\``));
  return out;
}

function field(label: string, value: string): SlackBlock {
  return { type: 'mrkdwn', text: truncate(`*${escapeMrkdwn(label)}*\n${value}`, 2_000) };
}

function mrkdwnSection(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
