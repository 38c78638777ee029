/**
 * The admin API's writes on one job: trigger, pause, resume, and the schedule
 * override (`POST`/`DELETE /api/jobs/:name/schedule`). Authorisation is checked by the caller.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RunRecord } from '@pokemon/scheduler';
import { ADMIN_TOKEN_ACTOR } from '../actor.js';
import type { Runner } from '../runner.js';
import { setScheduleOverride } from '../schedule-override.js';
import { takesEffectWithinMs } from '../store-poll.js';
import { HttpError, readJsonBody, sendJson } from './respond.js';

/** The actions, by the last segment of `/api/jobs/:name/<action>`, with the methods each accepts. */
export const JOB_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  trigger: ['POST'],
  pause: ['POST'],
  resume: ['POST'],
  schedule: ['POST', 'DELETE'],
};

/**
 * Starts the run and resolves with its id as soon as it is claimed (or
 * skipped), before it finishes; the rest of the run goes to the log.
 */
function triggerInBackground(runner: Runner, name: string, withDependencies: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const mine = (e: { job: string; trigger: string; runId: string }): void => {
      if (e.job === name && e.trigger === 'manual') settle(e.runId);
    };
    const offs = [runner.scheduler.on('run:queued', mine), runner.scheduler.on('run:skipped', mine)];
    const settle = (runId: string): void => {
      for (const off of offs) off();
      resolve(runId);
    };
    runner.scheduler.trigger(name, { withDependencies, actor: ADMIN_TOKEN_ACTOR }).then(
      (run: RunRecord) => {
        settle(run.id);
        runner.logger.info({ job: name, runId: run.id, status: run.status }, 'triggered run finished');
      },
      (error: unknown) => {
        for (const off of offs) off();
        runner.logger.error({ job: name, err: error }, 'triggered run failed to start');
        reject(error);
      },
    );
  });
}

async function scheduleAction(runner: Runner, req: IncomingMessage, res: ServerResponse, name: string) {
  let cron: string | null = null;
  if (req.method === 'POST') {
    const body = await readJsonBody(req);
    if (typeof body.cron !== 'string' || body.cron.trim() === '') {
      throw new HttpError(400, 'BAD_BODY', 'Expected a body { "cron": "<expression>" }; DELETE clears the override');
    }
    cron = body.cron;
  }
  try {
    const job = await setScheduleOverride(runner, name, cron, ADMIN_TOKEN_ACTOR);
    sendJson(res, 200, { job, takesEffectWithinMs: takesEffectWithinMs(runner.config.store) });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'INVALID_SCHEDULE') {
      throw new HttpError(400, 'INVALID_SCHEDULE', (error as Error).message);
    }
    throw error;
  }
}

/** Serves one job action (the job is known, the method allowed, the caller authorised). */
export async function jobAction(
  runner: Runner,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  action: string,
): Promise<void> {
  if (action === 'schedule') return scheduleAction(runner, req, res, name);
  const body = await readJsonBody(req);
  if (action === 'trigger') {
    const withDependencies = body.withDependencies === true;
    const runId = await triggerInBackground(runner, name, withDependencies);
    sendJson(res, 202, { accepted: true, job: name, runId, withDependencies });
    return;
  }
  const actor = ADMIN_TOKEN_ACTOR;
  if (action === 'pause') {
    await runner.scheduler.pause(name, { actor, ...(typeof body.note === 'string' ? { note: body.note } : {}) });
  } else await runner.scheduler.resume(name, { actor });
  sendJson(res, 200, {
    job: await runner.store.getJob(name),
    takesEffectWithinMs: takesEffectWithinMs(runner.config.store),
  });
}
