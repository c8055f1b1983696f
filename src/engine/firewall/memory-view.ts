import { connectionIdEpoch, connectionIdSerial, type ConnectionId } from './connection-id';
import type { Firewall } from './firewall';
import type { FirewallState } from './firewall-report';
import { icmpCtStateNames } from './modules/icmp-tracker';
import { MODULE_COUNT, ModuleId } from './modules/module-ids';
import { TcpStatus } from './modules/tcp/tcp-part';
import { tcpCtStateNames } from './modules/tcp/tcp-states';
import { udpCtStateNames } from './modules/udp-tracker';

/**
 * The firewall application's memory space as a person looks at it (FIG. 4B, and FIG. 5B after
 * a restart): one entry per live connection — its base layer and, per module, whether that
 * module holds a part of it and the part's key state.
 *
 * Column-wise, not one object per connection: the view is taken about ten times a second while
 * a run plays and the table may hold tens of thousands of connections, of which a screen shows
 * twenty. Strings are the ones the connections already hold (nothing is formatted here); part
 * states are small integer codes that describePart() turns into text for the rows on screen.
 * Reading it changes nothing in the firewall.
 */
export interface FirewallMemory {
  readonly state: FirewallState;
  readonly count: number;
  /** Readable connection ids ("tcp 192.0.2.10:50047 → 198.51.100.20:21 #1"). */
  readonly ids: readonly string[];
  /** Compact connection ids (epoch · 2³² + serial): the base layer's unique identifier. */
  readonly numbers: Float64Array;
  readonly createdUs: Float64Array;
  /** "rule 4", "policy", "expectation (ftp)", "recovery". */
  readonly admittedBy: readonly string[];
  /** The layer-4 state by the kernel's name ("ESTABLISHED", "UNREPLIED", …): one module tracks it. */
  readonly states: readonly string[];
  /** Name of the `ct helper` object assigned, '' for none. */
  readonly helpers: readonly string[];
  /** Readable id of the master connection (FTP control, SIP call), '' for none. */
  readonly masters: readonly string[];
  /** 1 when the connection was rebuilt from the checkpoint server (FIG. 5B). */
  readonly rebuilt: Uint8Array;
  /** Per module (ModuleId order): the part's code (see describePart), -1 when it has none. */
  readonly parts: readonly Int32Array[];
}

/** Module names in ModuleId order (the firewall memory's part columns). */
export const MEMORY_MODULES: readonly string[] = ['tcp', 'udp', 'icmp', 'ftp', 'sip'];

/** In a TCP part's code: the kernel's IPS_ASSURED. */
const TCP_ASSURED = 0x10;
/** In a helper part's code: expectations pending are counted from this bit up. */
const PENDING_SHIFT = 8;
const MAX_PENDING = 0xff;

/** Reads the memory of the firewall instance in service (or recovering); empty when there is none. */
export function readFirewallMemory(fw: Firewall | null, state: FirewallState): FirewallMemory {
  const table = fw?.conntrack.table;
  const n = table?.count ?? 0;
  const memory = {
    state,
    count: n,
    ids: new Array<string>(n),
    numbers: new Float64Array(n),
    createdUs: new Float64Array(n),
    admittedBy: new Array<string>(n),
    states: new Array<string>(n),
    helpers: new Array<string>(n),
    masters: new Array<string>(n),
    rebuilt: new Uint8Array(n),
    parts: Array.from({ length: MODULE_COUNT }, () => new Int32Array(n).fill(-1)),
  };
  if (fw === null || table === undefined) return memory;
  const pending = pendingBySlot(fw);
  const modules = fw.conntrack.modules;
  const helperNames = fw.ruleset.helpers;
  const [tcp, udp, icmp, ftp, sip] = memory.parts;
  let i = 0;
  for (const c of table.live()) {
    const h = c.history;
    memory.ids[i] = h.id;
    memory.numbers[i] = c.id;
    memory.createdUs[i] = c.createdUs;
    memory.admittedBy[i] = h.admittedBy;
    memory.helpers[i] = c.helper >= 0 ? (helperNames[c.helper]?.name ?? '') : '';
    memory.masters[i] = h.related ?? '';
    // While recovering every connection of the new instance is a rebuilt one; afterwards the
    // ledger counts the recoveries it came back from.
    memory.rebuilt[i] = state === 'recovering' || h.recoveries > 0 ? 1 : 0;
    const p = c.parts;
    if (p[ModuleId.tcp] >= 0) {
      const t = modules.tcpParts.get(p[ModuleId.tcp]);
      tcp[i] = t.state | ((t.status & TcpStatus.ASSURED) !== 0 ? TCP_ASSURED : 0);
      memory.states[i] = tcpCtStateNames[t.state];
    } else if (p[ModuleId.udp] >= 0) {
      udp[i] = modules.udpParts.get(p[ModuleId.udp]).state;
      memory.states[i] = udpCtStateNames[udp[i]];
    } else if (p[ModuleId.icmp] >= 0) {
      icmp[i] = modules.icmpParts.get(p[ModuleId.icmp]).state;
      memory.states[i] = icmpCtStateNames[icmp[i]];
    }
    if (p[ModuleId.ftp] >= 0 || p[ModuleId.sip] >= 0) {
      const waiting = Math.min(pending.get(c.slot) ?? 0, MAX_PENDING) << PENDING_SHIFT;
      if (p[ModuleId.ftp] >= 0)
        ftp[i] = Math.min(modules.ftpParts.get(p[ModuleId.ftp]).announced, MAX_PENDING) | waiting;
      if (p[ModuleId.sip] >= 0) sip[i] = modules.sipParts.get(p[ModuleId.sip]).state | waiting;
    }
    i++;
  }
  return memory;
}

/** Pending expectations per master slot (they live in the expectation table, not the parts). */
function pendingBySlot(fw: Firewall): Map<number, number> {
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

/** Text for a part code of readFirewallMemory; `module` is a ModuleId. */
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
