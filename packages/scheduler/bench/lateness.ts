/**
 * Child process of the lateness benchmark: fires "every second" for BENCH_SECONDS with one
 * implementation and prints the lateness (ms after the slot) of each firing as JSON.
 * Usage: tsx bench/lateness.ts <scheduler|settimeout|croner|node-cron> <seconds>
 */
import { Cron } from 'croner';
import nodeCron from 'node-cron';
import { createMemoryStore, createScheduler, defineJob } from '../src/index.js';

const [impl = 'scheduler', secondsArg = '30'] = process.argv.slice(2);
const seconds = Number(secondsArg);
const samples: number[] = [];
const SECOND = 1000;

function record(slotMs: number): void {
  samples.push(performance.timeOrigin + performance.now() - slotMs);
}
function nearestSlot(): number {
  return Math.round(Date.now() / SECOND) * SECOND;
}
function done(): void {
  process.stdout.write(`${JSON.stringify(samples)}\n`);
  process.exit(0);
}

async function main(): Promise<void> {
  switch (impl) {
    case 'settimeout': {
      // The floor: a bare setTimeout chain aimed at each next whole second.
      let next = Math.ceil((Date.now() + 1) / SECOND) * SECOND;
      const tick = (): void => {
        record(next);
        next += SECOND;
        if (samples.length >= seconds) {
          done();
          return;
        }
        setTimeout(tick, next - Date.now());
      };
      setTimeout(tick, next - Date.now());
      return;
    }
    case 'croner': {
      const job = new Cron('* * * * * *', () => {
        record(nearestSlot());
        if (samples.length >= seconds) {
          job.stop();
          done();
        }
      });
      return;
    }
    case 'node-cron': {
      const task = nodeCron.schedule('* * * * * *', () => {
        record(nearestSlot());
        if (samples.length >= seconds) {
          void task.stop();
          done();
        }
      });
      return;
    }
    case 'scheduler': {
      const scheduler = createScheduler({
        store: createMemoryStore(),
        jobs: [
          defineJob({
            name: 'every-second',
            schedule: '* * * * * *',
            run: (ctx) => {
              record(ctx.scheduledFor.getTime());
              if (samples.length >= seconds) setImmediate(done);
            },
          }),
        ],
      });
      await scheduler.start();
      return;
    }
    default:
      throw new Error(`unknown implementation ${impl}`);
  }
}

await main();
