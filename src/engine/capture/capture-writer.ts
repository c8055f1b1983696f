import { invariant, violated } from '../errors';
import { asciiBytes } from '../util/ascii';
import { padded4 } from './bytes';
import { MAX_INTERFACES, MAX_PACKET_BYTES } from './limits';

/**
 * Writing captures Wireshark opens: classic pcap (little-endian, microseconds, one link type)
 * and pcapng (one section, one interface description per interface with its name and µs
 * resolution, enhanced packet blocks with the frame's direction when known). Each writer hands
 * out its file as chunks — the header first, then one chunk per frame — so an export of a long
 * run streams instead of growing one buffer. Times are the simulator's integer microseconds.
 */

/** One frame to write: link-layer bytes as they crossed the interface, at `timeUs`. */
export interface CaptureFrame {
  readonly timeUs: number;
  /** pcapng only: which interface (an index into the writer's interfaces). */
  readonly interfaceIndex?: number;
  readonly data: Uint8Array;
  /** The frame's length on the wire when `data` is cut short (a snaplen); default its length. */
  readonly originalBytes?: number;
  /**
   * pcapng only: whether the frame came into or went out of the interface (the epb_flags
   * option); absent, the block has no options. Classic pcap records have no field for it.
   */
  readonly direction?: CaptureDirection;
}

export type CaptureDirection = 'inbound' | 'outbound';

export interface CaptureInterfaceSpec {
  readonly name: string;
  readonly linkType: number;
}

const SNAPLEN = MAX_PACKET_BYTES;
const PCAP_MAGIC_US = 0xa1b2c3d4;
const BLOCK_SHB = 0x0a0d0d0a;
const BLOCK_IDB = 0x00000001;
const BLOCK_EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPTION_END = 0;
const OPTION_IF_NAME = 2;
const OPTION_IF_TSRESOL = 9;
const OPTION_EPB_FLAGS = 2;
/** epb_flags bits 0–1: the packet's direction. */
const EPB_DIRECTION_BITS: Record<CaptureDirection, number> = { inbound: 0b01, outbound: 0b10 };
/** epb_flags (code, length, 4-byte value) and the end-of-options marker. */
const EPB_FLAGS_OPTIONS_BYTES = 12;

function checkFrame(frame: CaptureFrame): void {
  if (!(Number.isSafeInteger(frame.timeUs) && frame.timeUs >= 0))
    violated(`a frame's time is whole µs ≥ 0, got ${frame.timeUs}`);
  if (!(frame.data.length <= SNAPLEN))
    violated(`a frame of ${frame.data.length} bytes is too long`);
  invariant(
    (frame.originalBytes ?? frame.data.length) >= frame.data.length,
    'a frame is never longer than it was on the wire',
  );
}

/** Little-endian writes into a fixed-size block. */
class Block {
  readonly bytes: Uint8Array;
  private readonly view: DataView;

  constructor(length: number) {
    this.bytes = new Uint8Array(length);
    this.view = new DataView(this.bytes.buffer);
  }

  u16(at: number, value: number): this {
    this.view.setUint16(at, value, true);
    return this;
  }

  u32(at: number, value: number): this {
    this.view.setUint32(at, value >>> 0, true);
    return this;
  }

  copy(at: number, data: Uint8Array): this {
    this.bytes.set(data, at);
    return this;
  }
}

/** Classic pcap: one link type, microsecond timestamps; a frame's direction is dropped. */
export class PcapWriter {
  constructor(readonly linkType: number) {
    if (!(Number.isInteger(linkType) && linkType >= 0)) violated(`a link type, got ${linkType}`);
  }

  header(): Uint8Array {
    return new Block(24)
      .u32(0, PCAP_MAGIC_US)
      .u16(4, 2)
      .u16(6, 4)
      .u32(16, SNAPLEN)
      .u32(20, this.linkType).bytes;
  }

  frame(frame: CaptureFrame): Uint8Array {
    checkFrame(frame);
    const seconds = Math.floor(frame.timeUs / 1e6);
    return new Block(16 + frame.data.length)
      .u32(0, seconds)
      .u32(4, frame.timeUs - seconds * 1e6)
      .u32(8, frame.data.length)
      .u32(12, frame.originalBytes ?? frame.data.length)
      .copy(16, frame.data).bytes;
  }
}

/** pcapng: one section, an interface block per interface (name, µs resolution). */
export class PcapngWriter {
  constructor(readonly interfaces: readonly CaptureInterfaceSpec[]) {
    if (!(interfaces.length > 0 && interfaces.length <= MAX_INTERFACES))
      violated(`1 to ${MAX_INTERFACES} interfaces, got ${interfaces.length}`);
  }

  header(): Uint8Array {
    const section = new Block(28)
      .u32(0, BLOCK_SHB)
      .u32(4, 28)
      .u32(8, BYTE_ORDER_MAGIC)
      .u16(12, 1)
      .u16(14, 0)
      .u32(16, 0xffffffff) // section length: not given
      .u32(20, 0xffffffff)
      .u32(24, 28).bytes;
    return concatBytes([section, ...this.interfaces.map(interfaceBlock)]);
  }

  frame(frame: CaptureFrame): Uint8Array {
    checkFrame(frame);
    const index = frame.interfaceIndex ?? 0;
    if (!(index >= 0 && index < this.interfaces.length)) violated(`no interface ${index}`);
    const optionsAt = 28 + padded4(frame.data.length);
    const direction = frame.direction;
    const length = optionsAt + (direction === undefined ? 0 : EPB_FLAGS_OPTIONS_BYTES) + 4;
    // The timestamp is one 64-bit count of µs (if_tsresol 6), split high word first.
    const high = Math.floor(frame.timeUs / 2 ** 32);
    const block = new Block(length)
      .u32(0, BLOCK_EPB)
      .u32(4, length)
      .u32(8, index)
      .u32(12, high)
      .u32(16, frame.timeUs - high * 2 ** 32)
      .u32(20, frame.data.length)
      .u32(24, frame.originalBytes ?? frame.data.length)
      .copy(28, frame.data)
      .u32(length - 4, length);
    if (direction !== undefined) {
      block
        .u16(optionsAt, OPTION_EPB_FLAGS)
        .u16(optionsAt + 2, 4)
        .u32(optionsAt + 4, EPB_DIRECTION_BITS[direction])
        .u16(optionsAt + 8, OPTION_END)
        .u16(optionsAt + 10, 0);
    }
    return block.bytes;
  }
}

function interfaceBlock(spec: CaptureInterfaceSpec): Uint8Array {
  // Port and host names are ASCII in scenarios; anything else is a caller's bug.
  invariant(/^[\x20-\x7e]{1,64}$/.test(spec.name), `an interface name is 1-64 ASCII characters`);
  const name = asciiBytes(spec.name);
  const nameOption = 4 + padded4(name.length);
  const length = 16 + nameOption + 8 + 4 + 4;
  const at = 16 + nameOption;
  return new Block(length)
    .u32(0, BLOCK_IDB)
    .u32(4, length)
    .u16(8, spec.linkType)
    .u32(12, SNAPLEN)
    .u16(16, OPTION_IF_NAME)
    .u16(18, name.length)
    .copy(20, name)
    .u16(at, OPTION_IF_TSRESOL)
    .u16(at + 2, 1)
    .copy(at + 4, Uint8Array.of(6))
    .u16(at + 8, OPTION_END)
    .u16(at + 10, 0)
    .u32(length - 4, length).bytes;
}

/** A whole file from a writer's chunks (small exports; stream the chunks for big ones). */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
