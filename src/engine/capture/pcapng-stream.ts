import { invariant } from '../errors';
import { u32 } from './bytes';
import { CaptureError } from './capture-error';
import { MAX_INTERFACES, MAX_PACKET_BYTES } from './limits';
import { checkLength, checkTrailer } from './pcapng-checks';
import {
  BLOCK_ENHANCED_PACKET,
  BLOCK_INTERFACE_DESCRIPTION,
  BLOCK_OBSOLETE_PACKET,
  BLOCK_SECTION_HEADER,
  BLOCK_SIMPLE_PACKET,
  describeBlock,
  checkSectionHeader,
  isReadBlock,
  readInterfaceDescription,
  readPacketBlock,
  readSimplePacket,
  sectionByteOrder,
  skippedBlockKind,
  type InterfaceDescription,
} from './pcapng-format';
import {
  CONTINUE,
  DONE,
  endsEarly,
  NEED_MORE,
  type FormatStream,
  type Step,
  type StreamContext,
} from './stream-context';
import { formatResolution, toMicroseconds } from './timestamp';

/** The current section: its byte order and its interfaces' indices in the whole file. */
interface Section {
  readonly littleEndian: boolean;
  readonly interfaces: number[];
}

/** A block being skipped as it streams past: only its trailing length is kept to check. */
interface Skipping {
  readonly offset: number;
  readonly totalBytes: number;
  readonly what: string;
  remaining: number;
}

/** Reads a pcapng file one block per step, several sections and interfaces included. */
export class PcapngStream implements FormatStream {
  private section: Section | null = null;
  private skipping: Skipping | null = null;
  /** Interface descriptions by index in the file (the summary holds their public side). */
  private readonly interfaces: InterfaceDescription[] = [];

  constructor(private readonly context: StreamContext) {
    context.summary.format = 'pcapng';
  }

  step(): Step {
    if (this.skipping !== null) return this.skip(this.skipping);
    const { context } = this;
    if (context.atCleanEnd()) return DONE;
    const offset = context.queue.offset;
    const head = context.need(12, 'a pcapng block');
    if (head === null) return NEED_MORE;
    // The section header's type reads the same in both byte orders; its magic gives the order.
    const isSection = u32(head, 0) === BLOCK_SECTION_HEADER;
    invariant(isSection || this.section !== null, 'a pcapng file starts with a section header');
    const little = isSection
      ? sectionByteOrder(head, offset)
      : (this.section as Section).littleEndian;
    const type = u32(head, 0, little);
    const totalBytes = u32(head, 4, little);
    const what = describeBlock(type);
    checkLength(type, totalBytes, offset, what);
    if (!isReadBlock(type)) {
      context.summary.addSkippedBlock(skippedBlockKind(type));
      this.skipping = { offset, totalBytes, what, remaining: totalBytes - 4 };
      return CONTINUE;
    }
    const block = context.need(totalBytes, what);
    if (block === null) return NEED_MORE;
    checkTrailer(u32(block, totalBytes - 4, little), totalBytes, offset);
    const result = this.readBlock(type, block, little, offset);
    context.queue.skip(totalBytes);
    return result;
  }

  private readBlock(type: number, block: Uint8Array, little: boolean, offset: number): Step {
    const { summary } = this.context;
    if (type === BLOCK_SECTION_HEADER) {
      checkSectionHeader(block, little, offset);
      this.section = { littleEndian: little, interfaces: [] };
      summary.sections++;
      return CONTINUE;
    }
    const section = this.section as Section;
    if (type === BLOCK_INTERFACE_DESCRIPTION) {
      if (this.interfaces.length === MAX_INTERFACES) {
        throw new CaptureError(offset, `a file may describe at most ${MAX_INTERFACES} interfaces`);
      }
      const description = readInterfaceDescription(block, little, offset);
      const index = summary.addInterface({
        section: summary.sections - 1,
        idInSection: section.interfaces.length,
        linkType: description.linkType,
        snapLengthBytes: description.snapLengthBytes,
        timeResolution: formatResolution(description.resolution),
        name: description.name,
      });
      this.interfaces.push(description);
      section.interfaces.push(index);
      return CONTINUE;
    }
    invariant(
      type === BLOCK_ENHANCED_PACKET ||
        type === BLOCK_OBSOLETE_PACKET ||
        type === BLOCK_SIMPLE_PACKET,
      'every block read is a packet block by now',
    );
    const first = this.interfaces[section.interfaces[0]];
    const packet =
      type === BLOCK_SIMPLE_PACKET
        ? readSimplePacket(block, little, first?.snapLengthBytes ?? 0)
        : readPacketBlock(block, type, little, offset);
    if (packet.interfaceId >= section.interfaces.length) {
      // A simple packet block has no interface field: it means interface 0.
      const simple = type === BLOCK_SIMPLE_PACKET;
      throw new CaptureError(
        simple ? offset : offset + 8,
        `${describeBlock(type)} ${simple ? 'belongs to' : 'names'} interface ${packet.interfaceId}, but its section describes ${section.interfaces.length}`,
      );
    }
    if (packet.capturedBytes > MAX_PACKET_BYTES) {
      // The field that says so: a simple block's original length, the others' captured length.
      throw new CaptureError(
        type === BLOCK_SIMPLE_PACKET ? offset + 8 : offset + 20,
        `a packet of ${packet.capturedBytes} captured bytes is bigger than the maximum of ${MAX_PACKET_BYTES}`,
      );
    }
    const index = section.interfaces[packet.interfaceId];
    const description = this.interfaces[index];
    const timeUs =
      packet.units === null
        ? null
        : (toMicroseconds(packet.units, description.resolution, description.offsetSeconds) ??
          'bad');
    return this.context.frame({
      interfaceIndex: index,
      linkType: description.linkType,
      timeUs,
      originalBytes: packet.originalBytes,
      data: block.subarray(packet.dataAt, packet.dataAt + packet.capturedBytes),
    });
  }

  /** Discards a skipped block's body as it arrives, then checks its trailing length. */
  private skip(skipping: Skipping): Step {
    const { queue, ended } = this.context;
    const discard = Math.min(skipping.remaining, queue.available);
    queue.skip(discard);
    skipping.remaining -= discard;
    const trailer = skipping.remaining === 0 ? queue.peek(4) : null;
    if (trailer === null) {
      if (!ended) return NEED_MORE;
      const seen = skipping.totalBytes - 4 - skipping.remaining + queue.available;
      throw endsEarly(skipping.offset, skipping.what, skipping.totalBytes, seen);
    }
    const little = (this.section as Section).littleEndian;
    checkTrailer(u32(trailer, 0, little), skipping.totalBytes, skipping.offset);
    queue.skip(4);
    this.skipping = null;
    return CONTINUE;
  }
}
