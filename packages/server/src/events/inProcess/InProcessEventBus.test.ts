// Runs the EventBus conformance suite against the in-process adapter, plus its same-tick delivery promise.
import { describe, expect, it } from 'vitest';
import { runEventBusConformance } from '../conformance.js';
import type { EventBus } from '../ports.js';
import { InProcessEventBus } from './InProcessEventBus.js';

runEventBusConformance({
  name: 'in-process',
  make: () => new InProcessEventBus(),
  listenerCount: (bus: EventBus) => (bus as InProcessEventBus).listenerCount(),
});

describe('InProcessEventBus', () => {
  it('delivers before publish() resolves (a long-poll wakes within the same tick)', async () => {
    const bus = new InProcessEventBus();
    let got: string | undefined;
    bus.subscribe('now', (m) => {
      got = m;
    });
    const p = bus.publish('now', 'v');
    expect(got).toBe('v');
    await p;
  });

  it('close drops every subscription and later publishes are no-ops', async () => {
    const bus = new InProcessEventBus();
    const got: string[] = [];
    bus.subscribe('x', (m) => got.push(m));
    await bus.close();
    await bus.publish('x', 'late');
    expect(got).toEqual([]);
    expect(bus.listenerCount()).toBe(0);
  });
});
