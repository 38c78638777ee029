/** Every invalid input gets an InvalidScheduleError naming the job, the expression and the field. */
import { describe, expect, it } from 'vitest';
import { InvalidScheduleError } from '../../src/core/errors.js';
import { parseSchedule, type ScheduleOptions } from '../../src/schedule/index.js';

function failure(expression: string, options: ScheduleOptions = { job: 'sync-cards' }): InvalidScheduleError {
  try {
    parseSchedule(expression, options);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidScheduleError);
    return error as InvalidScheduleError;
  }
  throw new Error(`expected ${JSON.stringify(expression)} to be rejected`);
}

describe('invalid schedules', () => {
  it.each([
    ['0 25 * * *', 'hour', 'hour "25" is out of range 0-23.'],
    ['60 * * * *', 'minute', 'minute "60" is out of range 0-59.'],
    ['60 0 * * * *', 'second', 'second "60" is out of range 0-59.'],
    ['0 0 32 * *', 'day-of-month', 'day-of-month "32" is out of range 1-31.'],
    ['0 0 0 * *', 'day-of-month', 'day-of-month "0" is out of range 1-31.'],
    ['0 0 * 13 *', 'month', 'month "13" is out of range 1-12.'],
    ['0 0 * * 8', 'day-of-week', 'day-of-week "8" is out of range 0-7.'],
    ['0 0 * * 1-9', 'day-of-week', 'day-of-week "1-9" is out of range 0-7.'],
  ])('"%s": names the %s and its range', (expression, field, detail) => {
    const error = failure(expression);
    expect(error.message).toBe(`Job "sync-cards": invalid schedule "${expression}": ${detail}`);
    expect(error.field).toBe(field);
    expect(error.job).toBe('sync-cards');
    expect(error.expression).toBe(expression);
    expect(error.code).toBe('INVALID_SCHEDULE');
    expect(error.name).toBe('InvalidScheduleError');
  });

  it.each([
    ['x * * * *', 'minute', 'minute "x" is not valid (Invalid characters, got value: x). Use numbers in 0-59'],
    ['1- * * * *', 'minute', 'minute "1-" is not valid ('],
    ['*/0 * * * *', 'minute', 'minute "*/0" is not valid (Constraint error, cannot repeat at every 0 time). Use'],
    ['5-2 * * * *', 'minute', 'minute "5-2" is not valid (Invalid range: 5-2, min(5) > max(2))'],
    ['0 0 L-2 * *', 'day-of-month', 'day-of-month "L-2" is not valid ('],
    ['0 0 * JANX *', 'month', 'month "JANX" is not valid ('],
    [
      '0 0 * * 1#6',
      'day-of-week',
      'day-of-week "1#6" is not valid (Constraint error, invalid dayOfWeek occurrence number (#))',
    ],
    ['0 0 * * L', 'day-of-week', 'day-of-week "L" is not valid ('],
  ])('"%s": says which %s is malformed and what is allowed', (expression, field, detail) => {
    const error = failure(expression);
    expect(error.message.startsWith(`Job "sync-cards": invalid schedule "${expression}": ${detail}`)).toBe(true);
    expect(error.message).toMatch(/Use numbers in \d-\d+, lists \(1,2\), ranges \(1-5\) or steps \(\*\/5\)/);
    expect(error.field).toBe(field);
  });

  it('rejects a day-of-month that no allowed month has, since it would never run', () => {
    const error = failure('0 0 30 2 *');
    expect(error.message).toBe(
      'Job "sync-cards": invalid schedule "0 0 30 2 *": day-of-month "30" never occurs in month "2", so the schedule would never run. Pick days that exist in those months (or use L for the last day).',
    );
    expect(error.field).toBe('day-of-month');
    expect(failure('0 0 31 4,6,9,11 *').field).toBe('day-of-month');
    // Feb 29 exists (in leap years), and day-of-week OR semantics can still match.
    expect(() => parseSchedule('0 0 29 2 *')).not.toThrow();
    expect(() => parseSchedule('0 0 30 2 1')).not.toThrow();
  });

  it.each([
    ['* * *', 3],
    ['* * * * * * *', 7],
    ['*', 1],
  ])('"%s": says how many fields were found and expected', (expression, found) => {
    const error = failure(expression);
    expect(error.message).toBe(
      `Job "sync-cards": invalid schedule "${expression}": found ${found} field${found === 1 ? '' : 's'}, expected 5 (minute hour day-of-month month day-of-week) or 6 (second minute hour day-of-month month day-of-week).`,
    );
  });

  it.each(['', '   ', '\t'])('%j: says the expression is empty', (expression) => {
    const error = failure(expression);
    expect(error).toBeInstanceOf(InvalidScheduleError);
    expect(error.message).toBe(
      `Job "sync-cards": invalid schedule ${JSON.stringify(expression)}: the expression is empty. Give a cron expression with 5 or 6 fields (e.g. "0 3 * * *") or a nickname such as "@daily".`,
    );
  });

  it('rejects @reboot clearly, and unknown nicknames with the list of known ones', () => {
    expect(failure('@reboot').message).toBe(
      'Job "sync-cards": invalid schedule "@reboot": "@reboot" is not supported: a scheduler has no boot time. Call trigger() when your service starts instead.',
    );
    expect(failure('@often').message).toBe(
      'Job "sync-cards": invalid schedule "@often": unknown nickname "@often". Use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly.',
    );
  });

  it('rejects an unknown timezone, suggesting an IANA name', () => {
    const error = failure('0 3 * * *', { job: 'sync-cards', timezone: 'Europe/Pariss' });
    expect(error.message).toBe(
      'Job "sync-cards": invalid schedule "0 3 * * *": unknown timezone "Europe/Pariss". Use an IANA time zone name such as "Europe/Paris", "America/New_York" or "UTC".',
    );
    expect(error.field).toBe('timezone');
    expect(failure('0 3 * * *', { timezone: '' }).field).toBe('timezone');
  });

  it('rejects unknown dst options', () => {
    const gap = failure('0 3 * * *', { job: 'a', dst: { gap: 'later' as 'skip' } });
    expect(gap.message).toBe(
      'Job "a": invalid schedule "0 3 * * *": dst.gap must be "run-at-jump" or "skip", got "later".',
    );
    expect(gap.field).toBe('dst.gap');
    const repeat = failure('0 3 * * *', { dst: { repeat: 'twice' as 'both' } });
    expect(repeat.message).toBe('Invalid schedule "0 3 * * *": dst.repeat must be "first" or "both", got "twice".');
    expect(repeat.field).toBe('dst.repeat');
  });

  it('omits the job when none is given, and rejects a non-string expression', () => {
    expect(failure('0 25 * * *', {}).message).toBe('Invalid schedule "0 25 * * *": hour "25" is out of range 0-23.');
    expect(failure('0 25 * * *', {}).job).toBeUndefined();
    const error = failure(42 as unknown as string, {});
    expect(error.field).toBe('expression');
    expect(error.message).toBe('Invalid schedule "42": expected a string, got number.');
  });

  it('rejects invalid reference instants and counts with a TypeError/RangeError naming the argument', () => {
    const schedule = parseSchedule('0 * * * *');
    expect(() => schedule.next(Number.NaN)).toThrow(
      'Expected `after` to be a valid Date or epoch milliseconds, got NaN.',
    );
    expect(() => schedule.previous(new Date('nope'))).toThrow(TypeError);
    expect(() => schedule.nextRuns(-1, 0)).toThrow('Expected `count` to be a non-negative integer, got -1.');
    expect(() => schedule.slotsBetween(0, 1, 1.5)).toThrow(RangeError);
  });
});
