import { PcapngWriter, PcapWriter } from '../capture/capture-writer';
import { encodeIpv4Packet } from '../capture/ipv4-encode';
import { LINKTYPE_RAW } from '../capture/link-layer';
import { violated } from '../errors';
import type { Packet } from '../net/packet';
import type { PortTap, Router } from '../router/router';
import type { Scheduler } from '../sim/scheduler';

export type CaptureFileFormat = 'pcap' | 'pcapng';

export interface PortCaptureOptions {
  readonly format: CaptureFileFormat;
  /** Names of the ports to record; default every port. */
  readonly ports?: readonly string[];
  /**
   * Wall-clock time (µs since the epoch) of simulated time 0 — a replay's first packet time,
   * so the export lines up with the capture it came from; 0 for a simulated run.
   */
  readonly baseUs?: number;
}

/**
 * Records what crosses the router's ports as a capture file Wireshark opens, written as
 * chunks to `write` (a file, a download) as the run goes: raw IPv4 frames (the router has no
 * link layer), pcapng with one interface per port and each packet's direction, or pcap with
 * all ports in one stream (a packet that crosses the router appears at its way in and out).
 */
export class PortCapture implements PortTap {
  packets = 0;
  bytes = 0;
  private readonly slot: Int32Array;
  private readonly writer: PcapWriter | PcapngWriter;

  constructor(
    router: Router,
    private readonly scheduler: Scheduler,
    private readonly options: PortCaptureOptions,
    private readonly write: (chunk: Uint8Array) => void,
  ) {
    const names = router.ports.map((p) => p.name);
    const chosen = options.ports ?? names;
    for (const name of chosen) {
      if (!names.includes(name)) violated(`no router port named "${name}" to capture`);
    }
    // Interface number of each router port in the file, -1 when not recorded.
    this.slot = Int32Array.from(names, (name) => chosen.indexOf(name));
    this.writer =
      options.format === 'pcap'
        ? new PcapWriter(LINKTYPE_RAW)
        : new PcapngWriter(
            chosen.map((name) => ({ name: `${router.name} ${name}`, linkType: LINKTYPE_RAW })),
          );
    this.emit(this.writer.header());
  }

  crossed(p: Packet, portIndex: number, direction: 'inbound' | 'outbound'): void {
    const interfaceIndex = this.slot[portIndex];
    if (interfaceIndex < 0) return;
    const timeUs = (this.options.baseUs ?? 0) + this.scheduler.nowUs;
    const data = encodeIpv4Packet(p);
    this.packets++;
    this.emit(this.writer.frame({ timeUs, interfaceIndex, data, direction }));
  }

  private emit(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    this.write(chunk);
  }
}
