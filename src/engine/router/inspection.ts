import type { Packet } from '../net/packet';

/** The verdict code meaning "let it through"; anything else is the drop reason. */
export const ACCEPT = -1;

/**
 * The router's single inspection point on the forwarding path (where FIG. 3 puts the
 * firewall application): every packet passes here after its input port and the routing
 * lookup, before the switching fabric. Returns ACCEPT or a drop-reason code.
 */
export interface InspectionHook {
  /** Routing-processor time the inspection adds per packet, in µs. */
  readonly costUs: number;
  inspect(packet: Packet, inPort: number, outPort: number, nowUs: number): number;
}

/** With no firewall, everything passes. */
export const passThrough: InspectionHook = { costUs: 0, inspect: () => ACCEPT };
