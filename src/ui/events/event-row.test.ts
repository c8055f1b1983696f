import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine';
import { CONTROL, summary, synJourney } from './event-fixture';
import { eventRow } from './event-row';

describe('eventRow', () => {
  it('turns an event into the columns of the log', () => {
    const [transmit] = synJourney();
    expect(eventRow(transmit, 0, CONTROL)).toEqual({
      seq: 0,
      atUs: 0,
      time: '0.000000',
      where: 'client → router eth0',
      what: 'SYN 192.0.2.10:50047 → 198.51.100.20:21',
      connection: CONTROL,
      connectionShort: '#1 tcp 50047 → 21',
      category: 'packets',
      packetId: 1,
      alert: false,
    });
  });

  it('marks what went wrong', () => {
    const drop: TraceEvent = {
      kind: 'packet.drop',
      atUs: 1,
      where: 'w',
      reason: 'firewall-down',
      packet: summary(),
    };
    expect(eventRow(drop, 0, null)).toMatchObject({
      alert: true,
      connectionShort: '',
      connection: null,
    });
    const flowEnd: TraceEvent = {
      kind: 'flow.end',
      atUs: 1,
      flow: 'f',
      completed: true,
      aborted: false,
    };
    expect(eventRow(flowEnd, 0, null)).toMatchObject({ alert: false, packetId: null });
  });
});
