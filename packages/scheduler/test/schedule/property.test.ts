/**
 * Property test: for thousands of random expressions and reference instants,
 * our next()/previous() equal cron-parser's own, wherever no DST transition is
 * near (near transitions the documented DST policy applies instead, pinned in
 * dst.test.ts).
 */
import { CronExpressionParser } from 'cron-parser';
import { describe, expect, it } from 'vitest';
import { InvalidScheduleError } from '../../src/core/errors.js';
import { parseSchedule } from '../../src/schedule/index.js';
import { Zone } from '../../src/schedule/zone.js';
import { prng, randomExpression } from './random-expressions.js';

const DAY = 86_400_000;
const FROM = Date.UTC(1999, 0, 1);
const TO = Date.UTC(2041, 0, 1);

function cronParser(expression: string, timezone: string, at: number, reverse: boolean): number | undefined {
  try {
    const parsed = CronExpressionParser.parse(expression, { tz: timezone, currentDate: at });
    return (reverse ? parsed.prev() : parsed.next()).getTime();
  } catch {
    return undefined; // loop limit exceeded: cron-parser gave up, nothing to compare
  }
}

function nearTransition(zone: Zone, a: number, b: number): boolean {
  return zone.firstTransitionIn(Math.min(a, b) - DAY, Math.max(a, b) + DAY) !== undefined;
}

describe.each(['UTC', 'America/New_York', 'Europe/Paris', 'Australia/Lord_Howe'])(
  'random expressions in %s',
  (timezone) => {
    it('next() and previous() agree with cron-parser away from DST transitions', () => {
      const random = prng(timezone.length * 7919);
      const zone = new Zone(timezone);
      let compared = 0;
      let rejected = 0;
      for (let i = 0; i < 1000; i++) {
        const expression = randomExpression(random);
        const at = FROM + Math.floor(random() * (TO - FROM)) + (random() < 0.5 ? 0 : Math.floor(random() * 1000));
        let schedule: ReturnType<typeof parseSchedule>;
        try {
          schedule = parseSchedule(expression, { timezone });
        } catch (error) {
          // Rejected by cron-parser itself, or (beyond it) a day-of-month no allowed month has.
          expect(error).toBeInstanceOf(InvalidScheduleError);
          if (!(error as InvalidScheduleError).message.includes('never occurs')) {
            expect(() => CronExpressionParser.parse(expression)).toThrow();
          }
          rejected++;
          continue;
        }
        // Whatever we accept, cron-parser accepts too.
        expect(() => CronExpressionParser.parse(expression)).not.toThrow();
        for (const reverse of [false, true]) {
          const theirs = cronParser(expression, timezone, at, reverse);
          if (theirs === undefined || nearTransition(zone, at, theirs)) continue;
          const ours = reverse ? schedule.previous(at) : schedule.next(at);
          expect({ expression, at: new Date(at).toISOString(), reverse, slot: ours?.toISOString() }).toEqual({
            expression,
            at: new Date(at).toISOString(),
            reverse,
            slot: new Date(theirs).toISOString(),
          });
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(1000);
      expect(rejected).toBeLessThan(200);
    });
  },
);
