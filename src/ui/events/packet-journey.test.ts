import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine';
import { summary, synJourney } from './event-fixture';
import type { Numbered } from './event-index';
import { findVerdict, journeySteps, mergeJourney, verdictRule } from './packet-journey';

const numbered = (events: TraceEvent[]): Numbered[] => events.map((event, seq) => ({ seq, event }));
const packetOnly = numbered(synJourney()).filter((n) => 'packet' in n.event);

describe('packet journey', () => {
  it('tells each step of the way', () => {
    const steps = journeySteps(packetOnly, 99);
    expect(steps.map((s) => s.text)).toEqual([
      'sent on client → router eth0 (TTL 64), arrives at 0.001004 s',
      'firewall: accept (rule 4), ct new',
      'forwarded eth0 → eth3 (TTL now 63)',
      'delivered to server',
    ]);
    expect(steps.map((s) => s.time)).toEqual(['0.000000', '0.001004', '0.001038', '0.002039']);
    expect(steps.some((s) => s.alert || s.ahead)).toBe(false);
  });

  it('marks drops, losses, and steps not replayed yet', () => {
    const drop: TraceEvent = {
      kind: 'packet.drop',
      atUs: 5,
      where: 'router eth0 in',
      reason: 'firewall-down',
      packet: summary(),
    };
    const [step] = journeySteps([{ seq: 7, event: drop }], 7);
    expect(step).toMatchObject({
      text: 'dropped at router eth0 in (firewall-down)',
      alert: true,
      ahead: true,
    });
  });

  it('merges what is recorded with what was remembered, once each, in order', () => {
    const merged = mergeJourney(packetOnly.slice(0, 2), packetOnly.slice(1));
    expect(merged.map((n) => n.seq)).toEqual([0, 2, 3, 4]);
  });

  it('finds the verdict and its rule', () => {
    expect(findVerdict(packetOnly)?.reason).toBe('rule 4');
    expect(findVerdict([])).toBeNull();
    expect(verdictRule('rule 12')).toBe('12');
    expect(verdictRule('policy (forward)')).toBeNull();
  });
});
