import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine';
import { CONTROL, summary, synJourney } from './event-fixture';
import { actsText, eventWhat, eventWhere, secondsText } from './event-text';

describe('event text', () => {
  it('writes simulated seconds to the microsecond, exactly', () => {
    expect(secondsText(0)).toBe('0.000000');
    expect(secondsText(1_050_472)).toBe('1.050472');
    expect(secondsText(123_000_000_001)).toBe('123000.000001');
  });

  it('says where and what for packets', () => {
    const [transmit, , verdict, forward, deliver] = synJourney();
    expect(eventWhere(transmit)).toBe('client → router eth0');
    expect(eventWhat(transmit)).toBe('SYN 192.0.2.10:50047 → 198.51.100.20:21');
    expect(eventWhere(forward)).toBe('router eth0 → eth3');
    expect(eventWhat(verdict)).toBe(
      'accept: rule 4, ct new — SYN 192.0.2.10:50047 → 198.51.100.20:21',
    );
    expect(eventWhere(deliver)).toBe('server');
    const drop: TraceEvent = {
      kind: 'packet.drop',
      atUs: 800_081,
      where: 'router eth0 in',
      reason: 'firewall-down',
      packet: summary({ flags: '.' }),
    };
    expect(eventWhat(drop)).toMatch(/^drop: firewall-down — ACK /);
  });

  it('says what for the checkpoint server, the router server and recovery', () => {
    const write: TraceEvent = {
      kind: 'checkpoint.write',
      atUs: 1,
      acts: [800, 802],
      connection: CONTROL,
      area: 'tcp',
      version: 3,
      bytes: 52,
      mode: 'sync',
    };
    expect(eventWhat(write)).toBe('checkpoint tcp part v3 (52 B), acts 800→802');
    expect(eventWhat({ ...write, area: 'base', acts: [600, 602, 604], mode: 'async' })).toBe(
      'checkpoint base layer v3 (52 B), acts 600→604, async',
    );
    expect(eventWhere(write)).toBe('checkpoint server');
    const restarted: TraceEvent = {
      kind: 'supervisor',
      atUs: 1,
      event: 'restarted',
      act: 900,
      epoch: 1,
    };
    expect(eventWhere(restarted)).toBe('router server');
    expect(eventWhat(restarted)).toBe('firewall restarted (act 900), epoch 1');
    const recovery: TraceEvent = {
      kind: 'recovery',
      atUs: 1,
      act: 1002,
      detail: 'base layer rebuilt',
      connection: CONTROL,
      area: 'base',
    };
    expect(eventWhat(recovery)).toBe('act 1002: base layer rebuilt');
    expect(eventWhat({ kind: 'firewall.crash', atUs: 1, connections: 20, failOpen: false })).toBe(
      'firewall crashed with 20 connections',
    );
  });

  it("writes a record's acts as one range per flowchart", () => {
    expect(actsText([800, 802, 700, 702, 704])).toBe('acts 800→802, 700→704');
    expect(actsText([600, 602, 604])).toBe('acts 600→604');
    expect(actsText([902])).toBe('act 902');
    expect(actsText([])).toBe('no act');
  });

  it('says what for TCP sockets and applications', () => {
    const state: TraceEvent = {
      kind: 'tcp.state',
      atUs: 0,
      host: 'client',
      socket: '192.0.2.10:50047 → 198.51.100.20:21',
      from: 'CLOSED',
      to: 'SYN-SENT',
    };
    expect(eventWhat(state)).toBe('TCP CLOSED → SYN-SENT');
    expect(eventWhere(state)).toBe('client');
    const message: TraceEvent = {
      kind: 'app.message',
      atUs: 1,
      host: 'client',
      flow: 'download',
      text: 'PASV',
    };
    expect(eventWhat(message)).toBe('download: PASV');
  });
});
