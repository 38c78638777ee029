/**
 * The exact public surface of every entry point, values and types. A name added to or removed
 * from an entry fails here, so the surface changes only on purpose (update the lists, the
 * README's entry point table and the changeset together).
 */
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../../src');

/** Runtime exports (`Object.keys(module)`) and type-only exports of each entry, sorted. */
const SURFACE: Record<string, { values: string[]; types: string[] }> = {
  index: {
    values: [
      'DependencyCycleError',
      'InvalidJobError',
      'InvalidOptionError',
      'InvalidScheduleError',
      'JobCancelledError',
      'JobCrashedError',
      'JobTimeoutError',
      'NonRetryableError',
      'NotifierError',
      'SCHEDULER_EVENTS',
      'SchedulerError',
      'StoreError',
      'TimeoutError',
      'UnknownJobError',
      'createMemoryStore',
      'createScheduler',
      'defineJob',
      'fanOut',
      'isRetryable',
      'logNotifier',
      'nonRetryable',
      'parseSchedule',
      'resolveDependencies',
      'retry',
      'systemClock',
      'withCooldown',
      'withMinSeverity',
      'withTimeout',
    ],
    types: [
      'Alert',
      'AlertKind',
      'AlertOptions',
      'AlertSeverity',
      'AttemptObservation',
      'AuditAction',
      'AuditActor',
      'AuditEntry',
      'AuditPage',
      'AuditQuery',
      'AuditedSlot',
      'BackfillOptions',
      'CancelReason',
      'CatchUpOptions',
      'CatchUpPolicy',
      'CircuitBreakerOptions',
      'CircuitState',
      'CircuitTransition',
      'Clock',
      'CooldownOptions',
      'DependencyNode',
      'DependencyOptions',
      'DstOptions',
      'ExternalJobChange',
      'ExternalJobSource',
      'ExternalJobsHost',
      'ExternalJobsPlan',
      'FailureRateOptions',
      'InstancesView',
      'IsolatedJobHandler',
      'IsolatedRunRef',
      'IsolationMode',
      'IsolationOptions',
      'IsolationPort',
      'JobContext',
      'JobDefinition',
      'JobDependencies',
      'JobHandler',
      'JobIsolation',
      'JobOptions',
      'JobPlan',
      'JobSlotAudit',
      'JobStateName',
      'JobStatus',
      'LogFields',
      'Logger',
      'MemoryStoreOptions',
      'NextRunsOptions',
      'Notifier',
      'ObservedAttempt',
      'ObservedJob',
      'ObservedRun',
      'OperatorActionOptions',
      'OperatorOptions',
      'OverlapPolicy',
      'PauseOptions',
      'PlanOptions',
      'PlannedJob',
      'RetryCallOptions',
      'RetryInfo',
      'RetryOptions',
      'RetryPolicy',
      'RunAttempt',
      'RunEventBase',
      'RunInProgress',
      'RunObservation',
      'RunObserver',
      'RunRecord',
      'RunStatus',
      'RunTrigger',
      'Schedule',
      'ScheduleOptions',
      'Scheduler',
      'SchedulerErrorCode',
      'SchedulerEventMap',
      'SchedulerInstance',
      'SchedulerListener',
      'SchedulerOptions',
      'SchedulerPlan',
      'SerializedError',
      'SlotAudit',
      'SlotAuditOptions',
      'SlotClass',
      'SlotReason',
      'Store',
      'TimerHandle',
      'TriggerOptions',
      'WithTimeoutOptions',
      'WorkerExit',
    ],
  },
  store: {
    values: [
      'AUDIT_ACTIONS',
      'RUN_STATUSES',
      'RUN_TRIGGERS',
      'StoreError',
      'assembleJobStats',
      'auditEntryOf',
      'auditQueryFilter',
      'auditRow',
      'decodeAuditCursor',
      'decodeCursor',
      'encodeAuditCursor',
      'encodeCursor',
      'pageLimit',
      'percentile',
      'planJobs',
      'runsQueryFilter',
    ],
    types: [
      'AuditAction',
      'AuditActor',
      'AuditCursor',
      'AuditEntry',
      'AuditEntryInput',
      'AuditPage',
      'AuditPruneOptions',
      'AuditQuery',
      'AuditQueryFilter',
      'AuditQueryShape',
      'AuditRow',
      'CircuitState',
      'ClaimHolder',
      'ClaimRequest',
      'ClaimResult',
      'FinalRunStatus',
      'FinishRequest',
      'ImportedRun',
      'JobPlan',
      'JobReconciliation',
      'JobSpec',
      'JobState',
      'JobStatePatch',
      'JobStats',
      'JobStatsParts',
      'ListJobsOptions',
      'PruneOptions',
      'ReapResult',
      'RunAttempt',
      'RunCursor',
      'RunPage',
      'RunQuery',
      'RunRecord',
      'RunStatus',
      'RunTrigger',
      'RunsQueryFilter',
      'RunsQueryShape',
      'SerializedError',
      'Store',
      'StoreChange',
      'StoreChangeListener',
      'StoreWatch',
    ],
  },
  primitives: {
    values: [
      'DependencyCycleError',
      'InvalidJobError',
      'InvalidOptionError',
      'JobTimeoutError',
      'NonRetryableError',
      'SchedulerError',
      'TimeoutError',
      'UnknownJobError',
      'isRetryable',
      'nonRetryable',
      'resolveDependencies',
      'retry',
      'systemClock',
      'withTimeout',
    ],
    types: [
      'Clock',
      'DependencyNode',
      'RetryCallOptions',
      'RetryInfo',
      'RetryOptions',
      'SchedulerErrorCode',
      'TimerHandle',
      'WithTimeoutOptions',
    ],
  },
  sqlite: {
    values: ['createSqliteStore'],
    types: ['BetterSqlite3Database', 'BetterSqlite3Statement', 'SqliteStoreConnection', 'SqliteStoreOptions'],
  },
  postgres: {
    values: ['createPostgresStore'],
    types: [
      'PgClientLike',
      'PgPoolLike',
      'PgQueryConfig',
      'PgQueryResultLike',
      'PostgresStoreConnection',
      'PostgresStoreOptions',
    ],
  },
  'pg-cron': {
    values: [
      'MAX_PG_CRON_NAME_LENGTH',
      'NOT_RUN_REASON',
      'PG_CRON_INSTANCE',
      'PgCronJobs',
      'definePgCronJob',
      'pgCronJobs',
    ],
    types: ['PgCronJobDefinition', 'PgCronJobOptions', 'PgCronJobsOptions'],
  },
  slack: {
    values: ['buildSlackMessage', 'slackNotifier'],
    types: ['SlackBlock', 'SlackFetch', 'SlackMessage', 'SlackNotifierOptions'],
  },
  otel: {
    values: ['ATTR', 'openTelemetry'],
    types: ['OpenTelemetryOptions'],
  },
  monitors: {
    values: ['healthchecksMonitor', 'sentryCronsMonitor'],
    types: [
      'HealthchecksMonitorOptions',
      'MonitorDeliveryOptions',
      'MonitorFetch',
      'OutsideMonitor',
      'SentryCronsMonitorOptions',
    ],
  },
  testing: {
    values: ['DAY', 'HOUR', 'MINUTE', 'SECOND', 'createFakeClock'],
    types: ['FakeClock', 'FakeClockOptions'],
  },
  'store-contract': {
    values: ['describeStoreContract'],
    types: ['StoreContractClock', 'StoreContractFixture'],
  },
};

const entries = Object.keys(SURFACE);

/** The type-only exports of each entry, read by the TypeScript checker from the entry's source. */
function typeExports(): Map<string, string[]> {
  const files = entries.map((entry) => path.join(src, `${entry}.ts`));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const result = new Map<string, string[]>();
  for (const [index, file] of files.entries()) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`TypeScript could not read ${file}`);
    const types = checker
      .getExportsOfModule(module)
      .filter((symbol) => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return (target.flags & ts.SymbolFlags.Value) === 0;
      })
      .map((symbol) => symbol.name);
    result.set(entries[index] as string, types.sort());
  }
  return result;
}

describe('entry points export exactly their curated surface', () => {
  for (const entry of entries) {
    it(`@pokemon/scheduler${entry === 'index' ? '' : `/${entry}`}: runtime exports`, async () => {
      const module = (await import(path.join(src, `${entry}.ts`))) as Record<string, unknown>;
      expect(Object.keys(module).sort()).toEqual(SURFACE[entry]?.values);
    });
  }

  it('every entry: type-only exports', { timeout: 120_000 }, () => {
    const actual = typeExports();
    for (const entry of entries)
      expect({ entry, types: actual.get(entry) }).toEqual({ entry, types: SURFACE[entry]?.types });
  });

  it('the root re-exports the standalone primitives of /primitives (same functions)', async () => {
    const root = await import('../../src/index.js');
    const primitives = await import('../../src/primitives.js');
    expect(root.retry).toBe(primitives.retry);
    expect(root.withTimeout).toBe(primitives.withTimeout);
    expect(root.resolveDependencies).toBe(primitives.resolveDependencies);
    expect(root.NonRetryableError).toBe(primitives.NonRetryableError);
  });

  it('no internal helper reaches the root', async () => {
    const root = (await import('../../src/index.js')) as Record<string, unknown>;
    for (const internal of [
      'DEFAULT_ALERT_OPTIONS',
      'beginProbe',
      'circuitAllows',
      'nextCircuitState',
      'createAlertMonitor',
      'isAtLeast',
      'retryDelayMs',
      'upstreamChain',
      'parseDuration',
      'sleep',
      'serializeError',
      'toError',
      'childLogger',
      'silentLogger',
    ]) {
      expect(root[internal], internal).toBeUndefined();
    }
  });
});
