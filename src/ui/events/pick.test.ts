import { describe, expect, it } from 'vitest';
import { ArraySource, CONTROL, synJourney } from './event-fixture';
import { EventIndex } from './event-index';
import { pickEvent } from './pick';

describe('pickEvent', () => {
  it("selects a packet event's connection and packet, with its whole journey as known now", () => {
    const index = new EventIndex(new ArraySource(synJourney()));
    const pick = pickEvent(index, 0);
    expect(pick).toMatchObject({ seq: 0, connection: CONTROL, packetId: 1 });
    expect(pick?.journey.map((n) => n.seq)).toEqual([0, 2, 3, 4]);
  });

  it('selects no packet for other events, and nothing for events no longer held', () => {
    const source = new ArraySource(synJourney());
    const index = new EventIndex(source);
    expect(pickEvent(index, 1)).toMatchObject({ connection: CONTROL, packetId: null, journey: [] });
    expect(pickEvent(index, 99)).toBeNull();
  });
});
