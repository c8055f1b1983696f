import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../capture/read-capture';
import type { ScenarioInput } from '../scenarios/schema';
import { replayScenario } from './replay-scenario';
import { bytesSource } from './replay-source';
import { runReplay, type ReplayReport } from './run-replay';

/**
 * Done-when of issue 6 on the real FTP captures (public/samples/README.md): replayed through
 * the router under "established/related accept; new to 21 accept; policy drop", the firewall
 * finds the control connection, the data connection related to it through the command that
 * announced it, the kernel's own TCP state sequence (recorded by conntrack -E while each
 * capture was taken), and accepts every packet; without the FTP helper the data SYNs drop.
 */
const sample = (name: string) =>
  readFileSync(new URL(`../../../public/samples/${name}`, import.meta.url));
const RULES = sample('ftp-firewall.nft').toString();
const NO_HELPER = RULES.replace(/^\s*tcp dport 21 ct helper set "ftp-standard"\n/m, '');

const CASES = [
  { file: 'ftp-passive.pcap', announce: '229 Entering Extended Passive Mode (|||50000|)' },
  { file: 'ftp-pasv-ftplib.pcap', announce: '227 Entering Passive Mode (198,51,100,20,195,80).' },
  { file: 'ftp-active.pcapng', announce: 'EPRT |1|192.0.2.10|40040|' },
  { file: 'ftp-port-ftplib.pcapng', announce: 'PORT 192,0,2,10,156,126' },
];

function scenario(rules: string, extra: Partial<ScenarioInput> = {}): ScenarioInput {
  const base = replayScenario([
    { name: 'lan', prefix: '192.0.2.0/24' },
    { name: 'wan', prefix: '198.51.100.0/24' },
  ]);
  return { ...base, firewall: { rules }, ...extra };
}

function replay(file: string, s: ScenarioInput): ReplayReport {
  const bytes = new Uint8Array(sample(file));
  return runReplay(s, () => bytesSource(bytes), { keepVerdicts: true });
}

/** The kernel's TCP states per connection ("src:sport>dst:dport"), from conntrack -E. */
function kernelStates(file: string): Map<string, string[]> {
  const text = sample(file.replace(/\.pcap(ng)?$/, '.conntrack.txt')).toString();
  const out = new Map<string, string[]>();
  const event = /\[(?:NEW|UPDATE)\] tcp\s+6 \d+ (\w+) src=(\S+) dst=(\S+) sport=(\d+) dport=(\d+)/;
  for (const line of text.split('\n')) {
    const m = event.exec(line);
    if (m === null) continue;
    const key = `${m[2]}:${m[4]}>${m[3]}:${m[5]}`;
    out.set(key, [...(out.get(key) ?? []), m[1]]);
  }
  return out;
}

/** Payload text of each frame, by frame number. */
function frameTexts(file: string): Map<number, string> {
  const { packets } = readCapture(new Uint8Array(sample(file)));
  return new Map(packets.map((p) => [p.frame, new TextDecoder().decode(p.payload).trim()]));
}

describe.each(CASES)('replaying $file', ({ file, announce }) => {
  it('accepts every packet, relates the data connection through its command, and tracks the kernel’s states', () => {
    const report = replay(file, scenario(RULES));
    const { packets } = readCapture(new Uint8Array(sample(file)));
    expect(report.replay.replayed).toBe(packets.length);
    expect(report.replay.dropped).toBe(0);
    expect(report.verdicts?.map((v) => v.verdict)).toEqual(packets.map(() => 'accept'));
    expect(report.verdicts?.map((v) => v.frame)).toEqual(packets.map((p) => p.frame));

    const [control, data] = report.firewall.connections;
    expect(report.firewall.connections).toHaveLength(2);
    expect(control.orig.dport).toBe(21);
    expect(control.helper).toBe('ftp-standard');
    expect(control.related).toBeNull();
    expect(data.related).toBe(control.id);
    expect(data.admittedBy).toBe('expectation (ftp)');

    const kernel = kernelStates(file);
    for (const c of [control, data]) {
      const key = `${c.orig.src}:${c.orig.sport}>${c.orig.dst}:${c.orig.dport}`;
      expect(c.states, key).toEqual(kernel.get(key));
    }
    expect([...kernel.keys()]).toHaveLength(2);

    const texts = frameTexts(file);
    const created = report.replay.expectations.filter((x) => x.event === 'created');
    expect(created).toHaveLength(1);
    expect(created[0].master).toBe(control.id);
    expect(texts.get(created[0].frame)).toBe(announce);
    const matched = report.replay.expectations.find((x) => x.event === 'matched');
    const dataSyn = report.verdicts?.find((v) => v.connection === data.id);
    expect(matched?.frame).toBe(dataSyn?.frame);
  });

  it('drops the data connection’s SYNs without the FTP helper', () => {
    const report = replay(file, scenario(NO_HELPER));
    const withHelper = replay(file, scenario(RULES));
    const data = withHelper.firewall.connections[1];
    const { packets } = readCapture(new Uint8Array(sample(file)));
    const dataSyns = packets.filter(
      (p) =>
        p.tcp !== null &&
        (p.tcp.flags & 0x12) === 0x02 &&
        p.src === data.orig.src &&
        p.srcPort === data.orig.sport,
    );
    expect(dataSyns.length).toBeGreaterThan(0);
    const byFrame = new Map(report.verdicts?.map((v) => [v.frame, v]));
    for (const syn of dataSyns) {
      expect(byFrame.get(syn.frame)).toMatchObject({ verdict: 'drop', reason: 'policy (forward)' });
    }
    expect(report.firewall.connections.map((c) => c.orig.dport)).toEqual([21]);
    expect(report.replay.expectations.filter((x) => x.event === 'created')).toHaveLength(0);
  });
});

describe('a firewall crash in the middle of a real FTP transfer', () => {
  const crash = (strategy: 'unique-id' | 'none') =>
    replay(
      'ftp-passive.pcap',
      scenario(RULES, {
        checkpoint: { strategy, mode: 'sync' },
        supervisor: { detectUs: 100, restartUs: 400 },
        faults: [{ kind: 'firewall-crash', atUs: 6_000 }],
      }),
    );

  it('with unique-id checkpoints loses only what arrived while the firewall was down', () => {
    const report = crash('unique-id');
    const c = report.crashes[0];
    expect(c).toMatchObject({ atUs: 6_000, connectionsBefore: 2, recovered: 2, lost: 0 });
    const cmp = report.replay.crashComparison;
    expect(cmp?.withoutCrash).toEqual({ accepted: 136, dropped: 0 });
    expect(cmp?.differing).toBe(report.replay.dropped);
    expect(cmp?.differing).toBeGreaterThan(0);
    for (const d of cmp?.differences ?? []) {
      expect(d).toMatchObject({ withCrash: { verdict: 'drop', reason: 'firewall-down' } });
      expect(d.withoutCrash.verdict).toBe('accept');
    }
    expect(Object.keys(report.replay.dropReasons)).toEqual(['firewall-down']);
    expect(report.firewall.connections.every((x) => x.recoveries === 1)).toBe(true);
  });

  it('with the router server’s default restart the capture ends while the firewall is down, and the replay waits for it to come back', () => {
    const report = replay(
      'ftp-passive.pcap',
      scenario(RULES, { faults: [{ kind: 'firewall-crash', atUs: 6_000 }] }),
    );
    const c = report.crashes[0];
    expect(c).toMatchObject({ connectionsBefore: 2, recovered: 2, lost: 0 });
    expect(c.recoveredAtUs).toBeGreaterThan(250_000);
    expect(report.simulatedUs).toBeGreaterThan(c.recoveredAtUs ?? Infinity);
    expect(Object.keys(report.replay.dropReasons)).toEqual(['firewall-down']);
  });

  it('without checkpoints (the prior art) drops the connections’ packets after the restart too', () => {
    const report = crash('none');
    expect(report.crashes[0]).toMatchObject({ recovered: 0, lost: 2 });
    const reasons = report.replay.dropReasons;
    expect(reasons['firewall-down']).toBe(crash('unique-id').replay.dropReasons['firewall-down']);
    expect(reasons['policy (forward)']).toBeGreaterThan(0);
    expect(report.replay.crashComparison?.differing).toBeGreaterThan(
      crash('unique-id').replay.crashComparison?.differing ?? 0,
    );
  });
});
