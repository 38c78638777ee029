import { expect, it } from 'vitest';
import {
  defineJob,
  resolveDependencies,
  retry,
  retryDelayMs,
  UnknownJobError,
  upstreamChain,
  withTimeout,
} from '../../src/index.js';
import { createFakeClock, DAY, HOUR, MINUTE, SECOND } from '../../src/testing.js';

it('exports the primitives from @pokemon/scheduler and the fake clock from /testing', () => {
  const exported = { defineJob, retry, retryDelayMs, withTimeout, resolveDependencies, upstreamChain };
  for (const [name, value] of Object.entries(exported)) expect(typeof value, name).toBe('function');
  expect(new UnknownJobError('x', []).code).toBe('UNKNOWN_JOB');
  expect(createFakeClock(0).now()).toBe(0);
  expect([SECOND, MINUTE, HOUR, DAY]).toEqual([1e3, 6e4, 3.6e6, 8.64e7]);
});
