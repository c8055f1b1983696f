import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CaptureReader } from './capture-reader';
import { readCapture } from './read-capture';

/**
 * The real captures under public/samples (made with tcpdump; see the note there). The folder
 * may hold none yet: the listing is still checked, and every capture present is read.
 */
const folder = fileURLToPath(new URL('../../../public/samples/', import.meta.url));
const captures = existsSync(folder)
  ? readdirSync(folder)
      .filter((name) => /\.pcap(ng)?$/.test(name))
      .sort()
  : [];

describe('real sample captures', () => {
  it('lists the sample folder', () => {
    expect(existsSync(folder)).toBe(true);
    expect(Array.isArray(captures)).toBe(true);
    for (const name of captures) expect(name).toMatch(/^[\w.-]+\.pcap(ng)?$/);
  });

  it(`reads every capture present (${captures.length}), whole and streamed`, () => {
    let tcpPackets = 0;
    for (const name of captures) {
      const bytes = new Uint8Array(readFileSync(join(folder, name)));
      const { packets, summary } = readCapture(bytes);
      expect(summary.format, name).toBe(name.endsWith('.pcapng') ? 'pcapng' : 'pcap');
      expect(summary.bytesRead, name).toBe(bytes.length);
      expect(summary.frames, name).toBeGreaterThan(0);
      const skipped = Object.values(summary.skipped).reduce((sum, n) => sum + n, 0);
      expect(packets.length + skipped, name).toBe(summary.frames);
      expect(
        packets.every((p, i) => i === 0 || p.frame > packets[i - 1].frame),
        name,
      ).toBe(true);
      // A sample named after a TCP application holds TCP; others (ARP, ping) may not.
      if (/ftp|http|tcp/.test(name)) {
        expect(summary.protocols.tcp, `${name} holds TCP`).toBeGreaterThan(0);
      }
      tcpPackets += summary.protocols.tcp;
      expect(streamed(bytes), name).toEqual({ count: packets.length, summary });
    }
    if (captures.length > 0) expect(tcpPackets, 'TCP in the samples').toBeGreaterThan(0);
  });
});

/** Reads `bytes` in 64 KiB chunks, as the CLI reads a file. */
function streamed(bytes: Uint8Array) {
  const reader = new CaptureReader();
  let count = 0;
  for (let at = 0; at < bytes.length; at += 65_536) {
    reader.push(bytes.subarray(at, at + 65_536));
    while (reader.next() !== null) count++;
  }
  reader.end();
  while (reader.next() !== null) count++;
  return { count, summary: reader.summary() };
}
