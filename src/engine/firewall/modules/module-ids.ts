/**
 * The firewall's modules (FIG. 4A): layer-4 trackers and layer-7 helpers. The numbers index a
 * connection's parts and, later, the checkpoint server's memory areas.
 */
export const ModuleId = { tcp: 0, udp: 1, icmp: 2, ftp: 3, sip: 4 } as const;
export const MODULE_COUNT = 5;

/** The layer-4 module tracking a protocol (TCP, UDP, or ICMP for everything else tracked). */
export function l4Module(proto: number): number {
  return proto === 6 ? ModuleId.tcp : proto === 17 ? ModuleId.udp : ModuleId.icmp;
}
