import type { ScenarioInput } from './schema';

/**
 * Built-in scenarios, as plain data in the same format a user's scenario file uses. Hosts use
 * the documentation address ranges (RFC 5737): inside clients in 192.0.2.0/24 and
 * 203.0.113.0/24, servers in 198.51.100.0/24.
 */

/** Inside network on eth0, servers outside on eth1. */
const twoPortRouter: ScenarioInput['router'] = {
  ports: [
    { name: 'eth0', prefix: '192.0.2.0/24', zone: 'inside' },
    { name: 'eth1', prefix: '198.51.100.0/24', zone: 'outside' },
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
    'A viewer asks a video server outside for a stream (one SUBSCRIBE datagram), and the ' +
    'server streams 10 s of constant-bit-rate UDP video (4 Mbit/s, 1316-byte datagrams ' +
    'with sequence numbers) back through the router.',
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
      { name: 'eth3', prefix: '198.51.100.0/24', zone: 'outside' },
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

/** Three inside networks (/26 each) on eth0–eth2, servers outside on eth3. */
const threeInsideOneOutside: ScenarioInput['router'] = {
  ports: [
    { name: 'eth0', prefix: '192.0.2.0/26' },
    { name: 'eth1', prefix: '192.0.2.64/26' },
    { name: 'eth2', prefix: '192.0.2.128/26' },
    { name: 'eth3', prefix: '198.51.100.0/24', zone: 'outside' },
  ],
};

/** The ruleset of blocked-address, as `nft list ruleset` would print it. */
const blockingRules = `table inet filter {
	ct helper ftp-standard {
		type "ftp" protocol tcp;
		l3proto inet;
	}

	chain prerouting {
		type filter hook prerouting priority filter; policy accept;
		tcp dport 21 ct helper set "ftp-standard"
	}

	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state established,related counter accept
		ip saddr 192.0.2.66 counter log prefix "blocked host: " drop
		iifname { "eth0", "eth1", "eth2" } ct state new counter accept
	}
}
`;

const blockedAddress: ScenarioInput = {
  name: 'blocked-address',
  description:
    'Three inside hosts download a 2 MB file each from an FTP server outside. The ruleset ' +
    'drops everything from 192.0.2.66 (rule 3), so that host never gets a connection ' +
    'through while the other two complete.',
  seed: 1,
  router: threeInsideOneOutside,
  hosts: [
    { name: 'client-a', address: '192.0.2.10', port: 'eth0' },
    { name: 'blocked', address: '192.0.2.66', port: 'eth1' },
    { name: 'client-c', address: '192.0.2.140', port: 'eth2' },
    { name: 'ftp-server', address: '198.51.100.20', port: 'eth3' },
  ],
  // Give up connecting after three SYN retransmissions (1 + 2 + 4 + 8 s), not Linux's six.
  tcp: { synRetries: 3 },
  firewall: { rules: blockingRules },
  traffic: (['client-a', 'blocked', 'client-c'] as const).map((client) => ({
    kind: 'ftp' as const,
    name: `${client}-download`,
    client,
    server: 'ftp-server',
    file: 'report.pdf',
    bytes: 2_000_000,
  })),
};

const videoCall: ScenarioInput = {
  name: 'video-call',
  description:
    'A video call: a caller inside sets up a SIP call (INVITE, 180, 200 OK with SDP, ACK) ' +
    'with a callee outside, then both send RTP audio (64 kbit/s) and video (1 Mbit/s) for ' +
    '10 s before the caller hangs up. The firewall lets the media in from outside only ' +
    'because its SIP helper read the ports from the SDP.',
  seed: 1,
  router: twoPortRouter,
  hosts: [
    { name: 'caller', address: '192.0.2.30', port: 'eth0' },
    { name: 'callee', address: '198.51.100.40', port: 'eth1' },
  ],
  traffic: [
    { kind: 'sip-call', name: 'call', caller: 'caller', callee: 'callee', durationUs: 10_000_000 },
  ],
};

const ftpCrash: ScenarioInput = {
  name: 'ftp-crash',
  description:
    "The patent's experiment: a client downloads a 20 MB file by FTP (passive) through the " +
    'router while a viewer watches a UDP video stream and a third host makes 60 short web ' +
    "requests; 0.8 s in, the router's firewall crashes. The router server notices (50 ms), " +
    'restarts it (200 ms) and it rebuilds every connection from the checkpoint server, so the ' +
    'transfer goes on after a pause. Try it with --strategy none to see the prior art.',
  seed: 1,
  router: threeInsideOneOutside,
  hosts: [
    { name: 'client', address: '192.0.2.10', port: 'eth0' },
    { name: 'viewer', address: '192.0.2.70', port: 'eth1' },
    { name: 'browser', address: '192.0.2.140', port: 'eth2' },
    {
      name: 'server',
      address: '198.51.100.20',
      port: 'eth3',
      link: { bandwidthBps: 1_000_000_000 },
    },
  ],
  traffic: [
    {
      kind: 'ftp',
      name: 'download',
      client: 'client',
      server: 'server',
      file: 'big.iso',
      bytes: 20_000_000,
    },
    {
      kind: 'udp-stream',
      name: 'video',
      source: 'server',
      destination: 'viewer',
      rateBps: 4_000_000,
      durationUs: 4_000_000,
      startUs: 100_000,
    },
    {
      kind: 'tcp-requests',
      name: 'web',
      client: 'browser',
      server: 'server',
      connections: 60,
      responseBytes: 20_000,
      spreadUs: 2_000_000,
    },
  ],
  faults: [{ kind: 'firewall-crash', atUs: 800_000 }],
};

/** Five inside networks on eth0–eth4, the web server outside on eth5. */
const fiveInsideOneOutside: ScenarioInput['router'] = {
  ports: [
    { name: 'eth0', prefix: '192.0.2.0/26' },
    { name: 'eth1', prefix: '192.0.2.64/26' },
    { name: 'eth2', prefix: '192.0.2.128/26' },
    { name: 'eth3', prefix: '192.0.2.192/26' },
    { name: 'eth4', prefix: '203.0.113.0/24' },
    { name: 'eth5', prefix: '198.51.100.0/24', zone: 'outside' },
  ],
};

const largeTableClients = [
  { name: 'client-a', address: '192.0.2.10', port: 'eth0' },
  { name: 'client-b', address: '192.0.2.70', port: 'eth1' },
  { name: 'client-c', address: '192.0.2.130', port: 'eth2' },
  { name: 'client-d', address: '192.0.2.200', port: 'eth3' },
  { name: 'client-e', address: '203.0.113.10', port: 'eth4' },
];

// Sized for the browser benchmark (npm run bench:ui): about 1,000 connections a second, each
// tracked until 120 s of conntrack TIME_WAIT after it ends, puts over 100,000 in the table
// from about 100 s on; 200 ms links hold about 2,000 packets in flight at that rate.
const largeTable: ScenarioInput = {
  name: 'large-table',
  description:
    'A big connection table: five client networks, each 200 ms away, open 120,000 short ' +
    'TCP connections (24,000 each) to one web server, spread evenly over 120 s; each sends ' +
    'a 200-byte request and reads a 1 kB response. The firewall keeps every closed ' +
    'connection in TIME_WAIT for 120 s, so from about 100 s on it tracks over 100,000 ' +
    'connections (its bound is raised to 262,144) while about 2,000 packets are on the ' +
    'links. At max speed the page gets there in about half the simulated time ' +
    '(the headless CLI runs the whole of it in about 15 s).',
  seed: 1,
  router: fiveInsideOneOutside,
  hosts: [
    ...largeTableClients.map((client) => ({ ...client, link: { delayUs: 200_000 } })),
    {
      name: 'web-server',
      address: '198.51.100.80',
      port: 'eth5',
      link: { bandwidthBps: 1_000_000_000 },
    },
  ],
  firewall: { maxConnections: 262_144 },
  traffic: largeTableClients.map((client) => ({
    kind: 'tcp-requests' as const,
    name: `web-${client.name.slice(-1)}`,
    client: client.name,
    server: 'web-server',
    port: 80,
    // Below a host's 28,232 ephemeral ports, so no two connections share a conntrack tuple.
    connections: 24_000,
    requestBytes: 200,
    responseBytes: 1_000,
    spreadUs: 120_000_000,
  })),
};

export const builtinScenarios: Readonly<Record<string, ScenarioInput>> = {
  'ftp-transfer': ftpTransfer,
  'video-stream': videoStream,
  'many-flows': manyFlows,
  'blocked-address': blockedAddress,
  'video-call': videoCall,
  'ftp-crash': ftpCrash,
  'large-table': largeTable,
};

export const builtinScenarioNames = Object.keys(builtinScenarios);
