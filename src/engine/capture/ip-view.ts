import type { CaptureFragment, CaptureNetwork } from './capture-packet';

/** An IP packet's headers as read from a frame, and where its transport layer lies. */
export interface IpView {
  readonly network: CaptureNetwork;
  readonly src: string;
  readonly dst: string;
  readonly ttl: number;
  readonly ipProtocol: number;
  readonly ipBytes: number;
  readonly fragment: CaptureFragment | null;
  /** Offset in the frame where the transport header starts (after any extension headers). */
  readonly transportStart: number;
  /**
   * Offset in the frame where the packet's captured bytes end: the header's length or the
   * snaplen, whichever comes first, so Ethernet padding and trailers are never payload.
   */
  readonly end: number;
  /** Bytes from transportStart to the end of the packet, as the headers state it. */
  readonly transportBytes: number;
}
