import type { Connection } from './connection';
import { connectionIdEpoch, connectionIdSerial, type ConnectionId } from './connection-id';
import type { ConntrackModules } from './conntrack-modules';
import type { Firewall } from './firewall';
import { icmpCtStateNames } from './modules/icmp-tracker';
import { ModuleId } from './modules/module-ids';
import { TcpStatus } from './modules/tcp/tcp-part';
import { tcpCtStateNames } from './modules/tcp/tcp-states';
import { udpCtStateNames } from './modules/udp-tracker';

/*
 * What the memory views show of a connection (see memory-query for the firewall's table, and
 * checkpoint/memory-view for the server's): each module part's key state as a small integer
 * code, the layer-4 state by name, and the text for both.
 */

/** Module names in ModuleId order (the firewall memory's part columns). */
export const MEMORY_MODULES: readonly string[] = ['tcp', 'udp', 'icmp', 'ftp', 'sip'];

/** In a TCP part's code: the kernel's IPS_ASSURED. */
const TCP_ASSURED = 0x10;
/** In a helper part's code: expectations pending are counted from this bit up. */
const PENDING_SHIFT = 8;
const MAX_PENDING = 0xff;

/**
 * A connection's part in one module as a small integer (see describePart), -1 when the module
 * holds none: what a memory view shows of a part, and sorts by. `pending` counts each master
 * slot's expectations (see pendingBySlot).
 */
export function partCode(
  modules: ConntrackModules,
  c: Connection,
  module: number,
  pending: ReadonlyMap<number, number>,
): number {
  const handle = c.part(module);
  if (handle < 0) return -1;
  switch (module) {
    case ModuleId.tcp: {
      const t = modules.tcpParts;
      return t.stateOf(handle) | ((t.statusOf(handle) & TcpStatus.ASSURED) !== 0 ? TCP_ASSURED : 0);
    }
    case ModuleId.udp:
      return modules.udpParts.get(handle).state;
    case ModuleId.icmp:
      return modules.icmpParts.get(handle).state;
    case ModuleId.ftp:
      return Math.min(modules.ftpParts.announcedOf(handle), MAX_PENDING) | waiting(pending, c);
    default:
      return modules.sipParts.get(handle).state | waiting(pending, c);
  }
}

/** A helper part's code bits for the expectations its connection has pending. */
function waiting(pending: ReadonlyMap<number, number>, c: Connection): number {
  return Math.min(pending.get(c.slot) ?? 0, MAX_PENDING) << PENDING_SHIFT;
}

/** The layer-4 state by the kernel's name ("ESTABLISHED", "UNREPLIED", …), '' for none. */
export function stateName(modules: ConntrackModules, c: Connection): string {
  const tcp = c.part(ModuleId.tcp);
  if (tcp >= 0) return tcpCtStateNames[modules.tcpParts.stateOf(tcp)];
  const udp = c.part(ModuleId.udp);
  if (udp >= 0) return udpCtStateNames[modules.udpParts.get(udp).state];
  const icmp = c.part(ModuleId.icmp);
  if (icmp >= 0) return icmpCtStateNames[modules.icmpParts.get(icmp).state];
  return '';
}

/** Pending expectations per master slot (they live in the expectation table, not the parts). */
export function pendingBySlot(fw: Firewall): Map<number, number> {
  const counts = new Map<number, number>();
  const table = fw.conntrack.table;
  for (const e of fw.conntrack.expectations.entries()) {
    if (table.at(e.masterSlot)?.id !== e.masterId) continue;
    counts.set(e.masterSlot, (counts.get(e.masterSlot) ?? 0) + 1);
  }
  return counts;
}

/** A part's key state in a few characters, and in words. */
export interface PartText {
  readonly text: string;
  readonly title: string;
}

/**
 * The kernel's own two-letter abbreviations of the TCP states (the sNO, sSS, … of
 * nf_conntrack_proto_tcp.c's transition table), so the cells stay a few characters wide.
 */
const TCP_SHORT = ['NO', 'SS', 'SR', 'ES', 'FW', 'CW', 'LA', 'TW', 'CL', 'S2'];
const UDP_SHORT = ['UNR', 'REP', 'REP·A'];
const ICMP_SHORT = ['REQ', 'REP'];
/** In SipCallState order. */
const SIP_SHORT = ['IDLE', 'INV', 'ANS', 'BYE'];
const SIP_WORDS = ['idle', 'invited', 'answered', 'ended'];
const NO_PART: PartText = { text: '—', title: 'no part in this module' };

/** Text for a part code (see partCode); `module` is a ModuleId. */
export function describePart(module: number, code: number): PartText {
  if (code < 0) return NO_PART;
  const pending = code >>> PENDING_SHIFT;
  const waiting = pending > 0 ? ` +${pending}` : '';
  const expecting = `${pending} expectation${pending === 1 ? '' : 's'} pending`;
  switch (module) {
    case ModuleId.tcp: {
      const state = code & 0x0f;
      const assured = (code & TCP_ASSURED) !== 0;
      return {
        text: `${TCP_SHORT[state] ?? '?'}${assured ? '·A' : ''}`,
        title: `TCP ${tcpCtStateNames[state] ?? 'unknown'}${assured ? ', assured' : ''}`,
      };
    }
    case ModuleId.udp:
      return { text: UDP_SHORT[code] ?? '?', title: `UDP ${udpCtStateNames[code] ?? 'unknown'}` };
    case ModuleId.icmp:
      return { text: ICMP_SHORT[code] ?? '?', title: `ICMP ${icmpCtStateNames[code] ?? '?'}` };
    case ModuleId.ftp: {
      const announced = code & 0xff;
      return {
        text: `CTL${waiting}`,
        title: `FTP helper: ${announced} data connection${announced === 1 ? '' : 's'} announced, ${expecting}`,
      };
    }
    default: {
      const state = code & 0x0f;
      return {
        text: `${SIP_SHORT[state] ?? '?'}${waiting}`,
        title: `SIP helper: call ${SIP_WORDS[state] ?? 'unknown'}, ${expecting}`,
      };
    }
  }
}

/**
 * The compact id a readable id names, from its "#serial" or "#epoch.serial" ending (what
 * formatConnectionId writes), or null when it has none. Views that hold only compact ids (the
 * checkpoint server's records) find a selected connection by it.
 */
export function connectionIdOfReadable(readable: string): ConnectionId | null {
  const match = /#(\d+)(?:\.(\d+))?$/.exec(readable);
  if (match === null) return null;
  const [epoch, serial] = match[2] === undefined ? [0, match[1]] : [match[1], match[2]];
  const id = Number(epoch) * 0x1_0000_0000 + Number(serial);
  return Number.isSafeInteger(id) ? id : null;
}

/** "#17", or "#2.17" after restarts: the number part of a readable id, from a compact id. */
export function connectionNumber(id: ConnectionId): string {
  const epoch = connectionIdEpoch(id);
  const serial = connectionIdSerial(id);
  return epoch > 0 ? `#${epoch}.${serial}` : `#${serial}`;
}
