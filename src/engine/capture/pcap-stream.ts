import {
  PCAP_FILE_HEADER_BYTES,
  PCAP_RECORD_HEADER_BYTES,
  pcapTimeUs,
  readPcapFileHeader,
  readPcapRecordHeader,
  type PcapFileHeader,
} from './pcap-format';
import {
  CONTINUE,
  DONE,
  NEED_MORE,
  type FormatStream,
  type Step,
  type StreamContext,
} from './stream-context';
import { formatResolution, MICROSECONDS, NANOSECONDS } from './timestamp';

/** Reads a libpcap file: the file header, then one record per step. */
export class PcapStream implements FormatStream {
  private file: PcapFileHeader | null = null;

  constructor(private readonly context: StreamContext) {}

  step(): Step {
    return this.file === null ? this.readFileHeader() : this.readRecord(this.file);
  }

  private readFileHeader(): Step {
    const { queue, summary } = this.context;
    const bytes = this.context.need(PCAP_FILE_HEADER_BYTES, 'a pcap file header');
    if (bytes === null) return NEED_MORE;
    const file = readPcapFileHeader(bytes);
    summary.format = 'pcap';
    summary.sections = 1;
    summary.addInterface({
      section: 0,
      idInSection: 0,
      linkType: file.linkType,
      snapLengthBytes: file.snapLengthBytes,
      timeResolution: formatResolution(file.nanoseconds ? NANOSECONDS : MICROSECONDS),
      name: '',
    });
    queue.skip(PCAP_FILE_HEADER_BYTES);
    this.file = file;
    return CONTINUE;
  }

  private readRecord(file: PcapFileHeader): Step {
    const { context } = this;
    if (context.atCleanEnd()) return DONE;
    const offset = context.queue.offset;
    const head = context.need(PCAP_RECORD_HEADER_BYTES, 'a pcap record header');
    if (head === null) return NEED_MORE;
    const record = readPcapRecordHeader(head, file, offset);
    const total = PCAP_RECORD_HEADER_BYTES + record.capturedBytes;
    const bytes = context.need(total, `a pcap record of ${record.capturedBytes} captured bytes`);
    if (bytes === null) return NEED_MORE;
    const result = context.frame({
      interfaceIndex: 0,
      linkType: file.linkType,
      timeUs: pcapTimeUs(file, record) ?? 'bad',
      originalBytes: record.originalBytes,
      data: bytes.subarray(PCAP_RECORD_HEADER_BYTES),
    });
    context.queue.skip(total);
    return result;
  }
}
