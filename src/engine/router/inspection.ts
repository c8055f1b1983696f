import type { Packet } from '../net/packet';

/** The verdict code meaning "let it through"; anything else is the drop reason. */
export const ACCEPT = -1;

/**
 * The router's single inspection point on the forwarding path (where FIG. 3 puts the
 * firewall application): every packet passes here after its input port and before routing.
 * Returns ACCEPT or a drop-reason code.
 */
export interface InspectionHook {
  inspect(packet: Packet, inPort: number, nowUs: number): number;
}

/** Until the firewall is installed, everything passes. */
export const passThrough: InspectionHook = { inspect: () => ACCEPT };
