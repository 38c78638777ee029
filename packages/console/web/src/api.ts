/** Calls to the console's API, relative to the mount path (the page's <base>). */

export type Role = 'viewer' | 'operator' | 'admin';
export interface Session {
  name: string;
  role: Role;
  expiresAt?: string;
}
export interface RunError {
  name: string;
  code?: string;
  message: string;
  stack?: string;
  data?: unknown;
}
export interface RunSummary {
  id: string;
  job: string;
  scheduledFor: string;
  trigger: string;
  status: string;
  reason?: string;
  attemptCount: number;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  latenessMs?: number;
  instanceId?: string;
  error?: RunError;
}
export interface Attempt {
  attempt: number;
  startedAt: string;
  finishedAt: string;
  status: string;
  durationMs: number;
  error?: RunError;
}
export interface RunDetail extends RunSummary {
  claimKey: string;
  createdAt: string;
  attempts: Attempt[];
  result?: unknown;
  progress?: unknown;
  heartbeatAt?: string;
  leaseExpiresAt?: string;
}
export interface JobSummary {
  name: string;
  description?: string;
  schedule: string;
  scheduleInWords: string;
  codeSchedule: string;
  overridden: boolean;
  timezone: string;
  dependsOn: string[];
  state: 'active' | 'paused' | 'circuit-open';
  pauseNote?: string;
  circuit: { state: string; openedAt?: string; consecutiveFailures: number };
  nextRuns: string[];
  lastRun?: RunSummary;
  successRate7d: number | null;
  consecutiveFailures: number;
  running: RunSummary[];
}
type Percentiles = { p50: number | null; p95: number | null; p99: number | null };
export interface JobDetail extends JobSummary {
  stats7d: {
    total: number;
    byStatus: Record<string, number>;
    successRate: number | null;
    durationMs: Percentiles;
    latenessMs: Percentiles;
    missed: number;
    skipped: number;
    lastSuccessAt?: string;
  };
  successByDay: {
    day: string;
    succeeded: number;
    failed: number;
    successRate: number | null;
    p95DurationMs: number | null;
  }[];
  upstream: string[];
  downstream: string[];
  upcoming: string[];
}
export interface Instance {
  id: string;
  self: boolean;
  lastSeenAt?: string;
  running: number;
  details?: Record<string, unknown>;
}
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  job?: string;
  before?: unknown;
  after?: unknown;
  note?: string;
  instanceId?: string;
}

/** An API error with its stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** An absolute URL for a path relative to the console's root (`api/jobs`). */
export function consoleUrl(path: string): string {
  return new URL(path, document.baseURI).toString();
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const response = await fetch(consoleUrl(path), init);
  const json = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!response.ok) {
    throw new ApiError(response.status, json.error?.code ?? 'HTTP', json.error?.message ?? response.statusText);
  }
  return json as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
