import type { TraceEvent, TraceEventKind } from '../../engine';

/**
 * Which events two runs of different strategies are compared on: what the network and the
 * firewall's decisions show — packets sent, forwarded, delivered, dropped; verdicts;
 * connections tracked; the crash itself. The checkpoint writes, the router server's steps and
 * the recovery acts are left out: strategies differ there by design, and what the comparison
 * asks is whether that difference reaches the traffic.
 */
const INTERNAL: ReadonlySet<TraceEventKind> = new Set([
  'checkpoint.write',
  'checkpoint.delete',
  'checkpoint.flush',
  'checkpoint.snapshot',
  'supervisor',
  'recovery',
]);

export function isCompared(event: TraceEvent): boolean {
  return !INTERNAL.has(event.kind);
}

/** Whether two events are the same happening: same kind, time and every field. */
export function sameEvent(a: TraceEvent, b: TraceEvent): boolean {
  return a.kind === b.kind && a.atUs === b.atUs && sameFields(a, b, 2);
}

/** Field by field, into nested objects (a packet's summary) up to `depth` levels. */
function sameFields(a: object, b: object, depth: number): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  for (const key of keys) {
    const x = ra[key];
    const y = rb[key];
    if (x === y) continue;
    if (depth === 0 || typeof x !== 'object' || typeof y !== 'object' || x === null || y === null)
      return false;
    if (!sameFields(x, y, depth - 1)) return false;
  }
  return true;
}
