import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../net/ipv4';
import { parseSdpMedia } from './sdp';
import { formatSdp, formatSipMessage, parseSipMessage } from './sip-text';

describe('SIP and SDP text', () => {
  const caller = parseIpv4('192.0.2.30');

  it('round-trips a request with an SDP body', () => {
    const sdp = formatSdp('alice', 42, caller, [
      { kind: 'audio', port: 49_170, format: 0, rtpmap: 'PCMU/8000' },
      { kind: 'video', port: 51_372, format: 96, rtpmap: 'H264/90000' },
    ]);
    const text = formatSipMessage(
      'INVITE sip:bob@198.51.100.40 SIP/2.0',
      [
        ['Call-ID', 'abc@192.0.2.30'],
        ['CSeq', '1 INVITE'],
        ['Content-Type', 'application/sdp'],
      ],
      sdp,
    );
    const m = parseSipMessage(text);
    expect(m?.method).toBe('INVITE');
    expect(m?.headers.get('content-length')).toBe(String(sdp.length));
    expect(m?.headers.get('cseq')).toBe('1 INVITE');
    expect(parseSdpMedia(m?.body ?? '')).toEqual([
      { kind: 'audio', address: caller, port: 49_170 },
      { kind: 'video', address: caller, port: 51_372 },
    ]);
  });

  it('parses responses and refuses non-SIP text', () => {
    const m = parseSipMessage('SIP/2.0 200 OK\r\nCSeq: 2 BYE\r\n\r\n');
    expect([m?.status, m?.reason, m?.headers.get('cseq')]).toEqual([200, 'OK', '2 BYE']);
    expect(parseSipMessage('GET / HTTP/1.1\r\n\r\n')).toBeNull();
  });

  it('lets a medium override the session address and drops disabled media', () => {
    const body =
      'v=0\r\nc=IN IP4 192.0.2.30\r\nm=audio 0 RTP/AVP 0\r\nm=video 6000 RTP/AVP 96\r\nc=IN IP4 192.0.2.31\r\n';
    expect(parseSdpMedia(body)).toEqual([
      { kind: 'video', address: parseIpv4('192.0.2.31'), port: 6000 },
    ]);
  });
});
