import type { SimulationReport } from '../engine/index';

const MB = 1_000_000;

/** A short human-readable report for the terminal (the JSON has everything). */
export function formatSummary(r: SimulationReport & { wallMs: number }): string {
  const lines = [
    `scenario ${r.scenario} · seed ${r.seed} · ${(r.simulatedUs / 1e6).toFixed(3)} s simulated · ${r.events} events · ${r.wallMs} ms`,
    `packets: ${r.packets.sent} sent, ${r.packets.forwarded} forwarded, ${r.packets.delivered} delivered, ${r.packets.droppedTotal} dropped`,
  ];
  const drops = Object.entries(r.packets.dropped).filter(([, n]) => n > 0);
  if (drops.length > 0) lines.push(`  dropped: ${drops.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const shown = r.flows.slice(0, 20);
  lines.push('flows:');
  for (const f of shown) {
    const status = f.completed
      ? `done at ${((f.completedAtUs ?? 0) / 1e6).toFixed(3)} s`
      : f.aborted
        ? 'ABORTED'
        : f.error
          ? 'FAILED'
          : 'incomplete';
    const goal = f.bytesGoal === null ? '' : ` / ${(f.bytesGoal / MB).toFixed(3)}`;
    lines.push(
      `  ${f.id.padEnd(20)} ${f.kind.padEnd(11)} ${(f.bytesDelivered / MB).toFixed(3)}${goal} MB  ${status}` +
        `  rtx ${f.retransmissions}  max stall ${(f.maxStallUs / 1000).toFixed(1)} ms${f.error ? `  (${f.error})` : ''}`,
    );
  }
  if (r.flows.length > shown.length) {
    const done = r.flows.filter((f) => f.completed).length;
    lines.push(
      `  … ${r.flows.length - shown.length} more (${done} of ${r.flows.length} completed in all)`,
    );
  }
  return `${lines.join('\n')}\n`;
}
