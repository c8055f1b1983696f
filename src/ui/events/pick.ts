import type { TraceEvent } from '../../engine';
import type { EventIndex, Numbered } from './event-index';

/** What choosing one event of the log selects. */
export interface Pick {
  readonly seq: number;
  readonly event: TraceEvent;
  /** The event's connection, or null (the selection's connection is then left as it was). */
  readonly connection: string | null;
  /** The event's packet, or null (the inspector then keeps the packet it shows). */
  readonly packetId: number | null;
  /**
   * The packet's events as recorded now. Moving the playhead back to the event replays the
   * run into a new recorder that stops there: the rest of the journey (and the verdict, when
   * it came later) would be known only from here.
   */
  readonly journey: readonly Numbered[];
}

export function pickEvent(index: EventIndex, seq: number): Pick | null {
  index.sync();
  const event = index.source.get(seq);
  if (event === undefined) return null;
  const packetId = 'packet' in event ? event.packet.id : null;
  return {
    seq,
    event,
    connection: index.connectionOf(event, seq),
    packetId,
    journey: packetId === null ? [] : index.packetEvents(packetId),
  };
}
