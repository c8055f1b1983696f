import type { TraceEvent } from '../../engine';
import { packetBrief } from './packet-text';

/** Simulated seconds to the microsecond, from integer µs (no float rounding): "1.050472". */
export function secondsText(us: number): string {
  const whole = Math.floor(us / 1_000_000);
  return `${whole}.${String(us - whole * 1_000_000).padStart(6, '0')}`;
}

/** Where an event happened: a host, a link, a router port, the firewall, a server. */
export function eventWhere(event: TraceEvent): string {
  switch (event.kind) {
    case 'link.transmit':
      return event.link;
    case 'packet.drop':
      return event.where;
    case 'packet.deliver':
    case 'tcp.state':
    case 'tcp.retransmit':
    case 'tcp.abort':
    case 'app.message':
      return event.host;
    case 'router.forward':
      return `${event.router} ${event.inPort} → ${event.outPort}`;
    case 'replay.inject':
      return `capture → ${event.port}`;
    case 'flow.end':
      return `flow ${event.flow}`;
    case 'fault':
      return 'scenario';
    case 'checkpoint.write':
    case 'checkpoint.delete':
    case 'checkpoint.flush':
    case 'checkpoint.snapshot':
      return 'checkpoint server';
    case 'supervisor':
      return 'router server';
    default:
      return 'firewall';
  }
}

/** What happened, in a few words: "SYN 192.0.2.10:50047 → …", "drop: firewall-down", … */
export function eventWhat(event: TraceEvent): string {
  switch (event.kind) {
    case 'link.transmit':
      return `${packetBrief(event.packet)}${event.lost ? ' — lost' : ''}${event.duplicated ? ' — duplicated' : ''}`;
    case 'packet.drop':
      return `drop: ${event.reason} — ${packetBrief(event.packet)}`;
    case 'packet.deliver':
      return `delivered ${packetBrief(event.packet)}`;
    case 'replay.inject':
      return `frame ${event.frame} replayed — ${packetBrief(event.packet)}`;
    case 'router.forward':
      return `forward ${packetBrief(event.packet)}`;
    case 'firewall.verdict':
      return `${event.verdict}: ${event.reason}, ct ${event.ctState} — ${packetBrief(event.packet)}`;
    case 'firewall.log':
      return `log (rule ${event.rule}) "${event.prefix}" — ${packetBrief(event.packet)}`;
    default:
      return otherWhat(event);
  }
}

function otherWhat(event: TraceEvent): string {
  switch (event.kind) {
    case 'tcp.state':
      return `TCP ${event.from} → ${event.to}`;
    case 'tcp.retransmit':
      return `retransmit seq ${event.seq}, ${event.len} B (${event.cause})`;
    case 'tcp.abort':
      return `abort: ${event.reason}`;
    case 'app.message':
      return `${event.flow}: ${event.text}`;
    case 'flow.end':
      return event.completed ? 'completed' : event.aborted ? 'aborted' : 'ended unfinished';
    case 'fault':
      return `fault ${event.fault}: ${event.detail}`;
    case 'firewall.connection':
      return event.event === 'new'
        ? `new connection, admitted by ${event.detail}`
        : `connection ended: ${event.detail}`;
    case 'firewall.expectation':
      return `${event.helper} expectation ${event.event}: ${event.detail}`;
    default:
      return serverWhat(event);
  }
}

function serverWhat(event: TraceEvent): string {
  switch (event.kind) {
    case 'checkpoint.write':
      return checkpointWriteText(event);
    case 'checkpoint.delete':
      return 'checkpoint records deleted';
    case 'checkpoint.flush':
      return `checkpoint flush: ${event.operations} operations`;
    case 'checkpoint.snapshot':
      return `snapshot of ${event.connections} connections (${event.bytes} B)`;
    case 'firewall.crash':
      return `firewall crashed with ${event.connections} connections${event.failOpen ? ' (fail open)' : ''}`;
    case 'supervisor':
      return supervisorText(event.event, event.act, event.epoch);
    case 'recovery':
      return `act ${event.act}: ${event.detail}`;
    default:
      return event.kind;
  }
}

/** "checkpoint tcp part v3 (52 B), acts 800→802, 700→704" — the base layer is no module's part. */
export function checkpointWriteText(
  event: Extract<TraceEvent, { kind: 'checkpoint.write' }>,
): string {
  const what = event.area === 'base' ? 'base layer' : `${event.area} part`;
  const mode = event.mode === 'async' ? ', async' : '';
  return `checkpoint ${what} v${event.version} (${event.bytes} B), ${actsText(event.acts)}${mode}`;
}

/**
 * The acts of one flowchart (same hundreds) as a range, one range per flowchart in order:
 * [800, 802, 700, 702, 704] → "acts 800→802, 700→704" (a state change, then the module's write).
 */
export function actsText(acts: readonly number[]): string {
  if (acts.length === 0) return 'no act';
  const runs: number[][] = [];
  for (const act of acts) {
    const run = runs.at(-1);
    if (run !== undefined && Math.floor(run[0] / 100) === Math.floor(act / 100)) run.push(act);
    else runs.push([act]);
  }
  const text = runs.map((r) => (r.length > 1 ? `${r[0]}→${r.at(-1)}` : `${r[0]}`)).join(', ');
  return `${acts.length > 1 ? 'acts' : 'act'} ${text}`;
}

function supervisorText(
  what: 'detected' | 'restarted' | 'recovered',
  act: number | null,
  epoch: number,
) {
  const step = act === null ? '' : ` (act ${act})`;
  if (what === 'detected') return 'crash detected';
  if (what === 'restarted') return `firewall restarted${step}, epoch ${epoch}`;
  return `firewall back in service${step}`;
}
