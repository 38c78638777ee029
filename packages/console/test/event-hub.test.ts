// The live stream's ring: a reconnecting client gets exactly what it missed, or a resync when
// that is gone; a run transition reported by several sources is sent once.
import { expect, it } from 'vitest';
import { EventHub, type NumberedEvent } from '../src/live/event-hub.js';

const run = (runId: string, status: string) => ({ type: 'run' as const, data: { job: 'j', runId, status } });

function collect(hub: EventHub, lastEventId?: string): NumberedEvent[] {
  const events: NumberedEvent[] = [];
  hub.subscribe((event) => events.push(event), lastEventId);
  return events;
}

it('replays the events after Last-Event-ID, in order', () => {
  const hub = new EventHub();
  const live = collect(hub);
  hub.publish(run('a', 'running'));
  hub.publish(run('a', 'succeeded'));
  hub.publish(run('b', 'running'));
  const resumed = collect(hub, live[0]?.id);
  expect(resumed.map((e) => e.data)).toEqual([run('a', 'succeeded').data, run('b', 'running').data]);
  expect(collect(hub, live[2]?.id)).toEqual([]);
});

it('drops a run transition already sent, keeps the next one', () => {
  const hub = new EventHub();
  const live = collect(hub);
  hub.publish(run('a', 'running'));
  hub.publish(run('a', 'running'));
  hub.publish(run('a', 'failed'));
  expect(live.map((e) => e.type === 'run' && e.data.status)).toEqual(['running', 'failed']);
});

it.each([
  ['an id older than the ring', (first: string) => first],
  ['an id of another process', () => 'elsewhere.3'],
  ['an id from the future', (first: string) => `${first.split('.')[0]}.999999`],
  ['garbage', () => 'garbage'],
])('answers %s with a resync', (_, idOf) => {
  const hub = new EventHub();
  const live = collect(hub);
  for (let i = 0; i < 2100; i++) hub.publish(run(`r${i}`, 'running'));
  const resumed = collect(hub, idOf(live[0]?.id ?? ''));
  expect(resumed.map((e) => e.type)).toEqual(['resync']);
});
