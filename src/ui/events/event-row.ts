import type { TraceEvent } from '../../engine';
import { eventCategory, type EventCategory } from './event-category';
import { eventWhat, eventWhere, secondsText } from './event-text';
import { shortConnection } from './connection-text';

/** One line of the event log, as text. */
export interface EventRow {
  readonly seq: number;
  readonly atUs: number;
  readonly time: string;
  readonly where: string;
  readonly what: string;
  /** The full readable connection id, or null. */
  readonly connection: string | null;
  /** The connection abbreviated for its column ("#1 tcp 50047 → 21"), or "". */
  readonly connectionShort: string;
  readonly category: EventCategory;
  readonly packetId: number | null;
  /** Something went wrong here (a drop, a loss, a crash, an abort): shown as a warning. */
  readonly alert: boolean;
}

export function eventRow(event: TraceEvent, seq: number, connection: string | null): EventRow {
  return {
    seq,
    atUs: event.atUs,
    time: secondsText(event.atUs),
    where: eventWhere(event),
    what: eventWhat(event),
    connection,
    connectionShort: connection === null ? '' : shortConnection(connection),
    category: eventCategory(event.kind),
    packetId: 'packet' in event ? event.packet.id : null,
    alert: isAlert(event),
  };
}

function isAlert(event: TraceEvent): boolean {
  switch (event.kind) {
    case 'packet.drop':
    case 'firewall.crash':
    case 'tcp.abort':
      return true;
    case 'link.transmit':
      return event.lost;
    case 'firewall.verdict':
      return event.verdict !== 'accept';
    default:
      return false;
  }
}
