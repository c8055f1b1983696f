/**
 * Writes a large pcap for replay measurements: the real passive FTP sample repeated, each
 * copy 10 ms after the previous one with its own client ports, so every copy is a new control
 * and data connection. Streams the output; holds one copy of the sample.
 *
 *     npx tsx scripts/bench/make-big-capture.ts OUT.pcap [MEGABYTES=100]
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

const [out, megabytesText = '100'] = process.argv.slice(2);
if (out === undefined) throw new Error('usage: make-big-capture.ts OUT.pcap [MEGABYTES]');
const sample = readFileSync(new URL('../../public/samples/ftp-passive.pcap', import.meta.url));
const CLIENT_PORTS = [40021, 40022];
const ETHERNET_IPV4 = 14 + 20; // the sample's frames: Ethernet, IPv4 without options

const fd = openSync(out, 'w');
writeSync(fd, sample.subarray(0, 24));
let written = 24;
const goal = Number(megabytesText) * 1_000_000;
for (let copy = 0; written < goal; copy++) {
  const bytes = Buffer.from(sample.subarray(24));
  const records = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at < bytes.length;) {
    const micros = records.getUint32(at + 4, true) + (copy % 100) * 10_000;
    records.setUint32(
      at,
      records.getUint32(at, true) + Math.floor(copy / 100) + Math.floor(micros / 1e6),
      true,
    );
    records.setUint32(at + 4, micros % 1_000_000, true);
    const length = records.getUint32(at + 8, true);
    for (const side of [0, 2]) {
      const port = at + 16 + ETHERNET_IPV4 + side;
      const index = CLIENT_PORTS.indexOf(records.getUint16(port));
      if (index >= 0) records.setUint16(port, 10_000 + ((2 * copy + index) % 50_000));
    }
    at += 16 + length;
  }
  writeSync(fd, bytes);
  written += bytes.length;
}
closeSync(fd);
process.stderr.write(`${out}: ${written} bytes\n`);
