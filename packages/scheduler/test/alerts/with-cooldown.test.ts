import { describe, expect, it } from 'vitest';
import type { Alert, Notifier } from '../../src/index.js';
import { withCooldown } from '../../src/index.js';
import { createFakeClock, HOUR, MINUTE } from '../../src/testing.js';

const T0 = Date.parse('2026-11-01T00:00:00Z');

function finding(severity: Alert['severity'], key = 'health:disk'): Alert {
  return { key, kind: 'finding', severity, title: `disk ${severity}`, createdAtMs: T0 };
}

function recorder(): { notifier: Notifier; titles: string[]; failNext: () => void } {
  const titles: string[] = [];
  let fail = false;
  return {
    titles,
    failNext: () => {
      fail = true;
    },
    notifier: {
      name: 'recorder',
      notify: async (alert) => {
        if (fail) {
          fail = false;
          throw new Error('channel down');
        }
        titles.push(alert.title);
      },
    },
  };
}

describe('withCooldown', () => {
  it('sends a repeated key once per cooldown: a 15-minute check over 2 hours sends twice', async () => {
    const clock = createFakeClock(T0);
    const { notifier, titles } = recorder();
    const findings = withCooldown(notifier, { cooldownMs: HOUR, clock });
    for (let i = 0; i < 8; i += 1) {
      await findings.notify(finding('warning'));
      clock.set(clock.now() + 15 * MINUTE);
    }
    expect(titles).toEqual(['disk warning', 'disk warning']);
  });

  it('lets an escalation through at once, then cools down again', async () => {
    const clock = createFakeClock(T0);
    const { notifier, titles } = recorder();
    const findings = withCooldown(notifier, { clock });
    await findings.notify(finding('warning'));
    await findings.notify(finding('critical'));
    await findings.notify(finding('critical'));
    await findings.notify(finding('warning'));
    expect(titles).toEqual(['disk warning', 'disk critical']);
  });

  it('keeps keys apart and retries a delivery that failed', async () => {
    const clock = createFakeClock(T0);
    const { notifier, titles, failNext } = recorder();
    const findings = withCooldown(notifier, { clock });
    failNext();
    await expect(findings.notify(finding('warning'))).rejects.toThrow('channel down');
    await findings.notify(finding('warning'));
    await findings.notify(finding('warning', 'health:backup-age'));
    expect(titles).toEqual(['disk warning', 'disk warning']);
  });
});
