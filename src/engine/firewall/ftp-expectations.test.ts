import { describe, expect, it } from 'vitest';
import { TCP_ACK, TCP_PSH, TCP_SYN } from '../net/packet';
import { Injector } from '../testing/inject';

const SYN = TCP_SYN;
const DATA = TCP_ACK | TCP_PSH;

/**
 * An FTP control connection from the inside client (port 40000) to the server's port 21, so
 * the default ruleset assigns the FTP helper; returns functions that send control text.
 */
function control(fw: Injector) {
  fw.tcp(true, 40_000, 21, SYN, 1000, 0);
  fw.tcp(false, 21, 40_000, TCP_SYN | TCP_ACK, 5000, 1001);
  fw.tcp(true, 40_000, 21, TCP_ACK, 1001, 5001);
  let clientSeq = 1001;
  let serverSeq = 5001;
  return {
    client(text: string) {
      fw.tcp(true, 40_000, 21, DATA, clientSeq, serverSeq, text);
      clientSeq += text.length;
    },
    server(text: string) {
      fw.tcp(false, 21, 40_000, DATA, serverSeq, clientSeq, text);
      serverSeq += text.length;
    },
    /** The server acknowledges what the client sent (else conntrack's UNACK timeout applies). */
    serverAck() {
      fw.tcp(false, 21, 40_000, TCP_ACK, serverSeq, clientSeq);
    },
  };
}

/** The server's active-mode data connection: from port 20 outside to the client's port 50000. */
const activeSyn = (fw: Injector) => fw.tcp(false, 20, 50_000, SYN, 7, 0);
const expectations = (fw: Injector) => fw.sim.firewall?.conntrack.expectations;
const refusedCount = (fw: Injector) => fw.sim.firewall?.conntrack.expectations.stats.refused;

describe('FTP helper expectations through the firewall', () => {
  it('without an announcement the server cannot connect in', () => {
    const fw = new Injector();
    control(fw);
    expect(activeSyn(fw)).toBe('drop: policy (forward) [new]');
  });

  it.each(['PORT 192,0,2,10,195,80\r\n', 'EPRT |1|192.0.2.10|50000|\r\n'])(
    '%j admits the data connection as related',
    (line) => {
      const fw = new Injector();
      control(fw).client(line);
      expect(expectations(fw)?.size).toBe(1);
      expect(activeSyn(fw)).toBe('accept: rule 3 [related]');
      expect(expectations(fw)?.stats).toMatchObject({ created: 1, matched: 1 });
      // The expectation is consumed: a second connection to the same port is not related.
      expect(fw.tcp(false, 21_000, 50_000, SYN, 9, 0)).toBe('drop: policy (forward) [new]');
    },
  );

  it('227 and 229 replies admit the client data connection as related', () => {
    const strict =
      'ct helper ftp { type "ftp" protocol tcp; }\ntcp dport 21 ct helper set "ftp"\nct state established,related accept\niifname "eth0" tcp dport 21 accept\n';
    for (const reply of [
      '227 Entering Passive Mode (198,51,100,20,195,80).\r\n',
      '229 Entering Extended Passive Mode (|||50000|)\r\n',
    ]) {
      const fw = new Injector({ rules: strict });
      const c = control(fw);
      expect(fw.tcp(true, 41_000, 50_000, SYN, 3, 0)).toBe('drop: policy (forward) [new]');
      c.server(reply);
      expect(fw.tcp(true, 41_001, 50_000, SYN, 3, 0)).toBe('accept: rule 2 [related]');
    }
  });

  it('parses a PORT command split across two segments', () => {
    const fw = new Injector();
    const c = control(fw);
    c.client('PORT 192,0,');
    expect(expectations(fw)?.size).toBe(0);
    c.client('2,10,195,80\r\n');
    expect(expectations(fw)?.size).toBe(1);
    expect(activeSyn(fw)).toBe('accept: rule 3 [related]');
  });

  it('refuses a bounce: PORT naming a third party creates no expectation', () => {
    const fw = new Injector();
    control(fw).client('PORT 203,0,113,5,195,80\r\n');
    expect(expectations(fw)?.size).toBe(0);
    expect(refusedCount(fw)).toBe(1);
    const loose = new Injector({ ftpLoose: true });
    control(loose).client('PORT 203,0,113,5,195,80\r\n');
    expect(expectations(loose)?.entries()[0]).toMatchObject({ dport: 50_000 });
  });

  it('refuses an IPv6 EPRT on an IPv4 connection', () => {
    const fw = new Injector();
    control(fw).client('EPRT |2|2001:db8::10|50000|\r\n');
    expect(refusedCount(fw)).toBe(1);
    expect(expectations(fw)?.size).toBe(0);
  });

  it('lets an expectation expire after its lifetime (300 s by default)', () => {
    const fw = new Injector();
    const c = control(fw);
    c.client('PORT 192,0,2,10,195,80\r\n');
    c.serverAck();
    fw.wait(299_000_000);
    expect(expectations(fw)?.size).toBe(1);
    fw.wait(2_000_000);
    expect(activeSyn(fw)).toBe('drop: policy (forward) [new]');
    expect(expectations(fw)?.stats.expired).toBe(1);
  });

  it('keeps one pending expectation per control connection: a new one replaces the old', () => {
    const fw = new Injector();
    const c = control(fw);
    c.client('PORT 192,0,2,10,195,80\r\n');
    c.client('PORT 192,0,2,10,195,81\r\n');
    expect(
      expectations(fw)
        ?.entries()
        .map((e) => e.dport),
    ).toEqual([50_001]);
    expect(expectations(fw)?.stats.evicted).toBe(1);
  });
});

describe('expectations and their master', () => {
  it('go when the control connection goes (here: its unacknowledged data timed out)', () => {
    const fw = new Injector();
    control(fw).client('PORT 192,0,2,10,195,80\r\n'); // never acknowledged: UNACK timeout, 300 s
    fw.wait(301_000_000);
    expect(fw.live()).toEqual([]);
    expect(expectations(fw)?.size).toBe(0);
    expect(activeSyn(fw)).toBe('drop: policy (forward) [new]');
  });
});
