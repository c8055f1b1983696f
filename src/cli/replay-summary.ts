import type { ReplayReport } from '../engine/index';

/** A short human-readable replay report for the terminal (the JSON has everything). */
export function formatReplaySummary(r: ReplayReport & { wallMs: number }): string {
  const x = r.replay;
  const c = x.capture;
  const skipped = Object.entries({ ...c.skipped, ...x.skipped }).filter(([, n]) => n > 0);
  const lines = [
    `replay of a ${c.format} capture · ${c.frames} frames · ${(r.simulatedUs / 1e6).toFixed(6)} s · ${r.wallMs} ms`,
    `packets: ${x.replayed} replayed, ${x.accepted} accepted, ${x.dropped} dropped` +
      (skipped.length > 0 ? `; skipped: ${skipped.map(([k, n]) => `${k} ${n}`).join(', ')}` : ''),
  ];
  const drops = Object.entries(x.dropReasons);
  if (drops.length > 0) lines.push(`  dropped: ${drops.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  lines.push(`connections: ${r.firewall.connections.length}`);
  for (const conn of r.firewall.connections.slice(0, 20)) {
    const related = conn.related === null ? '' : `  related to ${conn.related}`;
    const helper = conn.helper === null ? '' : `  helper ${conn.helper}`;
    lines.push(`  ${conn.id}  ${conn.states.join(' → ')}${helper}${related}`);
  }
  for (const e of x.expectations.filter((e) => e.event !== 'matched').slice(0, 20)) {
    lines.push(`expectation ${e.event} by frame ${e.frame} (${e.helper}): ${e.detail}`);
  }
  for (const crash of r.crashes) {
    lines.push(
      `crash at ${(crash.atUs / 1e6).toFixed(6)} s: ${crash.recovered} of ${crash.connectionsBefore} connections recovered, ${crash.lost} lost`,
    );
  }
  const cmp = x.crashComparison;
  if (cmp !== undefined) {
    lines.push(
      `without the crash: ${cmp.withoutCrash.accepted} accepted, ${cmp.withoutCrash.dropped} dropped; ${cmp.differing} packets' verdicts differ`,
    );
  }
  return `${lines.join('\n')}\n`;
}
