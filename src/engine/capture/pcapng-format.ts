import { padded4, u16, u32, u64Parts } from './bytes';
import { byteCount, CaptureError, hex32 } from './capture-error';
import { MAX_INTERFACE_NAME_CHARS } from './limits';
import { forEachOption } from './pcapng-options';
import { MICROSECONDS, resolutionOfByte, type TimeResolution } from './timestamp';

/**
 * pcapng blocks: a type, a total length, the body, the total length again, all in the byte
 * order of the section's header block. Offsets below are within the block; `fileOffset` (the
 * block's place in the file) only serves the messages.
 */
export const BLOCK_SECTION_HEADER = 0x0a0d0d0a;
export const BLOCK_INTERFACE_DESCRIPTION = 1;
export const BLOCK_OBSOLETE_PACKET = 2;
export const BLOCK_SIMPLE_PACKET = 3;
export const BLOCK_ENHANCED_PACKET = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

const OPT_IF_NAME = 2;
const OPT_IF_TSRESOL = 9;
const OPT_IF_TSOFFSET = 14;

/** The smallest length of each block type; every other block has at least 12 bytes. */
const MINIMUM_BYTES = new Map([
  [BLOCK_SECTION_HEADER, 28],
  [BLOCK_INTERFACE_DESCRIPTION, 20],
  [BLOCK_OBSOLETE_PACKET, 32],
  [BLOCK_SIMPLE_PACKET, 16],
  [BLOCK_ENHANCED_PACKET, 32],
]);

/** The blocks read, as messages name them. */
const READ_NAMES = new Map([
  [BLOCK_SECTION_HEADER, 'a section header block'],
  [BLOCK_INTERFACE_DESCRIPTION, 'an interface description block'],
  [BLOCK_OBSOLETE_PACKET, 'a packet block'],
  [BLOCK_SIMPLE_PACKET, 'a simple packet block'],
  [BLOCK_ENHANCED_PACKET, 'an enhanced packet block'],
]);

/** The blocks skipped, as the summary counts them. */
const SKIPPED_KINDS = new Map([
  [4, 'name-resolution'],
  [5, 'interface-statistics'],
  [7, 'irig-timestamp'],
  [8, 'arinc-429'],
  [9, 'systemd-journal-export'],
  [10, 'decryption-secrets'],
  [0x0bad, 'custom'],
  [0x4000_0bad, 'custom'],
]);

/** The block types the reader decodes; every other block is skipped and counted by kind. */
export function isReadBlock(type: number): boolean {
  return READ_NAMES.has(type);
}

/** A skipped block's counter name: "name-resolution", "custom", "block-0x00000bee". */
export function skippedBlockKind(type: number): string {
  return SKIPPED_KINDS.get(type) ?? `block-${hex32(type)}`;
}

/** "an enhanced packet block", "a name-resolution block", "a block of type 0x00000bee". */
export function describeBlock(type: number): string {
  const read = READ_NAMES.get(type);
  if (read !== undefined) return read;
  const kind = SKIPPED_KINDS.get(type);
  if (kind === undefined) return `a block of type ${hex32(type)}`;
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} block`;
}

export function minimumBlockBytes(type: number): number {
  return MINIMUM_BYTES.get(type) ?? 12;
}

/** The byte order of a section, from its header block's first 12 bytes. */
export function sectionByteOrder(head: Uint8Array, fileOffset: number): boolean {
  if (u32(head, 8, true) === BYTE_ORDER_MAGIC) return true;
  if (u32(head, 8) === BYTE_ORDER_MAGIC) return false;
  throw new CaptureError(
    fileOffset + 8,
    `expected the byte-order magic 0x1a2b3c4d, found ${hex32(u32(head, 8))}`,
  );
}

export function checkSectionHeader(block: Uint8Array, little: boolean, fileOffset: number): void {
  const major = u16(block, 12, little);
  if (major !== 1) {
    const minor = u16(block, 14, little);
    throw new CaptureError(fileOffset + 12, `expected pcapng version 1, found ${major}.${minor}`);
  }
}

export interface InterfaceDescription {
  readonly linkType: number;
  readonly snapLengthBytes: number;
  readonly resolution: TimeResolution;
  readonly offsetSeconds: bigint;
  readonly name: string;
}

export function readInterfaceDescription(
  block: Uint8Array,
  little: boolean,
  fileOffset: number,
): InterfaceDescription {
  let resolution = MICROSECONDS;
  let offsetSeconds = 0n;
  let name = '';
  const fixedLength = (code: string, at: number, length: number, expected: number) => {
    if (length !== expected) {
      throw new CaptureError(
        fileOffset + at - 4,
        `option ${code} must hold ${byteCount(expected)}, found ${length}`,
      );
    }
  };
  forEachOption(block, 16, block.length - 4, little, fileOffset, (code, at, length) => {
    if (code === OPT_IF_TSRESOL) {
      fixedLength('if_tsresol', at, length, 1);
      resolution = resolutionOfByte(block[at]);
    } else if (code === OPT_IF_TSOFFSET) {
      fixedLength('if_tsoffset', at, length, 8);
      // A signed 64-bit count of seconds, in the section's byte order.
      const [high, low] = little ? [at + 4, at] : [at, at + 4];
      offsetSeconds = BigInt.asIntN(
        64,
        u64Parts(u32(block, high, little), u32(block, low, little)),
      );
    } else if (code === OPT_IF_NAME) {
      name = printable(block.subarray(at, at + Math.min(length, MAX_INTERFACE_NAME_CHARS)));
    }
  });
  return {
    linkType: u16(block, 8, little),
    snapLengthBytes: u32(block, 12, little),
    resolution,
    offsetSeconds,
    name,
  };
}

/** Printable ASCII as it is; any other byte as '?'; a trailing NUL terminator dropped. */
function printable(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '?';
  return bytes[bytes.length - 1] === 0 ? text.slice(0, -1) : text;
}

/** What a packet block holds, whichever its type. */
export interface PacketBlock {
  readonly interfaceId: number;
  /** Timestamp in the interface's units; null for a simple packet block. */
  readonly units: bigint | null;
  readonly capturedBytes: number;
  readonly originalBytes: number;
  readonly dataAt: number;
}

/** An enhanced (type 6) or obsolete (type 2) packet block; their layouts differ in one field. */
export function readPacketBlock(
  block: Uint8Array,
  type: number,
  little: boolean,
  fileOffset: number,
): PacketBlock {
  const interfaceId =
    type === BLOCK_ENHANCED_PACKET ? u32(block, 8, little) : u16(block, 8, little);
  const capturedBytes = u32(block, 20, little);
  if (28 + padded4(capturedBytes) + 4 > block.length) {
    throw new CaptureError(
      fileOffset + 20,
      `a captured length of ${capturedBytes} does not fit ${describeBlock(type)} of ${block.length} bytes`,
    );
  }
  return {
    interfaceId,
    units: u64Parts(u32(block, 12, little), u32(block, 16, little)),
    capturedBytes,
    originalBytes: u32(block, 24, little),
    dataAt: 28,
  };
}

/**
 * A simple packet block: no interface id (it is interface 0), no timestamp, no captured length
 * — the spec's rule is the smallest of the original length, the interface's snaplen (0: none)
 * and the room in the block.
 */
export function readSimplePacket(
  block: Uint8Array,
  little: boolean,
  snapLengthBytes: number,
): PacketBlock {
  const originalBytes = u32(block, 8, little);
  let capturedBytes = Math.min(originalBytes, block.length - 16);
  if (snapLengthBytes > 0) capturedBytes = Math.min(capturedBytes, snapLengthBytes);
  return { interfaceId: 0, units: null, capturedBytes, originalBytes, dataAt: 12 };
}
