/**
 * The firewall's modules (FIG. 4A): layer-4 trackers and layer-7 helpers. The numbers index a
 * connection's parts and, later, the checkpoint server's memory areas.
 */
export const ModuleId = { tcp: 0, udp: 1, icmp: 2, ftp: 3, sip: 4 } as const;
export const MODULE_COUNT = 5;
