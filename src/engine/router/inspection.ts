import type { Packet } from '../net/packet';

/** The verdict code meaning "let it through"; anything else is the drop reason. */
export const ACCEPT = -1;
/**
 * The hook kept the packet (a firewall recovering holds packets until it is back): the
 * router leaves it in the input buffer and the hook hands it back with Router.reprocess().
 */
export const HELD = -2;

/**
 * The router's single inspection point on the forwarding path (where FIG. 3 puts the
 * firewall application): every packet passes here after its input port and the routing
 * lookup, before the switching fabric. Returns ACCEPT or a drop-reason code.
 */
export interface InspectionHook {
  /** Routing-processor time the inspection adds per packet, in µs. */
  readonly costUs: number;
  inspect(packet: Packet, inPort: number, outPort: number, nowUs: number): number;
  /**
   * Read right after an ACCEPT: how long the packet must wait before it may cross the fabric
   * (a synchronous checkpoint write it caused, or a firewall still busy). 0 = go on.
   */
  readonly holdUs: number;
}

/** With no firewall, everything passes. */
export const passThrough: InspectionHook = { costUs: 0, holdUs: 0, inspect: () => ACCEPT };
