import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing/run-cli';

const sim = runCli;

const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));

// Each test starts the CLI several times (a Node process with tsx each): seconds per test,
// within the suite's timeout (vite.config.ts).
describe('sim CLI', () => {
  it('prints exactly one JSON document with the documented fields', () => {
    const r = sim('--scenario', 'ftp-transfer', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'scenario',
        'seed',
        'simulatedUs',
        'events',
        'wallMs',
        'packets',
        'flows',
      ]),
    );
    expect(Object.keys(report.packets)).toEqual(
      expect.arrayContaining(['sent', 'forwarded', 'delivered', 'dropped']),
    );
    const data = report.flows.find((f: { kind: string }) => f.kind === 'ftp-data');
    expect(data).toMatchObject({
      bytesGoal: 20_000_000,
      bytesDelivered: 20_000_000,
      completed: true,
      aborted: false,
    });
    for (const key of ['id', 'kind', 'completedAtUs', 'retransmissions', 'maxStallUs'])
      expect(data).toHaveProperty(key);
    expect(r.stderr).toMatch(/^sim: \d+ events/m);
  });

  it('gives identical JSON apart from wallMs for the same scenario and seed', () => {
    const run = () => {
      const { wallMs, ...rest } = JSON.parse(
        sim('--scenario', 'ftp-transfer', '--seed', '5', '--loss', '0.001', '--json').stdout,
      );
      expect(wallMs).toBeGreaterThanOrEqual(0);
      return rest;
    };
    const first = run();
    expect(first.seed).toBe(5);
    expect(first.packets.dropped['link-loss']).toBeGreaterThan(0);
    expect(run()).toEqual(first);
  });

  it('writes the trace as JSON lines and honours --until', () => {
    const path = join(dir, 'trace.jsonl');
    const r = sim('--scenario', 'video-stream', '--until', '0.5', '--trace', path, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).simulatedUs).toBe(500_000);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    const events = lines.map((l) => JSON.parse(l));
    expect(events.length).toBeGreaterThan(100);
    expect(events.every((e) => typeof e.kind === 'string' && e.atUs <= 500_000)).toBe(true);
  });

  it('reports the firewall: verdicts, rules with counters and every connection', () => {
    const r = sim('--scenario', 'blocked-address', '--json');
    expect(r.code).toBe(0);
    const { firewall } = JSON.parse(r.stdout);
    expect(Object.keys(firewall)).toEqual(
      expect.arrayContaining(['connectionsTracked', 'verdicts', 'rules', 'connections']),
    );
    expect(firewall.rules[2]).toMatchObject({ number: 3, chain: 'forward', packets: 4 });
    expect(firewall.verdicts).toContainEqual({
      verdict: 'drop',
      reason: 'rule',
      rule: 3,
      chain: 'forward',
      packets: 4,
    });
    const control = firewall.connections[0];
    expect(Object.keys(control)).toEqual(
      expect.arrayContaining(['id', 'proto', 'orig', 'states', 'helper', 'related', 'packets']),
    );
    expect(control).toMatchObject({ proto: 'tcp', helper: 'ftp-standard', related: null });
    expect(control.id).toMatch(/^tcp 192\.0\.2\.10:\d+ → 198\.51\.100\.20:21 #1$/);
  });

  it('loads --rules over the scenario ruleset and names the file, line and column of an error', () => {
    const good = join(dir, 'only-ftp.nft');
    writeFileSync(
      good,
      'ct state established,related accept\niifname "eth0" tcp dport 21 ct state new accept\n',
    );
    const { firewall, flows } = JSON.parse(
      sim('--scenario', 'ftp-transfer', '--rules', good, '--json').stdout,
    );
    expect(firewall.rules.map((rule: { text: string }) => rule.text)).toEqual([
      'ct state established,related accept',
      'iifname "eth0" tcp dport 21 ct state new accept',
    ]);
    // No helper: the passive data connection is refused.
    expect(flows.find((f: { kind: string }) => f.kind === 'ftp-data').completed).toBe(false);
    const bad = join(dir, 'bad.nft');
    writeFileSync(bad, 'ct state established accept\ntcp dport 21 acept\n');
    const r = sim('--scenario', 'ftp-transfer', '--rules', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `sim: ${bad}:2:14: expected 'accept', 'drop', 'reject' or a match, found 'acept'\n`,
    );
  });

  it('crashes the firewall on request and reports what each strategy recovered', () => {
    const report = (...args: string[]) =>
      JSON.parse(
        sim('--scenario', 'ftp-transfer', '--crash-at', '0.5', '--until', '5', '--json', ...args)
          .stdout,
      );
    const invention = report();
    expect(Object.keys(invention)).toEqual(
      expect.arrayContaining(['strategy', 'checkpointMode', 'checkpoint', 'crashes']),
    );
    expect(invention).toMatchObject({ strategy: 'unique-id', checkpointMode: 'sync' });
    expect(Object.keys(invention.checkpoint)).toEqual(
      expect.arrayContaining(['writes', 'bytes', 'deletes', 'recordsLive', 'bytesLive', 'byArea']),
    );
    expect(invention.crashes).toHaveLength(1);
    const crash = invention.crashes[0];
    for (const key of [
      'atUs',
      'restartedAtUs',
      'recoveredAtUs',
      'connectionsBefore',
      'recovered',
      'lost',
      'orphans',
      'corrupt',
      'mismatches',
    ]) {
      expect(crash).toHaveProperty(key);
    }
    expect(crash).toMatchObject({ atUs: 500_000, connectionsBefore: 2, recovered: 2, lost: 0 });
    expect(invention.flows.find((f: { kind: string }) => f.kind === 'ftp-data').completed).toBe(
      true,
    );

    const priorArt = report('--strategy', 'none');
    expect(priorArt.crashes[0]).toMatchObject({ connectionsBefore: 2, recovered: 0, lost: 2 });
    expect(priorArt.flows.find((f: { kind: string }) => f.kind === 'ftp-data').completed).toBe(
      false,
    );

    const async = report('--checkpoint-mode', 'async', '--fail-open');
    expect(async.checkpointMode).toBe('async');
    expect(async.failOpenExposure).toBeGreaterThan(0);
  });

  it.each([
    [['--scenario', 'nope'], /^sim: no built-in scenario or file named "nope"/],
    [['--scenario', 'ftp-transfer', '--seed', '1.5'], /^sim: --seed must be an integer/],
    [['--scenario', 'ftp-transfer', '--seed', '-3'], /^sim: Option '--seed' argument is ambiguous/],
    [
      ['--scenario', 'ftp-transfer', '--until', 'soon'],
      /^sim: --until must be a number of seconds/,
    ],
    [['--scenario', 'ftp-transfer', '--frobnicate'], /^sim: Unknown option '--frobnicate'/],
    [[], /^sim: missing --scenario/],
    [
      ['--scenario', 'ftp-crash', '--strategy', 'magic'],
      /^sim: --strategy must be one of none, snapshot, unique-id/,
    ],
    [
      ['--scenario', 'ftp-crash', '--crash-at', 'later'],
      /^sim: --crash-at must be a number of seconds/,
    ],
  ])('refuses %j with one line on stderr and exit code 2', (args, message) => {
    const r = sim(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names the file, path and problem of a bad scenario file', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ name: 'x', router: { ports: [] }, hosts: [] }));
    const r = sim('--scenario', path, '--json');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${path} is invalid:`);
    expect(r.stderr).toContain('router.ports: a router has at least 2 ports');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"name": "x",\n  "router": }');
    expect(sim('--scenario', broken).stderr).toMatch(
      /broken\.json: not valid JSON: expected a value at line 2, column 13$/m,
    );
  });
});
