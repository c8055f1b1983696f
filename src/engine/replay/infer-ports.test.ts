import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forEachPacket } from '../capture/read-capture';
import { pcapFile, tcpFrame } from '../testing/capture/test-captures';
import { PortInference } from './infer-ports';

function infer(bytes: Uint8Array) {
  const inference = new PortInference();
  forEachPacket(bytes, (p) => inference.observe(p));
  return inference.ports();
}

const sample = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../public/samples/${name}`, import.meta.url)));

describe('PortInference', () => {
  it('finds the FTP samples’ two networks, the client’s inside, even when the server speaks first', () => {
    const want = [
      { name: 'lan', prefix: '192.0.2.0/24', zone: 'inside' },
      { name: 'wan', prefix: '198.51.100.0/24', zone: 'outside' },
    ];
    expect(infer(sample('ftp-passive.pcap'))).toEqual(want);
    expect(infer(sample('ftp-active.pcapng'))).toEqual(want);
  });

  it('adds a catch-all port when one network sent everything', () => {
    const frame = tcpFrame({ flags: 0x02 }, { src: '10.0.0.1', dst: '10.0.0.2' });
    expect(infer(pcapFile({ records: [{ data: frame }] }))).toEqual([
      { name: 'lan', prefix: '10.0.0.0/24', zone: 'inside' },
      { name: 'other', prefix: '0.0.0.0/0', zone: 'outside' },
    ]);
  });

  it('keeps 15 networks, the busiest, and sends the rest to the catch-all', () => {
    const records = [];
    for (let n = 0; n < 20; n++) {
      for (let k = 0; k <= n; k++) {
        records.push({ data: tcpFrame({ flags: 0x10 }, { src: `10.0.${n}.1`, dst: '10.9.9.9' }) });
      }
    }
    const ports = infer(pcapFile({ records }));
    expect(ports).toHaveLength(16);
    expect(ports[0].prefix).toBe('10.0.0.0/24'); // the first packet's network: no SYN anywhere
    expect(ports[1].prefix).toBe('10.0.19.0/24');
    expect(ports[15]).toEqual({ name: 'other', prefix: '0.0.0.0/0', zone: 'outside' });
  });
});

describe('PortInference catch-all', () => {
  it('is added when a destination lies outside every sending network', () => {
    const frame = tcpFrame({ flags: 0x02 }, { src: '10.0.0.1', dst: '8.8.8.8' });
    const reply = tcpFrame({ flags: 0x12 }, { src: '10.0.1.1', dst: '10.0.0.1' });
    expect(infer(pcapFile({ records: [{ data: frame }, { data: reply }] })).at(-1)).toEqual({
      name: 'other',
      prefix: '0.0.0.0/0',
      zone: 'outside',
    });
  });

  it('is nothing without IPv4 packets', () => {
    const inference = new PortInference();
    expect(inference.empty).toBe(true);
  });
});
