/**
 * The API's shapes as Zod schemas: each validates requests and, through
 * `@hono/zod-openapi`, becomes part of `/api/openapi.json`. Times are ISO 8601 strings.
 */
import { z } from '@hono/zod-openapi';
import { AUDIT_ACTIONS, type AuditAction, RUN_STATUSES, RUN_TRIGGERS } from '@pokemon/scheduler/store';

const instant = z.string().openapi({ format: 'date-time', example: '2026-12-04T03:00:00.000Z' });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'UNKNOWN_JOB' }),
      message: z.string(),
    }),
  })
  .openapi('Error');

export const SerializedErrorSchema = z
  .object({
    name: z.string(),
    code: z.string().optional(),
    message: z.string(),
    stack: z.string().optional(),
    data: z.unknown().optional(),
  })
  .openapi('RunError');

export const AttemptSchema = z
  .object({
    attempt: z.number().int(),
    startedAt: instant,
    finishedAt: instant,
    status: z.enum(['succeeded', 'failed', 'timed_out', 'cancelled']),
    durationMs: z.number(),
    error: SerializedErrorSchema.optional(),
  })
  .openapi('Attempt');

export const RunSummarySchema = z
  .object({
    id: z.string(),
    job: z.string(),
    scheduledFor: instant,
    trigger: z.enum(RUN_TRIGGERS),
    status: z.enum(RUN_STATUSES),
    reason: z.string().optional(),
    attemptCount: z.number().int(),
    startedAt: instant.optional(),
    finishedAt: instant.optional(),
    durationMs: z.number().optional(),
    latenessMs: z.number().optional(),
    instanceId: z.string().optional(),
    error: SerializedErrorSchema.optional(),
  })
  .openapi('RunSummary');

export const RunDetailSchema = RunSummarySchema.extend({
  claimKey: z.string(),
  attempts: z.array(AttemptSchema),
  result: z.unknown().optional(),
  progress: z.unknown().optional(),
  heartbeatAt: instant.optional(),
  leaseExpiresAt: instant.optional(),
  createdAt: instant,
}).openapi('RunDetail');

export const CircuitSchema = z.object({
  state: z.enum(['closed', 'open', 'half-open']),
  openedAt: instant.optional(),
  consecutiveFailures: z.number().int(),
});

export const JobSummarySchema = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    schedule: z.string().openapi({ description: 'The effective cron expression (an override when set).' }),
    scheduleInWords: z.string(),
    codeSchedule: z.string().openapi({ description: 'The expression in the code.' }),
    overridden: z.boolean(),
    timezone: z.string(),
    dependsOn: z.array(z.string()),
    state: z.enum(['active', 'paused', 'circuit-open']),
    pauseNote: z.string().optional(),
    circuit: CircuitSchema,
    nextRuns: z.array(instant),
    lastRun: RunSummarySchema.optional(),
    successRate7d: z.number().nullable(),
    consecutiveFailures: z.number().int(),
    running: z.array(RunSummarySchema),
  })
  .openapi('JobSummary');

const Percentiles = z.object({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() });

export const JobDetailSchema = JobSummarySchema.extend({
  stats7d: z.object({
    total: z.number().int(),
    byStatus: z.record(z.string(), z.number()),
    successRate: z.number().nullable(),
    durationMs: Percentiles,
    latenessMs: Percentiles,
    missed: z.number().int(),
    skipped: z.number().int(),
    lastSuccessAt: instant.optional(),
  }),
  successByDay: z.array(
    z.object({
      day: z.string().openapi({ example: '2026-12-04' }),
      succeeded: z.number().int(),
      failed: z.number().int(),
      successRate: z.number().nullable(),
      p95DurationMs: z.number().nullable(),
    }),
  ),
  upstream: z.array(z.string()),
  downstream: z.array(z.string()),
  upcoming: z.array(instant),
}).openapi('JobDetail');

export const JobNameParam = z.object({
  name: z
    .string()
    .min(1)
    .openapi({ param: { name: 'name', in: 'path' }, example: 'sync-missing-sets' }),
});
export const RunIdParam = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** Comma-separated lists in the query string. */
function listOf<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((text) => text.split(',').filter((item) => item !== ''))
    .pipe(z.array(z.enum(values)).min(1));
}

const instantQuery = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

export const RunsQuerySchema = z
  .object({
    job: z.string().min(1).optional(),
    status: listOf(RUN_STATUSES).optional().openapi({ example: 'failed,timed_out' }),
    trigger: listOf(RUN_TRIGGERS).optional(),
    from: instantQuery.optional().openapi({ description: 'Runs scheduled at or after (ISO 8601).' }),
    to: instantQuery.optional().openapi({ description: 'Runs scheduled before (ISO 8601).' }),
    q: z.string().min(1).max(200).optional().openapi({ description: 'Text in the run’s error (case-insensitive).' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(500).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from.getTime() < q.to.getTime(), {
    message: '`from` must be before `to`',
    path: ['from'],
  });

export const RunPageSchema = z
  .object({ runs: z.array(RunSummarySchema), nextCursor: z.string().optional() })
  .openapi('RunPage');

export const InstanceSchema = z
  .object({
    id: z.string(),
    self: z.boolean(),
    alive: z.boolean().openapi({ description: 'Running: not stopped, and seen recently.' }),
    startedAt: instant.optional(),
    lastSeenAt: instant.optional(),
    stoppedAt: instant.optional().openapi({ description: 'When it stopped cleanly.' }),
    running: z.number().int(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('Instance');

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: instant,
    actor: z.string(),
    action: z.string(),
    job: z.string().optional(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    note: z.string().optional(),
    instanceId: z.string().optional(),
  })
  .openapi('AuditEntry');

export const AuditQuerySchema = z.object({
  job: z.string().min(1).optional(),
  actor: z.string().min(1).optional(),
  action: z.enum(AUDIT_ACTIONS as [AuditAction, ...AuditAction[]]).optional(),
  since: instantQuery.optional(),
  until: instantQuery.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(500).optional(),
});

export const SessionSchema = z
  .object({ name: z.string(), role: z.enum(['viewer', 'operator', 'admin']), expiresAt: instant.optional() })
  .openapi('Session');

export const SignInBody = z.object({ token: z.string().min(1).max(512) });
export const TriggerBody = z.object({ withDependencies: z.boolean().default(false) });
export const PauseBody = z.object({ note: z.string().max(500).optional() });
export const ScheduleBody = z.object({ cron: z.string().trim().min(1).max(200) });
export const BackfillBody = z
  .object({ from: instantQuery, to: instantQuery })
  .refine((body) => body.from.getTime() <= body.to.getTime(), { message: '`from` must not be after `to`' });

export const ActionResultSchema = z
  .object({
    job: z.string(),
    runId: z.string().optional(),
    runIds: z.array(z.string()).optional(),
    state: JobSummarySchema.shape.state.optional(),
  })
  .openapi('ActionResult');

export const SLOT_CLASSES = ['on-time', 'late', 'caught-up', 'backfilled', 'skipped', 'missed', 'unknown'] as const;
export const SLOT_REASONS = [
  'overlap',
  'dependency',
  'circuit-open',
  'paused',
  'catch-up-policy',
  'window',
  'cap',
  'no-instance',
  'no-record',
] as const;

export const SlotsQuerySchema = z
  .object({
    job: z.string().min(1).optional().openapi({ description: 'Only this job (default: every job).' }),
    from: instantQuery.openapi({ description: 'First instant of the range, inclusive (ISO 8601). Required.' }),
    to: instantQuery.openapi({
      description: 'End of the range, exclusive (ISO 8601), at most 31 days after `from`; capped at now. Required.',
    }),
    toleranceMs: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60 * 60 * 1000)
      .optional()
      .openapi({ description: 'How late a run may start and still be on time, ms (default 1000).' }),
  })
  .refine((q) => !(q.from instanceof Date && q.to instanceof Date) || q.from.getTime() < q.to.getTime(), {
    message: '`from` must be before `to`',
    path: ['from'],
  });

export const AuditedSlotSchema = z
  .object({
    slot: instant,
    class: z.enum(SLOT_CLASSES),
    reason: z.enum(SLOT_REASONS).optional(),
    detail: z.string().optional().openapi({ description: 'The reason recorded with the run, as written.' }),
    latenessMs: z.number().optional(),
    runId: z.string().optional(),
    status: z.enum(RUN_STATUSES).optional(),
  })
  .openapi('AuditedSlot');

export const SlotAuditSchema = z
  .object({
    from: instant,
    to: instant.openapi({ description: 'As asked, capped at now.' }),
    toleranceMs: z.number(),
    jobs: z.array(
      z.object({
        job: z.string(),
        counts: z.record(z.enum(SLOT_CLASSES), z.number().int()),
        slots: z.array(AuditedSlotSchema),
      }),
    ),
  })
  .openapi('SlotAudit');
