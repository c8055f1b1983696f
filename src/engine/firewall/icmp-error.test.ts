import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayScenario } from '../replay/replay-scenario';
import { bytesSource } from '../replay/replay-source';
import { runReplay } from '../replay/run-replay';
import { ethernet, icmp, ipv4, pcapFile, udp } from '../testing/capture/test-captures';

const LAN = '192.0.2.10';
const WAN = '198.51.100.20';
const scenario = replayScenario([
  { name: 'lan', prefix: '192.0.2.0/24' },
  { name: 'wan', prefix: '198.51.100.0/24' },
]);
const verdicts = (bytes: Uint8Array) =>
  runReplay(scenario, () => bytesSource(bytes), { keepVerdicts: true }).verdicts ?? [];

/** A UDP datagram from inside, and the ICMP port unreachable its destination sends back. */
function datagramAndError(quotedDstPort: number): Uint8Array {
  const datagram = ipv4({
    protocol: 17,
    src: LAN,
    dst: WAN,
    payload: udp({ srcPort: 5555, dstPort: 9 }),
  });
  const quotedDatagram = ipv4({
    protocol: 17,
    src: LAN,
    dst: WAN,
    payload: udp({ srcPort: 5555, dstPort: quotedDstPort }),
  });
  const error = ipv4({
    protocol: 1,
    src: WAN,
    dst: LAN,
    payload: icmp({ type: 3, code: 3, payload: quotedDatagram.subarray(0, 28) }),
  });
  return pcapFile({
    records: [
      { fraction: 0, data: ethernet(0x0800, datagram) },
      { fraction: 100, data: ethernet(0x0800, error) },
    ],
  });
}

describe('ICMP errors', () => {
  it('are related to the connection of the packet they quote, and accepted as such', () => {
    const [datagram, error] = verdicts(datagramAndError(9));
    expect(error).toEqual({
      frame: 2,
      verdict: 'accept',
      reason: 'rule 3',
      connection: datagram.connection,
    });
    expect(datagram.connection).toMatch(/^udp 192\.0\.2\.10:5555 → 198\.51\.100\.20:9 #/);
  });

  it('about no known connection are invalid', () => {
    const [, error] = verdicts(datagramAndError(10));
    expect(error).toMatchObject({
      verdict: 'drop',
      reason: 'invalid state: ICMP error about no known connection',
      connection: null,
    });
  });

  it('in a real capture (ping, then a datagram to a closed port): every IPv4 packet accepted', () => {
    const bytes = new Uint8Array(
      readFileSync(new URL('../../../public/samples/mixed-ping-arp.pcapng', import.meta.url)),
    );
    const all = verdicts(bytes);
    expect(all).toHaveLength(16);
    expect(all.every((v) => v.verdict === 'accept')).toBe(true);
    const unreachable = all.filter((v) => v.frame === 16 || v.frame === 20);
    expect(unreachable.map((v) => v.connection)).toEqual([
      expect.stringMatching(/^udp 192\.0\.2\.10:\d+ → 198\.51\.100\.20:9 #/),
      expect.stringMatching(/^udp 192\.0\.2\.10:\d+ → 198\.51\.100\.20:9 #/),
    ]);
  });
});
