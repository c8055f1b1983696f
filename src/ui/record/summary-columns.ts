import type { PacketSummary } from '../../engine';

const PROTOS: readonly PacketSummary['proto'][] = ['tcp', 'udp', 'icmp', 'other'];
const PROTO_CODES = new Map<string, number>(PROTOS.map((proto, code) => [proto, code]));
/** Strings per summary: src, dst, flags, text. */
const TEXTS = 4;

/**
 * Packet summaries kept in columns, one row per ring slot (70 bytes a row): a summary
 * object with its seventeen fields is about 150 bytes on the heap, and 200,000 of them held by
 * the recorder were traced and moved by every garbage collection. Each number lives in the
 * narrowest column its values fit (ports and the IP id in 16 bits, sequence numbers in 32);
 * what is written is read back and compared, so a value that does not fit its column throws
 * instead of coming back changed. The strings are kept as they are, in one array: the
 * addresses and flags are a few shared strings, and one array is traced in one piece.
 */
export class SummaryColumns {
  private readonly ids: Float64Array;
  private readonly protos: Uint8Array;
  /** src, dst, flags and text (null when it has none) at slot · 4. */
  private readonly texts: (string | null)[];
  /** sport, dport at slot · 2; then seq, ack; len, bytes; icmpType, icmpCode (-1: null). */
  private readonly ports: Uint16Array;
  private readonly seqAck: Uint32Array;
  private readonly sizes: Uint32Array;
  private readonly icmp: Int16Array;
  private readonly ttls: Uint8Array;
  private readonly ipIds: Uint16Array;
  private readonly windows: Uint16Array;

  constructor(capacity: number) {
    this.ids = new Float64Array(capacity);
    this.protos = new Uint8Array(capacity);
    this.texts = new Array<string | null>(capacity * TEXTS).fill(null);
    this.ports = new Uint16Array(capacity * 2);
    this.seqAck = new Uint32Array(capacity * 2);
    this.sizes = new Uint32Array(capacity * 2);
    this.icmp = new Int16Array(capacity * 2);
    this.ttls = new Uint8Array(capacity);
    this.ipIds = new Uint16Array(capacity);
    this.windows = new Uint16Array(capacity);
  }

  write(slot: number, s: PacketSummary): void {
    const two = slot * 2;
    const four = slot * TEXTS;
    this.ids[slot] = s.id;
    this.protos[slot] = PROTO_CODES.get(s.proto) ?? 255;
    this.texts[four] = s.src;
    this.texts[four + 1] = s.dst;
    this.texts[four + 2] = s.flags;
    this.texts[four + 3] = s.text;
    this.ports[two] = s.sport;
    this.ports[two + 1] = s.dport;
    this.seqAck[two] = s.seq;
    this.seqAck[two + 1] = s.ack;
    this.sizes[two] = s.len;
    this.sizes[two + 1] = s.bytes;
    this.icmp[two] = s.icmpType ?? -1;
    this.icmp[two + 1] = s.icmpCode ?? -1;
    this.ttls[slot] = s.ttl;
    this.ipIds[slot] = s.ipId;
    this.windows[slot] = s.window;
    if (!this.reads(slot, s)) {
      throw new RangeError(`packet ${s.id}: its summary does not fit the recorder's columns`);
    }
  }

  read(slot: number): PacketSummary {
    const { texts } = this;
    const two = slot * 2;
    const four = slot * TEXTS;
    const icmpType = this.icmp[two];
    const icmpCode = this.icmp[two + 1];
    return {
      id: this.ids[slot],
      proto: PROTOS[this.protos[slot]],
      src: texts[four]!,
      dst: texts[four + 1]!,
      sport: this.ports[two],
      dport: this.ports[two + 1],
      flags: texts[four + 2]!,
      seq: this.seqAck[two],
      ack: this.seqAck[two + 1],
      len: this.sizes[two],
      bytes: this.sizes[two + 1],
      ttl: this.ttls[slot],
      ipId: this.ipIds[slot],
      window: this.windows[slot],
      icmpType: icmpType < 0 ? null : icmpType,
      icmpCode: icmpCode < 0 ? null : icmpCode,
      text: texts[four + 3],
    };
  }

  /** The row says what `s` says. */
  private reads(slot: number, s: PacketSummary): boolean {
    const two = slot * 2;
    return (
      this.ids[slot] === s.id &&
      PROTOS[this.protos[slot]] === s.proto &&
      typeof s.src === 'string' &&
      typeof s.dst === 'string' &&
      typeof s.flags === 'string' &&
      (s.text === null || typeof s.text === 'string') &&
      this.ports[two] === s.sport &&
      this.ports[two + 1] === s.dport &&
      this.seqAck[two] === s.seq &&
      this.seqAck[two + 1] === s.ack &&
      this.sizes[two] === s.len &&
      this.sizes[two + 1] === s.bytes &&
      this.icmp[two] === (s.icmpType ?? -1) &&
      this.icmp[two + 1] === (s.icmpCode ?? -1) &&
      (s.icmpType === null || s.icmpType >= 0) &&
      (s.icmpCode === null || s.icmpCode >= 0) &&
      this.ttls[slot] === s.ttl &&
      this.ipIds[slot] === s.ipId &&
      this.windows[slot] === s.window
    );
  }
}
