import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../engine/index';
import { runCli } from './testing/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'sim-replay-'));
const SAMPLES = 'public/samples';
const ROUTER = ['--port', 'lan=192.0.2.0/24', '--port', 'wan=198.51.100.0/24'];
const FTP = [`--pcap`, `${SAMPLES}/ftp-active.pcapng`, ...ROUTER];

// Each test starts the CLI several times (a Node process with tsx each): seconds per test,
// within the suite's timeout (vite.config.ts).
describe('sim CLI --pcap', () => {
  it('prints one JSON document with the replay, each packet’s verdict and the connections', () => {
    const r = runCli(...FTP, '--rules', `${SAMPLES}/ftp-firewall.nft`, '--verdicts', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.replay).toMatchObject({ replayed: 133, accepted: 133, dropped: 0 });
    expect(report.verdicts).toHaveLength(133);
    expect(report.verdicts[0]).toEqual({
      frame: 1,
      verdict: 'accept',
      reason: 'rule 3',
      connection: 'tcp 192.0.2.10:40031 → 198.51.100.20:21 #1',
    });
    const [control, data] = report.firewall.connections;
    expect(data.related).toBe(control.id);
    expect(data.states).toEqual([
      'SYN_SENT',
      'SYN_RECV',
      'ESTABLISHED',
      'FIN_WAIT',
      'LAST_ACK',
      'TIME_WAIT',
    ]);
    expect(r.stderr).toMatch(
      /^replay: .*ftp-active\.pcapng: 133 packets replayed, 133 accepted, 0 dropped$/m,
    );
  });

  it('compares the verdicts with and without a crash', () => {
    const r = runCli(...FTP, '--crash-at', '0.004', '--strategy', 'none', '--json');
    const { replay, crashes } = JSON.parse(r.stdout);
    expect(crashes).toHaveLength(1);
    expect(replay.crashComparison.crashesAtUs).toEqual([4_000]);
    expect(replay.crashComparison.differing).toBe(
      replay.dropped - replay.crashComparison.withoutCrash.dropped,
    );
    expect(replay.crashComparison.differences[0].withCrash).toEqual({
      verdict: 'drop',
      reason: 'firewall-down',
    });
  });

  it('takes the router, rules and crashes from a scenario, and strict mid-stream', () => {
    const r = runCli(
      '--pcap',
      `${SAMPLES}/http-curl-cooked.pcap`,
      '--scenario',
      'ftp-transfer',
      '--mid-stream',
      'strict',
      '--json',
    );
    expect(r.code).toBe(0);
    const { replay, flows } = JSON.parse(r.stdout);
    expect(flows).toEqual([]);
    expect(replay.replayed).toBe(31);
    expect(replay.accepted + replay.dropped).toBe(31);
  });

  it('exports what crossed the ports as pcapng (one interface per port) and pcap', () => {
    const ng = join(dir, 'out.pcapng');
    const plain = join(dir, 'out.pcap');
    expect(runCli(...FTP, '--pcap-out', ng).code).toBe(0);
    expect(runCli(...FTP, '--pcap-out', plain, '--pcap-out-port', 'wan').code).toBe(0);
    const all = readCapture(new Uint8Array(readFileSync(ng)));
    expect(all.summary.interfaces.map((i) => i.name)).toEqual(['router lan', 'router wan']);
    // The default ruleset lets new connections out of lan only: the server's active data
    // connection is refused, so fewer than every packet goes out again.
    // Under the default ruleset (FTP helper on port 21) every packet is let through: each
    // appears twice, in at the port facing its source and out at the other.
    expect(all.packets).toHaveLength(2 * 133);
    const from = (port: number) =>
      all.packets.filter((p) => p.interfaceIndex === port && p.src === '192.0.2.10').length;
    expect(from(0)).toBe(from(1));
    const wan = readCapture(new Uint8Array(readFileSync(plain)));
    expect(wan.summary.format).toBe('pcap');
    expect(wan.packets.every((p) => p.interfaceIndex === 0)).toBe(true);
    expect(wan.packets).toHaveLength(133); // one port: each packet once
  });

  it('refuses a broken capture at its byte offset, and what is missing from the command', () => {
    const bad = join(dir, 'bad.pcap');
    writeFileSync(bad, readFileSync(`${SAMPLES}/ftp-passive.pcap`).subarray(0, 24 + 10));
    const partial = join(dir, 'partial.pcapng');
    const broken = runCli('--pcap', bad, ...ROUTER, '--json', '--pcap-out', partial);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/^sim: .*bad\.pcap: byte 24: /);
    expect(existsSync(partial)).toBe(false); // no half-written export left behind
    expect(runCli('--pcap', bad, '--port', 'lan=192.0.2.0/24').stderr).toMatch(/at least 2 --port/);
    expect(runCli('--pcap', 'missing.pcap', ...ROUTER).stderr).toMatch(
      /no capture file "missing\.pcap"/,
    );
    expect(runCli(...FTP, '--scenario', 'ftp-transfer').stderr).toMatch(/not both/);
    expect(runCli('--scenario', 'ftp-transfer', '--port', 'a=10.0.0.0/8').stderr).toMatch(
      /--port describes/,
    );
    expect(runCli(...FTP, '--port', 'x=10.0.0.1/8').stderr).toMatch(
      /--port x=10\.0\.0\.1\/8: .*host bits/,
    );
    expect(runCli(...FTP, '--verdicts').stderr).toMatch(/--verdicts adds to --json/);
    expect(runCli(...FTP, '--pcap-out-port', 'lan').stderr).toMatch(/give both/);
  });

  it('never writes over its input', () => {
    const mine = join(dir, 'mine.pcapng');
    writeFileSync(mine, readFileSync(`${SAMPLES}/ftp-active.pcapng`));
    const r = runCli('--pcap', mine, ...ROUTER, '--pcap-out', mine);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is an input of this run: not overwriting it/);
    expect(readFileSync(mine).length).toBe(readFileSync(`${SAMPLES}/ftp-active.pcapng`).length);
  });

  it('exports a simulated run’s ports too', () => {
    const out = join(dir, 'sim.pcapng');
    expect(runCli('--scenario', 'ftp-transfer', '--until', '0.05', '--pcap-out', out).code).toBe(0);
    const file = readCapture(new Uint8Array(readFileSync(out)));
    expect(file.summary.interfaces.length).toBeGreaterThanOrEqual(2);
    expect(file.packets.length).toBeGreaterThan(10);
    expect(file.packets.at(-1)?.timeUs).toBeLessThanOrEqual(50_000);
  });
});
