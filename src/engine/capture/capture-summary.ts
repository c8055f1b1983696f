import type { CaptureNetwork, CapturePacket, CaptureProtocol } from './capture-packet';
import { MAX_COUNTER_NAMES } from './limits';
import type { SkipReason } from './skip-reason';

export type CaptureFormat = 'pcap' | 'pcapng';

/** One capture interface: the pcap file's only one, or a pcapng interface description block. */
export interface CaptureInterface {
  /** Index in file order over all sections; packets name their interface by it. */
  readonly index: number;
  /** 0-based section (pcapng section header block) it belongs to; always 0 in a pcap file. */
  readonly section: number;
  /** Its interface id within its section, as packet blocks name it. */
  readonly idInSection: number;
  readonly linkType: number;
  /** The writer's snaplen; 0 means no limit (pcapng). Packets are bounded by MAX_PACKET_BYTES. */
  readonly snapLengthBytes: number;
  /** "10^-6", "10^-9", "2^-20": the unit of the file's timestamps. */
  readonly timeResolution: string;
  /** if_name, '' when absent; non-printable-ASCII characters shown as '?'. */
  readonly name: string;
  /** Frames recorded on it. */
  readonly frames: number;
}

/** What a capture held: counts by kind, why frames were skipped, interfaces, time span. */
export interface CaptureSummary {
  readonly format: CaptureFormat | null;
  /** Bytes of the file consumed so far (all of it once the reader is done). */
  readonly bytesRead: number;
  readonly sections: number;
  readonly interfaces: readonly CaptureInterface[];
  /** Packet records: packets + every skipped frame. */
  readonly frames: number;
  /** Frames decoded into packets. */
  readonly packets: number;
  /** Packets cut by the snaplen. */
  readonly truncated: number;
  /** Packets that are IP fragments (not reassembled). */
  readonly fragments: number;
  readonly networks: Readonly<Record<CaptureNetwork, number>>;
  readonly protocols: Readonly<Record<CaptureProtocol, number>>;
  /** Frames skipped, by reason (arp, llc, ethertype-0x88cc, bad-ipv4-header, …). */
  readonly skipped: Readonly<Record<string, number>>;
  /** pcapng blocks skipped, by kind (name-resolution, interface-statistics, custom, …). */
  readonly skippedBlocks: Readonly<Record<string, number>>;
  /** Times of the first and last timed frame in file order (skipped frames included). */
  readonly firstTimeUs: number | null;
  readonly lastTimeUs: number | null;
  /** Timed frames earlier than the timed frame before them (interfaces merged out of order). */
  readonly outOfOrder: number;
}

/** Counts by name, with at most MAX_COUNTER_NAMES names: names come from the file. */
class Counter {
  private readonly counts = new Map<string, number>();

  add(name: string): void {
    const key = this.counts.has(name) || this.counts.size < MAX_COUNTER_NAMES - 1 ? name : 'other';
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  toRecord(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}

type MutableInterface = { -readonly [K in keyof CaptureInterface]: CaptureInterface[K] };

/** Accumulates a CaptureSummary as the reader goes; `snapshot` copies it out. */
export class SummaryBuilder {
  format: CaptureFormat | null = null;
  sections = 0;
  private readonly interfaces: MutableInterface[] = [];
  private frames = 0;
  private packets = 0;
  private truncated = 0;
  private fragments = 0;
  private readonly networks: Record<CaptureNetwork, number> = { ipv4: 0, ipv6: 0 };
  private readonly protocols: Record<CaptureProtocol, number> = {
    tcp: 0,
    udp: 0,
    icmp: 0,
    icmpv6: 0,
    other: 0,
  };
  private readonly skipped = new Counter();
  private readonly skippedBlocks = new Counter();
  private firstTimeUs: number | null = null;
  private lastTimeUs: number | null = null;
  private outOfOrder = 0;

  get interfaceCount(): number {
    return this.interfaces.length;
  }

  addInterface(description: Omit<CaptureInterface, 'index' | 'frames'>): number {
    const index = this.interfaces.length;
    this.interfaces.push({ ...description, index, frames: 0 });
    return index;
  }

  /** A packet record, decoded or not; returns its 1-based frame number. */
  addFrame(interfaceIndex: number, timeUs: number | null): number {
    this.interfaces[interfaceIndex].frames++;
    if (timeUs !== null) {
      if (this.lastTimeUs !== null && timeUs < this.lastTimeUs) this.outOfOrder++;
      this.firstTimeUs ??= timeUs;
      this.lastTimeUs = timeUs;
    }
    return ++this.frames;
  }

  addPacket(packet: CapturePacket): void {
    this.packets++;
    if (packet.truncated) this.truncated++;
    if (packet.fragment !== null) this.fragments++;
    this.networks[packet.network]++;
    this.protocols[packet.protocol]++;
  }

  addSkipped(reason: SkipReason): void {
    this.skipped.add(reason);
  }

  addSkippedBlock(kind: string): void {
    this.skippedBlocks.add(kind);
  }

  snapshot(bytesRead: number): CaptureSummary {
    return {
      format: this.format,
      bytesRead,
      sections: this.sections,
      interfaces: this.interfaces.map((i) => ({ ...i })),
      frames: this.frames,
      packets: this.packets,
      truncated: this.truncated,
      fragments: this.fragments,
      networks: { ...this.networks },
      protocols: { ...this.protocols },
      skipped: this.skipped.toRecord(),
      skippedBlocks: this.skippedBlocks.toRecord(),
      firstTimeUs: this.firstTimeUs,
      lastTimeUs: this.lastTimeUs,
      outOfOrder: this.outOfOrder,
    };
  }
}
