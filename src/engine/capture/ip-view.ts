import type { CapturePacket } from './capture-packet';

/** An IP packet's headers as read from a frame (its packet's fields) and where its transport lies. */
export interface IpView extends Pick<
  CapturePacket,
  'network' | 'src' | 'dst' | 'ttl' | 'ipProtocol' | 'ipBytes' | 'fragment'
> {
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
