import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine';
import { EVENT_CATEGORIES, eventCategory, eventModule } from './event-category';
import { CONTROL, summary, synJourney } from './event-fixture';

describe('event categories', () => {
  it('sorts kinds into what a person looks for', () => {
    expect(eventCategory('link.transmit')).toBe('packets');
    expect(eventCategory('tcp.retransmit')).toBe('tcp');
    expect(eventCategory('firewall.verdict')).toBe('firewall');
    expect(eventCategory('checkpoint.write')).toBe('checkpoint');
    expect(eventCategory('supervisor')).toBe('recovery');
    expect(eventCategory('fault')).toBe('recovery');
    expect(eventCategory('app.message')).toBe('apps');
    expect(new Set(EVENT_CATEGORIES.map((c) => c.id)).size).toBe(EVENT_CATEGORIES.length);
  });

  it('names the module or area an event concerns', () => {
    const write: TraceEvent = {
      kind: 'checkpoint.write',
      atUs: 1,
      acts: [700, 702, 704],
      connection: CONTROL,
      area: 'ftp',
      version: 1,
      bytes: 52,
      mode: 'sync',
    };
    expect(eventModule(write)).toBe('ftp');
    const [transmit, created] = synJourney();
    expect(eventModule(transmit)).toBe('tcp');
    expect(eventModule(created)).toBe('base');
    expect(eventModule({ ...transmit, packet: summary({ proto: 'udp' }) } as TraceEvent)).toBe(
      'udp',
    );
    expect(
      eventModule({ kind: 'flow.end', atUs: 1, flow: 'f', completed: true, aborted: false }),
    ).toBeNull();
  });
});
