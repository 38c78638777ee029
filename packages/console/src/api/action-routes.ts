/**
 * The API's actions: trigger, pause, resume, backfill, retry (operator and up); schedule
 * override and clear (admin). Each is recorded with the caller's token name as the actor.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type GuardEnv, requirePrincipal, requireRole } from '../auth/guard.js';
import type { ConsoleContext } from '../context.js';
import { backfillJob, overrideSchedule, pauseJob, resumeJob, retryRun, startTrigger } from './job-actions.js';
import { optionalJson } from './optional-json.js';
import { AUTH_ERRORS, INPUT_ERRORS, json, NOT_FOUND } from './responses.js';
import {
  ActionResultSchema,
  BackfillBody,
  JobNameParam,
  PauseBody,
  RunIdParam,
  ScheduleBody,
  TriggerBody,
} from './schemas.js';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const optionalBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: false },
});
const ACCEPTED = { 202: json(ActionResultSchema, 'Started: the run id to follow') };
const DONE = { 200: json(ActionResultSchema, 'Done') };
const ERRORS = { ...AUTH_ERRORS, ...INPUT_ERRORS, ...NOT_FOUND };

/** Registers the action routes on `app`. */
export function registerActionRoutes(app: OpenAPIHono<GuardEnv>, ctx: ConsoleContext): void {
  const operator = requireRole(ctx, 'operator');
  const admin = requireRole(ctx, 'admin');
  const actor = (c: Parameters<typeof requirePrincipal>[0]): string => requirePrincipal(c, ctx, 'viewer').name;
  const stateOf = async (name: string) => {
    const row = await ctx.store.getJob(name);
    return row?.paused ? ('paused' as const) : ('active' as const);
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/jobs/{name}/trigger',
      tags: ['actions'],
      summary: 'Run the job now (with `withDependencies`, its upstream chain first)',
      middleware: operator,
      request: { params: JobNameParam, ...optionalBody(TriggerBody) },
      responses: { ...ACCEPTED, ...ERRORS },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      const { withDependencies } = await optionalJson(c, TriggerBody);
      const runId = await startTrigger(ctx, name, withDependencies, actor(c));
      return c.json({ job: name, runId }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/jobs/{name}/pause',
      tags: ['actions'],
      summary: 'Pause the job on every instance, with a note',
      middleware: operator,
      request: { params: JobNameParam, ...optionalBody(PauseBody) },
      responses: { ...DONE, ...ERRORS },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      const { note } = await optionalJson(c, PauseBody);
      await pauseJob(ctx, name, note, actor(c));
      return c.json({ job: name, state: await stateOf(name) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/jobs/{name}/resume',
      tags: ['actions'],
      summary: 'Resume a paused job',
      middleware: operator,
      request: { params: JobNameParam },
      responses: { ...DONE, ...ERRORS },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      await resumeJob(ctx, name, actor(c));
      return c.json({ job: name, state: await stateOf(name) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/jobs/{name}/backfill',
      tags: ['actions'],
      summary: 'Replay the slots in [from, to] (the overlap policy applies)',
      middleware: operator,
      request: { params: JobNameParam, ...body(BackfillBody) },
      responses: { ...ACCEPTED, ...ERRORS },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      const { from, to } = c.req.valid('json');
      const runId = await backfillJob(ctx, name, from, to, actor(c));
      return c.json({ job: name, ...(runId === undefined ? {} : { runId }) }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/jobs/{name}/schedule',
      tags: ['actions'],
      summary: "Override the job's schedule on every instance (admin)",
      middleware: admin,
      request: { params: JobNameParam, ...body(ScheduleBody) },
      responses: { ...DONE, ...ERRORS },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      await overrideSchedule(ctx, name, c.req.valid('json').cron, actor(c));
      return c.json({ job: name }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/jobs/{name}/schedule',
      tags: ['actions'],
      summary: "Clear the override: the code's schedule applies again (admin)",
      middleware: admin,
      request: { params: JobNameParam },
      responses: { ...DONE, ...ERRORS },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      await overrideSchedule(ctx, name, null, actor(c));
      return c.json({ job: name }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/runs/{id}/retry',
      tags: ['actions'],
      summary: 'Run a failed, timed-out, cancelled or abandoned run again',
      middleware: operator,
      request: { params: RunIdParam },
      responses: {
        ...ACCEPTED,
        ...ERRORS,
        409: json(
          z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
          'Not retryable (`NOT_RETRYABLE`)',
        ),
      },
    }),
    async (c) => c.json(await retryRun(ctx, c.req.valid('param').id, actor(c)), 202),
  );
}
