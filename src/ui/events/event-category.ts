import type { TraceEvent, TraceEventKind } from '../../engine';

/** The event log's kind filters: what a person looks for, not the engine's kinds one by one. */
export type EventCategory = 'packets' | 'tcp' | 'firewall' | 'checkpoint' | 'recovery' | 'apps';

export const EVENT_CATEGORIES: readonly { readonly id: EventCategory; readonly label: string }[] = [
  { id: 'packets', label: 'Packets' },
  { id: 'tcp', label: 'TCP' },
  { id: 'firewall', label: 'Firewall' },
  { id: 'checkpoint', label: 'Checkpoint' },
  { id: 'recovery', label: 'Crash & recovery' },
  { id: 'apps', label: 'Applications' },
];

const CATEGORY_OF: Readonly<Record<TraceEventKind, EventCategory>> = {
  'link.transmit': 'packets',
  'packet.drop': 'packets',
  'packet.deliver': 'packets',
  'replay.inject': 'packets',
  'router.forward': 'packets',
  'tcp.state': 'tcp',
  'tcp.retransmit': 'tcp',
  'tcp.abort': 'tcp',
  'firewall.verdict': 'firewall',
  'firewall.connection': 'firewall',
  'firewall.expectation': 'firewall',
  'firewall.log': 'firewall',
  'checkpoint.write': 'checkpoint',
  'checkpoint.delete': 'checkpoint',
  'checkpoint.flush': 'checkpoint',
  'checkpoint.snapshot': 'checkpoint',
  // Faults are what the run was told to break (a crash, a lossy link): beside what follows them.
  fault: 'recovery',
  'firewall.crash': 'recovery',
  supervisor: 'recovery',
  recovery: 'recovery',
  'app.message': 'apps',
  'flow.end': 'apps',
};

export function eventCategory(kind: TraceEventKind): EventCategory {
  return CATEGORY_OF[kind];
}

/**
 * The firewall module (or checkpoint area) an event concerns, for the module filter: a
 * record's area, a helper's expectation, the layer-4 module that tracks a packet or a TCP
 * socket's change, the base layer for a connection's birth, end and deletion; null otherwise.
 */
export function eventModule(event: TraceEvent): string | null {
  switch (event.kind) {
    case 'checkpoint.write':
      return event.area;
    case 'recovery':
      return event.area;
    case 'firewall.expectation':
      return event.helper;
    case 'firewall.connection':
    case 'checkpoint.delete':
      return 'base';
    case 'tcp.state':
    case 'tcp.retransmit':
    case 'tcp.abort':
      return 'tcp';
    case 'link.transmit':
    case 'packet.drop':
    case 'packet.deliver':
    case 'replay.inject':
    case 'router.forward':
    case 'firewall.verdict':
    case 'firewall.log':
      return event.packet.proto === 'other' ? null : event.packet.proto;
    default:
      return null;
  }
}
