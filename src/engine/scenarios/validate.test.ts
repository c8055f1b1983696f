import { describe, expect, it } from 'vitest';
import { builtinScenarioNames, builtinScenarios } from './builtins';
import { ScenarioError, parseScenario, parseScenarioJson } from './validate';

const base = () => structuredClone(builtinScenarios['ftp-transfer']) as Record<string, unknown>;

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    parseScenario(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return [...(error as ScenarioError).issues];
  }
  throw new Error('expected the scenario to be refused');
}

describe('parseScenario', () => {
  it.each(builtinScenarioNames)('accepts the built-in %s and fills defaults', (name) => {
    const s = parseScenario(builtinScenarios[name]);
    expect(s.name).toBe(name);
    expect(s.tcp.minRtoUs).toBe(200_000);
    expect(s.hosts.every((h) => h.link.bandwidthBps > 0)).toBe(true);
  });

  it('names the path of a bad field', () => {
    const s = base();
    (s.hosts as Array<Record<string, unknown>>)[1].address = '198.51.100.300';
    expect(issuesOf(s)).toEqual([
      {
        path: 'hosts[1].address',
        message: expect.stringMatching(/"300" is not a number from 0 to 255/),
      },
    ]);
  });

  it('refuses unknown fields, so typos are not silently ignored', () => {
    const s = base();
    (s.router as Record<string, unknown>).inputQueuePacket = 10;
    expect(issuesOf(s)).toEqual([
      {
        path: 'router.inputQueuePacket',
        message: 'unknown field (not part of the scenario format)',
      },
    ]);
  });

  it('reports wrong types and ranges with their paths', () => {
    const s = base();
    (s.hosts as Array<Record<string, unknown>>)[0].link = { lossRate: 2, delayUs: 1.5 };
    const paths = issuesOf(s).map((i) => i.path);
    expect(paths).toEqual(['hosts[0].link.delayUs', 'hosts[0].link.lossRate']);
  });

  it('reports an unknown traffic kind at its path', () => {
    const s = base();
    s.traffic = [{ kind: 'smtp', client: 'client', server: 'ftp-server' }];
    expect(issuesOf(s)[0].path).toBe('traffic[0].kind');
  });

  it('checks references across the scenario', () => {
    const s = base();
    (s.hosts as Array<Record<string, unknown>>)[1].port = 'eth9';
    (s.traffic as Array<Record<string, unknown>>)[0].server = 'nobody';
    expect(issuesOf(s)).toEqual([
      { path: 'hosts[1].port', message: 'no router port named "eth9" (ports: eth0, eth1)' },
      { path: 'traffic[0].server', message: 'no host named "nobody"' },
    ]);
  });

  it('refuses a host outside its port prefix and a shared port', () => {
    const s = base();
    const hosts = s.hosts as Array<Record<string, unknown>>;
    hosts[1].port = 'eth0';
    const messages = issuesOf(s).map((i) => `${i.path}: ${i.message}`);
    expect(messages).toEqual([
      'hosts[1].port: port "eth0" already connects host "client" (one host per port)',
      `hosts[1].address: 198.51.100.20 is not inside port "eth0"'s prefix 192.0.2.0/24`,
    ]);
  });

  it('checks the firewall rules, naming line and column', () => {
    const s = base();
    s.firewall = { rules: 'ct state established accept\niifname "eth7" accept\n' };
    expect(issuesOf(s)).toEqual([
      {
        path: 'firewall.rules',
        message: 'line 2, column 9: no router port named "eth7" (ports: eth0, eth1)',
      },
    ]);
  });

  it('summarises every issue in the error message', () => {
    const s = base();
    s.seed = -1;
    expect(() => parseScenario(s, 'my.json')).toThrow(
      /^my\.json is invalid:\n {2}seed: expected at least 0$/,
    );
  });
});

describe('parseScenarioJson', () => {
  it('names line and column of a JSON syntax error', () => {
    expect(() => parseScenarioJson('{\n  "name": "x",\n  oops\n}', 'bad.json')).toThrow(
      /^bad\.json: not valid JSON: expected a property name in double quotes at line 3, column 3$/,
    );
  });
});
