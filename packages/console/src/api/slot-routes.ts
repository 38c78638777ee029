/** The slot audit: every expected slot of a range, classified (`Scheduler.auditSlots`), for the slots page. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { SlotAudit } from '@pokemon/scheduler';
import { compress } from 'hono/compress';
import type { GuardEnv } from '../auth/guard.js';
import { requireRole } from '../auth/guard.js';
import type { ConsoleContext } from '../context.js';
import { ApiError } from './api-error.js';
import { AUTH_ERRORS, json, NOT_FOUND, SLOT_RANGE_ERRORS } from './responses.js';
import { SlotAuditSchema, SlotsQuerySchema } from './schemas.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The longest range one request audits: a month. */
export const MAX_SLOT_RANGE_MS = 31 * DAY_MS;
/** The most slots one answer carries (a per-minute job over 31 days is 44,640). */
export const MAX_SLOTS = 50_000;

function slotAuditJson(audit: SlotAudit) {
  return {
    from: audit.from.toISOString(),
    to: audit.to.toISOString(),
    toleranceMs: audit.toleranceMs,
    jobs: audit.jobs.map((job) => ({
      job: job.job,
      counts: job.counts,
      slots: job.slots.map(({ job: _job, slot, ...rest }) => ({ slot: slot.toISOString(), ...rest })),
    })),
  };
}

/** Registers `GET /api/slots` (viewer and up). */
export function registerSlotRoutes(app: OpenAPIHono<GuardEnv>, ctx: ConsoleContext): void {
  app.use('/api/slots', compress());
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/slots',
      tags: ['slots'],
      summary: 'Did every slot run? Each expected slot of a range (at most 31 days), classified, with counts per job',
      middleware: requireRole(ctx, 'viewer'),
      request: { query: SlotsQuerySchema },
      responses: {
        200: json(SlotAuditSchema, 'The slots of each job, oldest first, and a count per class'),
        ...AUTH_ERRORS,
        ...SLOT_RANGE_ERRORS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      if (q.to.getTime() - q.from.getTime() > MAX_SLOT_RANGE_MS) {
        throw new ApiError(
          400,
          'RANGE_TOO_LONG',
          `query parameters "from" and "to": at most 31 days apart (got ${q.from.toISOString()} to ${q.to.toISOString()}); audit a longer period one month at a time`,
        );
      }
      const audit = await ctx.scheduler.auditSlots({
        from: q.from,
        to: q.to,
        ...(q.job === undefined ? {} : { job: q.job }),
        ...(q.toleranceMs === undefined ? {} : { toleranceMs: q.toleranceMs }),
      });
      const total = audit.jobs.reduce((sum, job) => sum + job.slots.length, 0);
      if (total > MAX_SLOTS) {
        throw new ApiError(
          400,
          'TOO_MANY_SLOTS',
          `${total} slots in the range, more than the ${MAX_SLOTS} one answer carries: pass "job" to audit one job, or a shorter range`,
        );
      }
      return c.json(slotAuditJson(audit), 200);
    },
  );
}
