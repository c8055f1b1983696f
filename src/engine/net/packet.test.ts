import { describe, expect, it } from 'vitest';
import { builtinScenarios } from '../scenarios';
import { createSimulation } from '../simulation';
import type { TraceEvent } from '../trace-event';
import {
  IPPROTO_ICMP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  Packet,
  type PacketSummary,
  payloadText,
  SUMMARY_TEXT_MAX_CHARS,
  summarizePacket,
  TCP_ACK,
  TCP_FIN,
  TCP_PSH,
  TCP_RST,
  TCP_SYN,
  tcpFlagsText,
} from './packet';
import { formatIpv4 } from './ipv4';
import { PacketPool } from './packet-pool';

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function tcpPacket(payload: Uint8Array): Packet {
  const p = new Packet(0);
  p.id = 42;
  p.proto = IPPROTO_TCP;
  p.srcAddr = 0xc000020a; // 192.0.2.10
  p.dstAddr = 0xc6336414; // 198.51.100.20
  p.srcPort = 50047;
  p.dstPort = 21;
  p.ttl = 63;
  p.ipId = 7;
  p.seq = 1000;
  p.ack = 2000;
  p.flags = TCP_PSH | TCP_ACK;
  p.window = 502;
  p.setPayload(payload, 0, payload.length);
  return p;
}

describe('summarizePacket', () => {
  it('copies the IPv4 and TCP header fields and an FTP command as text', () => {
    const s = summarizePacket(tcpPacket(bytes('USER anonymous\r\n')));
    expect(s).toEqual({
      id: 42,
      proto: 'tcp',
      src: '192.0.2.10',
      dst: '198.51.100.20',
      sport: 50047,
      dport: 21,
      flags: 'P.',
      seq: 1000,
      ack: 2000,
      len: 16,
      bytes: 56,
      ttl: 63,
      ipId: 7,
      window: 502,
      icmpType: null,
      icmpCode: null,
      text: 'USER anonymous\r\n',
    } satisfies PacketSummary);
  });

  it('gives ICMP its type and code, and UDP no window', () => {
    const icmp = new Packet(0);
    icmp.proto = IPPROTO_ICMP;
    icmp.icmpType = 3;
    icmp.icmpCode = 3;
    icmp.icmpId = 9;
    expect(summarizePacket(icmp)).toMatchObject({ icmpType: 3, icmpCode: 3, sport: 9 });
    const udp = new Packet(0);
    udp.proto = IPPROTO_UDP;
    udp.window = 99;
    expect(summarizePacket(udp)).toMatchObject({ window: 0, icmpType: null, text: null });
  });
});

describe('summary texts made once', () => {
  it('spells every combination of flags as tcpdump does', () => {
    const letters: [number, string][] = [
      [TCP_SYN, 'S'],
      [TCP_FIN, 'F'],
      [TCP_RST, 'R'],
      [TCP_PSH, 'P'],
      [TCP_ACK, '.'],
    ];
    for (let flags = 0; flags < 256; flags++) {
      const spelt = letters.map(([bit, letter]) => (flags & bit ? letter : '')).join('');
      expect(tcpFlagsText(flags)).toBe(spelt || 'none');
    }
  });

  it('names every address right, past the bound of addresses it remembers', () => {
    const p = new Packet(0);
    p.proto = IPPROTO_UDP;
    for (let k = 0; k < 10_000; k += 7) {
      p.srcAddr = 0xc0000000 + k * 977;
      p.dstAddr = 0xc6336414;
      const s = summarizePacket(p);
      expect([s.src, s.dst]).toEqual([formatIpv4(p.srcAddr), '198.51.100.20']);
    }
  });
});

describe('summarizePacket', () => {
  /** The summary a packet with the same fields but no summary taken yet gets. */
  function fresh(p: Packet): PacketSummary {
    const twin = Object.assign(new Packet(1), p);
    twin.summary = null;
    return summarizePacket(twin);
  }

  it('gives the summary taken last again while the packet says the same, a new one on a change', () => {
    const p = new Packet(0);
    p.id = 7;
    p.proto = IPPROTO_TCP;
    p.srcAddr = 0xc000020a;
    p.dstAddr = 0xc6336414;
    const first = summarizePacket(p);
    expect(summarizePacket(p)).toBe(first);
    const changes: ((q: Packet) => void)[] = [
      (q) => q.ttl--,
      (q) => (q.ipId = 9),
      (q) => (q.seq = 1_000),
      (q) => (q.ack = 2_000),
      (q) => (q.flags = TCP_ACK),
      (q) => (q.window = 512),
      (q) => (q.srcPort = 40_000),
      (q) => (q.dstPort = 21),
      (q) => (q.srcAddr = 0xc000020b),
      (q) => (q.dstAddr = 0xc6336415),
      (q) => (q.mssOption = 1_460),
      (q) => (q.id = 8),
      (q) => (q.proto = IPPROTO_UDP),
      (q) => (q.proto = IPPROTO_ICMP),
      (q) => (q.icmpType = 8),
      (q) => (q.icmpCode = 1),
      (q) => (q.icmpId = 3),
      (q) => (q.icmpSeq = 4),
      (q) => (q.proto = IPPROTO_TCP),
      (q) => (q.wscaleOption = 7),
    ];
    let last = first;
    for (const change of changes) {
      change(p);
      const now = summarizePacket(p);
      expect(now).not.toBe(last);
      expect(now).toEqual(fresh(p));
      last = now;
    }
  });
});

describe('payloadText', () => {
  it('keeps line-based text, bounded', () => {
    expect(payloadText(bytes('SIP/2.0 200 OK\r\nVia: x\r\n\r\n'), 26)).toBe(
      'SIP/2.0 200 OK\r\nVia: x\r\n\r\n',
    );
    const long = bytes(`${'a'.repeat(2 * SUMMARY_TEXT_MAX_CHARS)}\n`);
    expect(payloadText(long, long.length)).toBe('a'.repeat(SUMMARY_TEXT_MAX_CHARS));
  });

  it('refuses binary payloads, payloads that end no line, and empty ones', () => {
    expect(payloadText(Uint8Array.from([0x41, 0x00, 0x42, 0x0a]), 4)).toBeNull();
    expect(payloadText(bytes('RETR big.iso'), 12)).toBeNull();
    expect(payloadText(bytes('220 ready\r\n'), 0)).toBeNull();
    // Only the first `length` bytes count: a longer buffer's line end is not this payload's.
    expect(payloadText(bytes('ab\n'), 2)).toBeNull();
  });
});

describe('packet ids', () => {
  it('a pooled packet object gets a new id each time it is reused', () => {
    const pool = new PacketPool();
    const first = pool.alloc(0);
    const firstId = first.id;
    pool.release(first);
    const again = pool.alloc(1);
    expect(again).toBe(first);
    expect(again.id).not.toBe(firstId);
    expect(pool.clone(again).id).not.toBe(again.id);
  });

  it('every event of one packet id in a run describes the same packet, once per link', () => {
    const sim = createSimulation(builtinScenarios['ftp-crash']);
    const byId = new Map<number, { summary: PacketSummary; links: string[] }>();
    const texts: string[] = [];
    sim.trace.subscribe((e: TraceEvent) => {
      if (!('packet' in e)) return;
      const seen = byId.get(e.packet.id);
      if (seen === undefined) byId.set(e.packet.id, { summary: e.packet, links: [] });
      else expect(sameHeaders(seen.summary, e.packet)).toBe(true);
      if (e.kind === 'link.transmit') byId.get(e.packet.id)?.links.push(e.link);
      if (e.packet.text !== null) texts.push(e.packet.text);
    });
    sim.runUntil(100_000);
    expect(byId.size).toBeGreaterThan(1000);
    for (const { links } of byId.values()) expect(new Set(links).size).toBe(links.length);
    expect(texts).toContain('USER anonymous\r\n');
  });
});

/** The fields no hop changes (the router decrements the TTL). */
function sameHeaders(a: PacketSummary, b: PacketSummary): boolean {
  return (
    a.proto === b.proto &&
    a.src === b.src &&
    a.dst === b.dst &&
    a.sport === b.sport &&
    a.dport === b.dport &&
    a.seq === b.seq &&
    a.ack === b.ack &&
    a.len === b.len &&
    a.ipId === b.ipId
  );
}
