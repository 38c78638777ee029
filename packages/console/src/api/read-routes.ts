/** The API's reads: jobs, one job, runs (filtered, keyset-paginated), one run, instances, audit log. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { GuardEnv } from '../auth/guard.js';
import { requireRole } from '../auth/guard.js';
import type { ConsoleContext } from '../context.js';
import { ApiError } from './api-error.js';
import { isCursor } from './cursor-check.js';
import { listInstances } from './instances.js';
import { jobDetail, jobSummaries } from './job-views.js';
import { AUTH_ERRORS, INPUT_ERRORS, json, NOT_FOUND } from './responses.js';
import { runDetail, runSummary } from './run-json.js';
import {
  AuditEntrySchema,
  AuditQuerySchema,
  InstanceSchema,
  JobDetailSchema,
  JobNameParam,
  JobSummarySchema,
  RunDetailSchema,
  RunIdParam,
  RunPageSchema,
  RunsQuerySchema,
} from './schemas.js';

/** Registers the read routes on `app` (viewer and up). */
export function registerReadRoutes(app: OpenAPIHono<GuardEnv>, ctx: ConsoleContext): void {
  const viewer = requireRole(ctx, 'viewer');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/jobs',
      tags: ['jobs'],
      summary: 'Every job: schedule (in words), next runs, state, circuit, last outcome, 7-day success rate',
      middleware: viewer,
      responses: { 200: json(z.object({ jobs: z.array(JobSummarySchema) }), 'The jobs'), ...AUTH_ERRORS },
    }),
    async (c) => c.json({ jobs: await jobSummaries(ctx) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/jobs/{name}',
      tags: ['jobs'],
      summary: 'One job: duration and lateness percentiles, success over time, neighbours, upcoming slots',
      middleware: viewer,
      request: { params: JobNameParam },
      responses: { 200: json(JobDetailSchema, 'The job'), ...AUTH_ERRORS, ...NOT_FOUND },
    }),
    async (c) => c.json(await jobDetail(ctx, c.req.valid('param').name), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/runs',
      tags: ['runs'],
      summary: 'Run history, newest first, keyset-paginated (pass `nextCursor` as `cursor`)',
      middleware: viewer,
      request: { query: RunsQuerySchema },
      responses: { 200: json(RunPageSchema, 'One page of runs'), ...AUTH_ERRORS, ...INPUT_ERRORS },
    }),
    async (c) => {
      const q = c.req.valid('query');
      if (q.cursor !== undefined && !isCursor(q.cursor)) {
        throw new ApiError(
          400,
          'BAD_REQUEST',
          'query parameter "cursor": not a cursor from a previous page (pass nextCursor as it came)',
        );
      }
      const page = await ctx.store.listRuns({
        limit: q.limit,
        ...(q.job === undefined ? {} : { job: q.job }),
        ...(q.status === undefined ? {} : { status: q.status }),
        ...(q.trigger === undefined ? {} : { trigger: q.trigger }),
        ...(q.from === undefined ? {} : { from: q.from }),
        ...(q.to === undefined ? {} : { to: q.to }),
        ...(q.q === undefined ? {} : { errorText: q.q }),
        ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
      });
      const body = { runs: page.runs.map(runSummary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
      return c.json(body, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/runs/{id}',
      tags: ['runs'],
      summary: 'One run with every attempt and its error, progress, instance, lateness and result',
      middleware: viewer,
      request: { params: RunIdParam },
      responses: { 200: json(RunDetailSchema, 'The run'), ...AUTH_ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const run = await ctx.store.getRun(id);
      if (!run) throw new ApiError(404, 'UNKNOWN_RUN', `No run with id ${JSON.stringify(id)}`);
      return c.json(runDetail(run), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/instances',
      tags: ['instances'],
      summary: 'Instances alive on the store, with their running runs',
      middleware: viewer,
      responses: { 200: json(z.object({ instances: z.array(InstanceSchema) }), 'The instances'), ...AUTH_ERRORS },
    }),
    async (c) => c.json({ instances: await listInstances(ctx) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/audit',
      tags: ['audit'],
      summary: 'The audit log: who did what (operators and deploys), newest first',
      middleware: viewer,
      request: { query: AuditQuerySchema },
      responses: {
        200: json(z.object({ entries: z.array(AuditEntrySchema), nextCursor: z.string().optional() }), 'Entries'),
        ...AUTH_ERRORS,
        ...INPUT_ERRORS,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = await ctx.store.listAudit({
        limit: q.limit,
        ...(q.job === undefined ? {} : { job: q.job }),
        ...(q.actor === undefined ? {} : { actor: q.actor }),
        ...(q.action === undefined ? {} : { action: q.action }),
        ...(q.since === undefined ? {} : { since: q.since }),
        ...(q.until === undefined ? {} : { until: q.until }),
        ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
      });
      const entries = page.entries.map((entry) => ({ ...entry, at: entry.at.toISOString() }));
      return c.json({ entries, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }, 200);
    },
  );
}
