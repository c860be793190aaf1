// runEventBusConformance: the one behaviour suite every EventBus adapter (in-process, Redis) must pass.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventBus } from './ports.js';
import { nextMessage } from './testing/nextMessage.js';

export interface EventBusConformanceOptions {
  name: string;
  /** A fresh bus; for networked adapters, two buses on the same transport may be made to test fan-out. */
  make: () => Promise<EventBus> | EventBus;
  /** Live subscription count, when the adapter can report it (used by the leak case). */
  listenerCount?: (bus: EventBus) => number;
}

export function runEventBusConformance(opts: EventBusConformanceOptions): void {
  describe(`EventBus conformance: ${opts.name}`, () => {
    const opened: EventBus[] = [];
    const make = async () => {
      const bus = await opts.make();
      opened.push(bus);
      return bus;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((b) => b.close()));
    });

    it('publish: delivers to every subscriber of the channel', async () => {
      const bus = await make();
      const got: string[][] = [[], [], []];
      const offs = got.map((list) => bus.subscribe('c1', (m) => list.push(m)));
      const done = nextMessage(bus, 'c1');
      await bus.publish('c1', 'hello');
      await done;
      expect(got).toEqual([['hello'], ['hello'], ['hello']]);
      for (const off of offs) off();
    });

    it('publish: messages arrive in publish order', async () => {
      const bus = await make();
      const got: string[] = [];
      const all = new Promise<void>((resolve) => {
        bus.subscribe('order', (m) => {
          got.push(m);
          if (got.length === 5) resolve();
        });
      });
      for (const m of ['1', '2', '3', '4', '5']) await bus.publish('order', m);
      await all;
      expect(got).toEqual(['1', '2', '3', '4', '5']);
    });

    it('unsubscribe: stops delivery to that listener only', async () => {
      const bus = await make();
      const stopped: string[] = [];
      const kept: string[] = [];
      const off = bus.subscribe('c2', (m) => stopped.push(m));
      bus.subscribe('c2', (m) => kept.push(m));
      off();
      off(); // idempotent
      const done = nextMessage(bus, 'c2');
      await bus.publish('c2', 'after');
      await done;
      expect(stopped).toEqual([]);
      expect(kept).toEqual(['after']);
    });

    it('channels are isolated', async () => {
      const bus = await make();
      const onA: string[] = [];
      bus.subscribe('a', (m) => onA.push(m));
      // Publish to b, then to a: when a's message arrives, b's (published first) would have arrived too.
      const doneA = nextMessage(bus, 'a');
      await bus.publish('b', 'for-b');
      await bus.publish('a', 'for-a');
      await doneA;
      expect(onA).toEqual(['for-a']);
    });

    it('the same listener subscribed twice is delivered twice and unsubscribed independently', async () => {
      const bus = await make();
      const got: string[] = [];
      const listener = (m: string) => got.push(m);
      const off1 = bus.subscribe('dup', listener);
      bus.subscribe('dup', listener);
      off1();
      const done = nextMessage(bus, 'dup');
      await bus.publish('dup', 'x');
      await done;
      expect(got).toEqual(['x']);
    });

    it('a throwing listener does not stop delivery to the others', async () => {
      const bus = await make();
      bus.subscribe('t', () => {
        throw new Error('listener bug');
      });
      const done = nextMessage(bus, 't');
      await bus.publish('t', 'still');
      await expect(done).resolves.toBe('still');
    });

    it('many subscribes and unsubscribes leave no listeners behind', async () => {
      const bus = await make();
      const before = opts.listenerCount?.(bus) ?? 0;
      const offs: (() => void)[] = [];
      for (let i = 0; i < 1000; i++) offs.push(bus.subscribe(`leak:${i % 50}`, () => {}));
      if (opts.listenerCount) expect(opts.listenerCount(bus)).toBe(before + 1000);
      for (const off of offs) off();
      if (opts.listenerCount) expect(opts.listenerCount(bus)).toBe(before);
      // Nothing is delivered to the removed listeners, and the bus still works.
      const done = nextMessage(bus, 'leak:7');
      await bus.publish('leak:7', 'ok');
      await expect(done).resolves.toBe('ok');
    });

    it('ping resolves', async () => {
      const bus = await make();
      await expect(bus.ping()).resolves.toBeUndefined();
    });
  });
}
