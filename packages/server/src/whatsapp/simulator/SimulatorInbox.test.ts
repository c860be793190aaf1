// Tests for the simulator inbox and sender: order, caps, isolation of returned copies.
import { describe, expect, it } from 'vitest';
import { MemorySimulatorInbox } from './SimulatorInbox.js';
import { SimulatorSender } from './SimulatorSender.js';

describe('MemorySimulatorInbox', () => {
  it('lists replies per recipient, oldest first, with their time', () => {
    let t = 1000;
    const inbox = new MemorySimulatorInbox({ now: () => t++ });
    inbox.add({ to: '16505551234', text: 'one' });
    inbox.add({ to: '5215512345678', text: 'other phone' });
    inbox.add({ to: '16505551234', text: 'two', buttons: [{ id: 'y', title: 'Yes' }] });
    expect(inbox.list('16505551234')).toEqual([
      { to: '16505551234', text: 'one', at: 1000 },
      { to: '16505551234', text: 'two', buttons: [{ id: 'y', title: 'Yes' }], at: 1002 },
    ]);
    expect(inbox.list('0000')).toEqual([]);
  });

  it('keeps at most perPhone replies, dropping the oldest', () => {
    const inbox = new MemorySimulatorInbox({ perPhone: 3 });
    for (let i = 0; i < 10; i++) inbox.add({ to: '1', text: `m${i}` });
    expect(inbox.list('1').map((r) => r.text)).toEqual(['m7', 'm8', 'm9']);
  });

  it('keeps at most `phones` recipients, dropping the least recently written', () => {
    const inbox = new MemorySimulatorInbox({ phones: 2 });
    inbox.add({ to: 'a', text: '1' });
    inbox.add({ to: 'b', text: '1' });
    inbox.add({ to: 'a', text: '2' }); // a is now the most recent
    inbox.add({ to: 'c', text: '1' });
    expect(inbox.list('b')).toEqual([]);
    expect(inbox.list('a')).toHaveLength(2);
    expect(inbox.list('c')).toHaveLength(1);
  });

  it('returns copies: callers cannot edit the inbox', () => {
    const inbox = new MemorySimulatorInbox();
    inbox.add({ to: '1', text: 'x' });
    const [first] = inbox.list('1');
    if (first) first.text = 'changed';
    expect(inbox.list('1')[0]?.text).toBe('x');
  });
});

describe('SimulatorSender', () => {
  it('records each message in the inbox and returns a wamid-like id', async () => {
    const inbox = new MemorySimulatorInbox();
    const sender = new SimulatorSender(inbox);
    const a = await sender.send({ to: '16505551234', text: 'signed in', replyTo: 'wamid.IN' });
    const b = await sender.send({ to: '16505551234', text: 'confirm?', buttons: [{ id: 'n', title: 'No' }] });
    expect(a.messageId).toMatch(/^wamid\.SIM[0-9A-F]{24}$/);
    expect(b.messageId).not.toBe(a.messageId);
    expect(inbox.list('16505551234').map((r) => [r.text, r.buttons, r.messageId])).toEqual([
      ['signed in', undefined, a.messageId],
      ['confirm?', [{ id: 'n', title: 'No' }], b.messageId],
    ]);
  });
});
