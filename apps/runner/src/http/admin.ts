/**
 * The JSON admin API: jobs, runs (filtered, paginated), one run, stats, and
 * the job actions of `job-actions.ts` (bearer token required). Messages name
 * query parameters, never CLI flags.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FilterName, type HistoryOptions, historyQuery } from '../commands/history.js';
import { listJobs } from '../commands/list.js';
import { jobStatuses } from '../commands/status.js';
import { UsageError } from '../errors.js';
import { parseInstant } from '../parse.js';
import type { Runner } from '../runner.js';
import { JOB_ACTIONS, jobAction } from './job-actions.js';
import { HttpError, sendJson } from './respond.js';

type Handler = (runner: Runner, req: IncomingMessage, res: ServerResponse, params: URLSearchParams) => Promise<void>;

/** How messages name a filter over HTTP. */
const queryParameter: FilterName = (key) => `query parameter "${key}"`;

function optionsFrom(params: URLSearchParams): HistoryOptions {
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
  const [listing, statuses] = await Promise.all([listJobs(runner, new Date()), jobStatuses(runner)]);
  const statusOf = new Map(statuses.map((status) => [status.name, status]));
  sendJson(res, 200, { jobs: listing.map((job) => ({ ...job, status: statusOf.get(job.name) })) });
};

const getRuns: Handler = async (runner, _req, res, params) => {
  const query = await historyQuery(runner, optionsFrom(params), new Date(), queryParameter);
  const page = await runner.store.listRuns(query);
  sendJson(res, 200, page);
};

const getStats: Handler = async (runner, _req, res, params) => {
  const now = new Date();
  const from = parseInstant('query parameter "window"', params.get('window') ?? '24h', now);
  const stats = await Promise.all(runner.jobs.map((job) => runner.store.jobStats(job.name, { from, to: now })));
  sendJson(res, 200, { from: from.toISOString(), to: now.toISOString(), jobs: stats });
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
      const action = /^\/api\/jobs\/([^/]+)\/([a-z]+)$/.exec(path);
      const methods = action ? JOB_ACTIONS[action[2]!] : undefined;
      if (!action || !methods) return false;
      if (!methods.includes(method)) {
        throw new HttpError(405, 'METHOD_NOT_ALLOWED', `Use ${methods.join(' or ')} for ${path}`);
      }
      if (!canWrite) {
        throw new HttpError(
          403,
          'ADMIN_DISABLED',
          `${method} is disabled: start the runner with POKEMON_CRON_ADMIN_TOKEN set`,
        );
      }
      const name = decodeURIComponent(action[1]!);
      knownJob(runner, name);
      await jobAction(runner, req, res, name, action[2]!);
    }
    return true;
  } catch (error) {
    if (error instanceof UsageError) throw new HttpError(400, 'BAD_REQUEST', error.message);
    throw error;
  }
}
