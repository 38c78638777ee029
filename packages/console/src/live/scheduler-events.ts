/** This instance's runs, from the scheduler's events: the quickest source, before any store write is read back. */
import type { Scheduler } from '@pokemon/scheduler';
import type { EventHub } from './event-hub.js';

/** Publishes the scheduler's run events on `hub`; returns the function that stops it. */
export function publishSchedulerEvents(scheduler: Scheduler, hub: EventHub): () => void {
  const run = (job: string, runId: string, status: string): void =>
    hub.publish({ type: 'run', data: { job, runId, status } });
  const offs = [
    scheduler.on('run:queued', (e) => run(e.job, e.runId, 'running')),
    scheduler.on('run:finished', (e) => run(e.run.job, e.run.id, e.run.status)),
    scheduler.on('run:abandoned', (e) => run(e.run.job, e.run.id, 'abandoned')),
    scheduler.on('run:progress-reported', (e) =>
      hub.publish({ type: 'progress', data: { job: e.job, runId: e.runId, progress: e.progress } }),
    ),
  ];
  return () => {
    for (const off of offs) off();
  };
}
