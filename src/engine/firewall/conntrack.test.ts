import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../net/ipv4';
import {
  ICMP_ECHO_REPLY,
  ICMP_ECHO_REQUEST,
  TCP_ACK,
  TCP_FIN,
  TCP_RST,
  TCP_SYN,
} from '../net/packet';
import { Injector } from '../testing/inject';

const SYN = TCP_SYN;
const SYNACK = TCP_SYN | TCP_ACK;
const ACK = TCP_ACK;
const FINACK = TCP_FIN | TCP_ACK;

/** A client inside opens a connection to port 80 outside: three-way handshake. */
function handshake(fw: Injector, sport = 40_000, dport = 80): string[] {
  return [
    fw.tcp(true, sport, dport, SYN, 1000, 0),
    fw.tcp(false, dport, sport, SYNACK, 5000, 1001),
    fw.tcp(true, sport, dport, ACK, 1001, 5001),
  ];
}

describe('connection tracking', () => {
  it('admits a new connection from inside, then its replies as established', () => {
    const fw = new Injector();
    expect(handshake(fw)).toEqual([
      'accept: rule 4 [new]',
      'accept: rule 3 [established]',
      'accept: rule 3 [established]',
    ]);
    expect(fw.live()).toEqual(['tcp 192.0.2.10:40000 → 198.51.100.20:80 #1']);
    const history = fw.sim.runtime?.shared.ledger.entries[0];
    expect(history?.states).toEqual(['SYN_SENT', 'SYN_RECV', 'ESTABLISHED']);
  });

  it('refuses a new connection from outside by the chain policy', () => {
    const fw = new Injector();
    expect(fw.tcp(false, 40_000, 22, SYN, 1, 0)).toBe('drop: policy (forward) [new]');
    expect(fw.live()).toEqual([]); // a refused first packet leaves no connection behind
  });

  it('mid-stream: strict drops a packet of no known connection, loose picks it up', () => {
    const strict = new Injector({ midStream: 'strict' });
    expect(strict.tcp(true, 40_000, 80, ACK, 1001, 5001)).toBe(
      'drop: unknown mid-stream [invalid]',
    );
    const loose = new Injector({ midStream: 'loose' });
    expect(loose.tcp(false, 80, 40_000, ACK, 5001, 1001)).toBe('drop: policy (forward) [new]');
    expect(loose.tcp(true, 40_000, 80, ACK, 1001, 5001)).toBe('accept: rule 4 [new]');
    expect(loose.tcp(false, 80, 40_000, ACK, 5001, 1001)).toBe('accept: rule 3 [established]');
    expect(loose.sim.runtime?.shared.ledger.entries[0].states).toEqual(['ESTABLISHED']);
  });

  it('drops what conntrack finds invalid before the rules, naming why', () => {
    const fw = new Injector();
    handshake(fw);
    // Data far beyond anything the receiver could have advertised.
    expect(fw.tcp(true, 40_000, 80, ACK, 900_000_000, 5001, 'x')).toBe(
      'drop: invalid state: out of window [invalid]',
    );
    // An ACK for data that was never sent.
    expect(fw.tcp(false, 80, 40_000, ACK, 5001, 800_000_000)).toBe(
      'drop: invalid state: ACK out of window [invalid]',
    );
    const rulesDecide = new Injector({ invalid: 'rules' });
    handshake(rulesDecide);
    expect(rulesDecide.tcp(true, 40_000, 80, ACK, 900_000_000, 5001, 'x')).toBe(
      'drop: policy (forward) [invalid]',
    );
  });

  it('reopens a connection in TIME_WAIT for a new SYN on the same ports, with a new id', () => {
    const fw = new Injector();
    handshake(fw);
    fw.tcp(true, 40_000, 80, FINACK, 1001, 5001);
    fw.tcp(false, 80, 40_000, FINACK, 5001, 1002);
    fw.tcp(true, 40_000, 80, ACK, 1002, 5002);
    expect(fw.sim.runtime?.shared.ledger.entries[0].states.at(-1)).toBe('TIME_WAIT');
    expect(fw.tcp(true, 40_000, 80, SYN, 90_000, 0)).toBe('accept: rule 4 [new]');
    expect(fw.live()).toEqual(['tcp 192.0.2.10:40000 → 198.51.100.20:80 #2']);
    expect(fw.sim.runtime?.shared.ledger.entries[0]).toMatchObject({ endReason: 'reopened' });
  });

  it('expires idle connections by their state timeout', () => {
    const fw = new Injector({ timeouts: { tcpSynSentUs: 5_000_000 } });
    fw.tcp(true, 40_000, 80, SYN, 1000, 0);
    fw.wait(4_000_000);
    expect(fw.live()).toHaveLength(1);
    fw.wait(3_000_000);
    expect(fw.live()).toEqual([]);
    expect(fw.sim.runtime?.shared.ledger.entries[0]).toMatchObject({ endReason: 'expired' });
  });

  it('tracks UDP from unreplied to replied to assured', () => {
    const fw = new Injector();
    expect(fw.udp(true, 5000, 53)).toBe('accept: rule 4 [new]');
    fw.wait(100);
    expect(fw.udp(false, 53, 5000)).toBe('accept: rule 3 [established]');
    fw.wait(3_000_000);
    fw.udp(true, 5000, 53);
    expect(fw.sim.runtime?.shared.ledger.entries[0].states).toEqual([
      'UNREPLIED',
      'REPLIED',
      'ASSURED',
    ]);
  });

  it('tracks ICMP echo by identifier; a reply with no request is invalid', () => {
    const fw = new Injector();
    expect(fw.icmp(false, ICMP_ECHO_REPLY, 7)).toMatch(/^drop: invalid state/);
    expect(fw.icmp(true, ICMP_ECHO_REQUEST, 7)).toBe('accept: rule 4 [new]');
    expect(fw.icmp(false, ICMP_ECHO_REPLY, 7)).toBe('accept: rule 3 [established]');
  });

  it('refuses new connections when the table is full', () => {
    const fw = new Injector({ maxConnections: 2 });
    fw.udp(true, 1, 53);
    fw.udp(true, 2, 53);
    expect(fw.udp(true, 3, 53)).toBe('drop: connection table full [invalid]');
    expect(fw.sim.ctx.counters.droppedByReason()['firewall-table-full']).toBe(1);
  });

  it('rate-limits broadcast and multicast per source (broadcast-storm guard)', () => {
    const fw = new Injector({ broadcastPacketsPerSecond: 10, broadcastBurst: 3 });
    const multicast = parseIpv4('239.1.1.1');
    const verdicts = Array.from({ length: 5 }, () => fw.udp(true, 1, 9, multicast));
    // The first three pass the guard (and then meet the router: no route); the rest are limited.
    expect(verdicts.slice(3)).toEqual([
      'drop: rate limited [untracked]',
      'drop: rate limited [untracked]',
    ]);
    expect(fw.sim.ctx.counters.droppedByReason()).toMatchObject({
      'firewall-rate-limit': 2,
      'no-route': 3,
    });
  });

  it('answers reject with tcp reset by sending a RST back to the sender', () => {
    const fw = new Injector({ rules: 'tcp dport 23 reject with tcp reset\nct state new accept\n' });
    const sent: string[] = [];
    fw.sim.trace.subscribe((e) => {
      if (e.kind === 'link.transmit' && e.link.includes('eth0 →'))
        sent.push(`${e.packet.flags} ${e.packet.src}`);
    });
    expect(fw.tcp(true, 40_000, 23, SYN, 1, 0)).toBe('reject: rule 1 [new]');
    expect(sent).toEqual(['R. 198.51.100.20']);
  });
});

describe('a ruleset without a forward chain', () => {
  it('forwards everything, as Linux does, and says why', () => {
    const fw = new Injector({
      rules:
        'table inet filter {\n  chain input {\n    type filter hook input priority 0; policy drop;\n  }\n}\n',
    });
    expect(fw.tcp(false, 40_000, 22, TCP_SYN, 1, 0)).toBe('accept: no forward chain [new]');
    expect(fw.sim.firewall?.verdicts.summary()).toEqual([
      { verdict: 'accept', reason: 'no-chain', rule: null, chain: null, packets: 1 },
    ]);
  });
});

describe('regressions', () => {
  it('an RST answering a SYN ends that TCP attempt only, not the next UDP connection', () => {
    const fw = new Injector();
    const named: Array<string | null> = [];
    fw.sim.trace.subscribe((e) => {
      if (e.kind === 'firewall.verdict') named.push(e.connection);
    });
    fw.udp(true, 5000, 53);
    fw.udp(false, 53, 5000);
    fw.tcp(true, 40_000, 80, TCP_SYN, 1000, 0);
    fw.tcp(false, 80, 40_000, TCP_RST | TCP_ACK, 0, 1001);
    // The RST's verdict still names the connection it has just ended.
    expect(named.at(-1)).toBe('tcp 192.0.2.10:40000 → 198.51.100.20:80 #2');
    const ended = fw.sim.runtime?.shared.ledger.entries[1];
    expect([ended?.endReason, ended?.packets]).toEqual([
      'reset before any reply',
      { accepted: 2, dropped: 0 },
    ]);
    expect(fw.udp(true, 5000, 53)).toBe('accept: rule 3 [established]');
    expect(fw.live()).toEqual(['udp 192.0.2.10:5000 → 198.51.100.20:53 #1']);
  });

  it('a packet the broadcast guard refuses is charged to no connection', () => {
    const fw = new Injector({ broadcastPacketsPerSecond: 1, broadcastBurst: 1 });
    const [syn] = handshake(fw);
    expect(syn).toBe('accept: rule 4 [new]');
    fw.udp(true, 1, 9, parseIpv4('239.1.1.1'));
    fw.udp(true, 1, 9, parseIpv4('239.1.1.1'));
    expect(fw.sim.runtime?.shared.ledger.entries[0].packets).toEqual({ accepted: 3, dropped: 0 });
  });

  it('takes a packet whose tuple is its own reverse (a LAND packet) as one connection', () => {
    // Same address and port at both ends: its reply tuple is its original tuple. Entered
    // once per direction, the second entry clashed with the first and stopped the run.
    const fw = new Injector();
    const self = parseIpv4('192.0.2.10');
    expect(fw.udp(true, 53, 53, self)).toBe('accept: rule 4 [new]');
    expect(fw.udp(true, 53, 53, self)).toBe('accept: rule 4 [new]');
    expect(fw.live()).toEqual(['udp 192.0.2.10:53 → 192.0.2.10:53 #1']);
    expect(fw.sim.runtime?.shared.ledger.entries[0].packets).toEqual({ accepted: 2, dropped: 0 });
  });
});
