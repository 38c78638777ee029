/**
 * The JSON admin API: jobs, runs (filtered, paginated), one run, stats,
 * and trigger/pause/resume (POST, bearer token required).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { historyQuery } from '../commands/history.js';
import { listJobs } from '../commands/list.js';
import { jobStatuses } from '../commands/status.js';
import { UsageError } from '../errors.js';
import { parseInstant } from '../parse.js';
import type { Runner } from '../runner.js';
import { HttpError, readJsonBody, sendJson } from './respond.js';

type Handler = (runner: Runner, req: IncomingMessage, res: ServerResponse, params: URLSearchParams) => Promise<void>;

function optionsFrom(params: URLSearchParams): Parameters<typeof historyQuery>[0] {
  const get = (key: string): string | undefined => params.get(key) ?? undefined;
  return {
    job: get('job'),
    status: get('status'),
    since: get('since'),
    until: get('until'),
    limit: get('limit') ?? '50',
    cursor: get('cursor'),
  };
}

function knownJob(runner: Runner, name: string): void {
  if (!runner.job(name)) throw new HttpError(404, 'UNKNOWN_JOB', `Unknown job "${name}"`);
}

const getJobs: Handler = async (runner, _req, res) => {
  const now = new Date();
  const [listing, statuses] = await Promise.all([listJobs(runner, now), jobStatuses(runner, now)]);
  const statusOf = new Map(statuses.map((status) => [status.name, status]));
  sendJson(res, 200, { jobs: listing.map((job) => ({ ...job, status: statusOf.get(job.name) })) });
};

const getRuns: Handler = async (runner, _req, res, params) => {
  const page = await runner.store.listRuns(historyQuery(optionsFrom(params), new Date()));
  sendJson(res, 200, page);
};

const getStats: Handler = async (runner, _req, res, params) => {
  const now = new Date();
  const from = parseInstant('window', params.get('window') ?? '24h', now);
  const stats = await Promise.all(runner.jobs.map((job) => runner.store.jobStats(job.name, { from, to: now })));
  sendJson(res, 200, { from: from.toISOString(), to: now.toISOString(), jobs: stats });
};

function triggerInBackground(runner: Runner, name: string, withDependencies: boolean): void {
  runner.scheduler.trigger(name, { withDependencies }).then(
    (run) => runner.logger.info({ job: name, runId: run.id, status: run.status }, 'triggered run finished'),
    (error: unknown) => runner.logger.error({ job: name, err: error }, 'triggered run failed to start'),
  );
}

const postAction = async (runner: Runner, req: IncomingMessage, res: ServerResponse, name: string, action: string) => {
  knownJob(runner, name);
  const body = await readJsonBody(req);
  if (action === 'trigger') {
    triggerInBackground(runner, name, body.withDependencies === true);
    sendJson(res, 202, { accepted: true, job: name, withDependencies: body.withDependencies === true });
    return;
  }
  if (action === 'pause') await runner.scheduler.pause(name, typeof body.note === 'string' ? { note: body.note } : {});
  else await runner.scheduler.resume(name);
  sendJson(res, 200, { job: await runner.store.getJob(name) });
};

/**
 * Serves `/api/...`; returns `false` when no route matches. Authorisation is
 * checked by the caller; `canWrite` is false when no admin token is configured (POST disabled).
 */
export async function handleAdmin(
  runner: Runner,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  canWrite: boolean,
): Promise<boolean> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  try {
    if (method === 'GET' && path === '/api/jobs') await getJobs(runner, req, res, url.searchParams);
    else if (method === 'GET' && path === '/api/runs') await getRuns(runner, req, res, url.searchParams);
    else if (method === 'GET' && path === '/api/stats') await getStats(runner, req, res, url.searchParams);
    else if (method === 'GET' && path.startsWith('/api/runs/')) {
      const run = await runner.store.getRun(decodeURIComponent(path.slice('/api/runs/'.length)));
      if (!run) throw new HttpError(404, 'UNKNOWN_RUN', 'No run with this id');
      sendJson(res, 200, run);
    } else {
      const action = /^\/api\/jobs\/([^/]+)\/(trigger|pause|resume)$/.exec(path);
      if (!action) return false;
      if (method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', `Use POST for ${path}`);
      if (!canWrite) {
        throw new HttpError(
          403,
          'ADMIN_DISABLED',
          'POST is disabled: start the runner with POKEMON_CRON_ADMIN_TOKEN set',
        );
      }
      await postAction(runner, req, res, decodeURIComponent(action[1]!), action[2]!);
    }
    return true;
  } catch (error) {
    if (error instanceof UsageError) throw new HttpError(400, 'BAD_REQUEST', error.message);
    throw error;
  }
}
