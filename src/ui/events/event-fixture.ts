import type { PacketSummary, TraceEvent } from '../../engine';
import type { EventSource } from './event-index';

/** Test data: a TCP packet from the FTP client to the server, with any fields changed. */
export function summary(overrides: Partial<PacketSummary> = {}): PacketSummary {
  return {
    id: 1,
    proto: 'tcp',
    src: '192.0.2.10',
    dst: '198.51.100.20',
    sport: 50047,
    dport: 21,
    flags: 'S',
    seq: 100,
    ack: 0,
    len: 0,
    bytes: 48,
    ttl: 64,
    ipId: 0,
    window: 64240,
    icmpType: null,
    icmpCode: null,
    text: null,
    ...overrides,
  };
}

export const CONTROL = 'tcp 192.0.2.10:50047 → 198.51.100.20:21 #1';

/** The FTP control connection's first packet, from the client to the server's delivery. */
export function synJourney(packet = summary()): TraceEvent[] {
  return [
    {
      kind: 'link.transmit',
      atUs: 0,
      link: 'client → router eth0',
      txEndUs: 4,
      arriveUs: 1004,
      lost: false,
      duplicated: false,
      packet,
    },
    {
      kind: 'firewall.connection',
      atUs: 1004,
      event: 'new',
      connection: CONTROL,
      detail: 'rule 4',
    },
    {
      kind: 'firewall.verdict',
      atUs: 1004,
      verdict: 'accept',
      reason: 'rule 4',
      ctState: 'new',
      connection: null,
      packet,
    },
    {
      kind: 'router.forward',
      atUs: 1038,
      router: 'router',
      inPort: 'eth0',
      outPort: 'eth3',
      packet: { ...packet, ttl: packet.ttl - 1 },
    },
    {
      kind: 'packet.deliver',
      atUs: 2039,
      host: 'server',
      packet: { ...packet, ttl: packet.ttl - 1 },
    },
  ];
}

/** A recorder stand-in: events in an array, the oldest `dropped` of them no longer held. */
export class ArraySource implements EventSource {
  readonly events: TraceEvent[] = [];
  dropped = 0;

  constructor(events: readonly TraceEvent[] = []) {
    this.events.push(...events);
  }

  get firstSeq(): number {
    return this.dropped;
  }

  get total(): number {
    return this.events.length;
  }

  get(seq: number): TraceEvent | undefined {
    return seq >= this.dropped ? this.events[seq] : undefined;
  }
}
