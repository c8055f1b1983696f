import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../capture/capture-writer';
import type { CapturePacket } from '../capture/capture-packet';
import { readCapture } from '../capture/read-capture';
import { PortCapture, type PortCaptureOptions } from './port-capture';
import { replayScenario } from './replay-scenario';
import { bytesSource } from './replay-source';
import { runReplay } from './run-replay';

const original = new Uint8Array(
  readFileSync(new URL('../../../public/samples/ftp-passive.pcap', import.meta.url)),
);
const scenario = replayScenario([
  { name: 'lan', prefix: '192.0.2.0/24' },
  { name: 'wan', prefix: '198.51.100.0/24' },
]);

/** Replays the FTP sample under the default ruleset, exporting what crossed the ports. */
function exportReplay(options: Omit<PortCaptureOptions, 'baseUs'>) {
  const chunks: Uint8Array[] = [];
  const report = runReplay(scenario, () => bytesSource(original), {
    onSimulation: (sim) => {
      const baseUs = sim.replay?.injector.originUs ?? 0;
      sim.router.tap = new PortCapture(sim.router, sim.scheduler, { ...options, baseUs }, (c) =>
        chunks.push(c),
      );
    },
  });
  return { report, file: readCapture(concatBytes(chunks)) };
}

/** What a packet is, leaving out what the router changes (TTL) and options it does not model. */
const essence = (p: CapturePacket) => ({
  timeUs: p.timeUs,
  src: p.src,
  dst: p.dst,
  srcPort: p.srcPort,
  dstPort: p.dstPort,
  seq: p.tcp?.seq,
  ack: p.tcp?.ack,
  flags: p.tcp?.flags,
  window: p.tcp?.window,
  mss: p.tcp?.mss,
  windowScale: p.tcp?.windowScale,
  payload: [...p.payload],
});

describe('PortCapture', () => {
  it('writes a pcapng with one interface per port that reads back as the replayed packets', () => {
    const { report, file } = exportReplay({ format: 'pcapng' });
    const { packets: sent } = readCapture(original);
    expect(file.summary.interfaces.map((i) => [i.name, i.linkType])).toEqual([
      ['router lan', 101],
      ['router wan', 101],
    ]);
    // The default ruleset lets the client's connections through: each packet in, then out.
    expect(report.replay.dropped).toBe(0);
    expect(file.packets).toHaveLength(2 * sent.length);
    // In at the port facing the source, out at the other.
    const facing = (p: CapturePacket) => (p.src === '192.0.2.10' ? 0 : 1);
    const inbound = file.packets.filter((p) => p.interfaceIndex === facing(p));
    const outbound = file.packets.filter((p) => p.interfaceIndex !== facing(p));
    expect(inbound.map(essence)).toEqual(sent.map(essence));
    // Out as they came in, later by what the router held them (synchronous checkpoint writes),
    // so a held packet may leave after the next one came in.
    const key = (p: CapturePacket) =>
      `${p.src}:${p.srcPort} ${p.tcp?.seq} ${p.tcp?.ack} ${p.tcp?.flags}`;
    const inTime = new Map(inbound.map((p) => [key(p), p]));
    for (const out of outbound) {
      const came = inTime.get(key(out));
      expect(out.ttl).toBe((came?.ttl ?? 0) - 1);
      expect({ ...essence(out), timeUs: 0 }).toEqual({
        ...essence(came as CapturePacket),
        timeUs: 0,
      });
      const heldUs = (out.timeUs ?? 0) - (came?.timeUs ?? 0);
      expect(heldUs).toBeGreaterThanOrEqual(0);
      expect(heldUs).toBeLessThan(100);
    }
    expect(new Set(outbound.map(key)).size).toBe(sent.length);
  });

  it('writes the chosen ports only, as pcap', () => {
    const { file } = exportReplay({ format: 'pcap', ports: ['wan'] });
    expect(file.summary.format).toBe('pcap');
    const { packets: sent } = readCapture(original);
    // The same packets; a client's packet held by a checkpoint write may leave after a reply came in.
    const untimed = (list: readonly CapturePacket[]) =>
      list.map((p) => JSON.stringify({ ...essence(p), timeUs: 0 })).sort();
    expect(untimed(file.packets)).toEqual(untimed(sent));
  });
});
