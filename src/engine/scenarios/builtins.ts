import type { ScenarioInput } from './schema';

/**
 * Built-in scenarios, as plain data in the same format a user's scenario file uses. Hosts use
 * the documentation address ranges (RFC 5737): inside clients in 192.0.2.0/24 and
 * 203.0.113.0/24, servers in 198.51.100.0/24.
 */

/** Inside network on eth0, servers on eth1. */
const twoPortRouter: ScenarioInput['router'] = {
  ports: [
    { name: 'eth0', prefix: '192.0.2.0/24' },
    { name: 'eth1', prefix: '198.51.100.0/24' },
  ],
};

const ftpTransfer: ScenarioInput = {
  name: 'ftp-transfer',
  description:
    'A client downloads a 20 MB file from an FTP server through the router (passive mode, ' +
    '100 Mbit/s links with 1 ms delay).',
  seed: 1,
  router: twoPortRouter,
  hosts: [
    { name: 'client', address: '192.0.2.10', port: 'eth0' },
    { name: 'ftp-server', address: '198.51.100.20', port: 'eth1' },
  ],
  traffic: [
    {
      kind: 'ftp',
      name: 'download',
      client: 'client',
      server: 'ftp-server',
      file: 'big.iso',
      bytes: 20_000_000,
    },
  ],
};

const videoStream: ScenarioInput = {
  name: 'video-stream',
  description:
    'A video server streams 10 s of constant-bit-rate UDP video (4 Mbit/s, 1316-byte ' +
    'datagrams with sequence numbers) to a viewer through the router.',
  seed: 1,
  router: twoPortRouter,
  hosts: [
    { name: 'viewer', address: '192.0.2.20', port: 'eth0' },
    { name: 'video-server', address: '198.51.100.30', port: 'eth1' },
  ],
  traffic: [
    {
      kind: 'udp-stream',
      name: 'video',
      source: 'video-server',
      destination: 'viewer',
      rateBps: 4_000_000,
      durationUs: 10_000_000,
    },
  ],
};

const manyFlows: ScenarioInput = {
  name: 'many-flows',
  description:
    'Three client networks open 1,200 short TCP connections to one web server within 200 ms; ' +
    'each sends a 200-byte request and receives a 50 kB response, so over a thousand ' +
    'connections are open at once.',
  seed: 1,
  router: {
    ports: [
      { name: 'eth0', prefix: '192.0.2.0/25' },
      { name: 'eth1', prefix: '192.0.2.128/25' },
      { name: 'eth2', prefix: '203.0.113.0/24' },
      { name: 'eth3', prefix: '198.51.100.0/24' },
    ],
  },
  hosts: [
    { name: 'client-a', address: '192.0.2.10', port: 'eth0' },
    { name: 'client-b', address: '192.0.2.140', port: 'eth1' },
    { name: 'client-c', address: '203.0.113.10', port: 'eth2' },
    { name: 'web-server', address: '198.51.100.80', port: 'eth3' },
  ],
  traffic: (['client-a', 'client-b', 'client-c'] as const).map((client) => ({
    kind: 'tcp-requests' as const,
    name: `web-${client.slice(-1)}`,
    client,
    server: 'web-server',
    port: 80,
    connections: 400,
    requestBytes: 200,
    responseBytes: 50_000,
    spreadUs: 200_000,
  })),
};

export const builtinScenarios: Readonly<Record<string, ScenarioInput>> = {
  'ftp-transfer': ftpTransfer,
  'video-stream': videoStream,
  'many-flows': manyFlows,
};

export const builtinScenarioNames = Object.keys(builtinScenarios);
