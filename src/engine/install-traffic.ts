import { AppTimers } from './apps/app-timers';
import { FileContent } from './apps/file-content';
import type { FlowRegistry } from './apps/flow';
import { FtpClient } from './apps/ftp/ftp-client';
import { FtpServer, type FtpEnvironment } from './apps/ftp/ftp-server';
import type { FtpTransfer } from './apps/ftp/ftp-transfer';
import { SessionDirectory } from './apps/session-directory';
import { RequestClient, RequestServer, type Exchange } from './apps/tcp-requests';
import { streamPlan, UdpStreamSink, UdpStreamSource } from './apps/udp-stream';
import type { Host } from './net/host';
import type { NetworkContext } from './net/network-context';
import type { Pcg32 } from './sim/prng';
import type {
  FtpTraffic,
  Scenario,
  TcpRequestsTraffic,
  Traffic,
  UdpStreamTraffic,
} from './scenarios/schema';

/** Shared state while installing the applications of a scenario's traffic list. */
interface Installer {
  readonly ctx: NetworkContext;
  readonly hosts: ReadonlyMap<string, Host>;
  readonly flows: FlowRegistry;
  readonly timers: AppTimers;
  readonly env: FtpEnvironment;
  readonly rng: Pcg32;
  readonly ftpSessions: SessionDirectory<FtpTransfer>;
  readonly ftpServers: Map<Host, FtpServer>;
  readonly exchanges: SessionDirectory<Exchange>;
  readonly requestServers: Set<string>;
}

/** Creates the flows and the client/server applications for every traffic item. */
export function installTraffic(
  scenario: Scenario,
  ctx: NetworkContext,
  hosts: ReadonlyMap<string, Host>,
  flows: FlowRegistry,
  rng: Pcg32,
): void {
  const installer: Installer = {
    ctx,
    hosts,
    flows,
    rng,
    timers: new AppTimers(ctx.scheduler),
    env: {
      nowUs: () => ctx.nowUs,
      message: (host, flow, text) => {
        if (ctx.trace.enabled)
          ctx.trace.emit({ kind: 'app.message', atUs: ctx.nowUs, host, flow, text });
      },
    },
    ftpSessions: new SessionDirectory(),
    ftpServers: new Map(),
    exchanges: new SessionDirectory(),
    requestServers: new Set(),
  };
  scenario.traffic.forEach((t, i) => install(installer, t, t.name ?? `${t.kind}-${i + 1}`));
}

function install(x: Installer, t: Traffic, label: string): void {
  switch (t.kind) {
    case 'ftp':
      return installFtp(x, t, label);
    case 'udp-stream':
      return installStream(x, t, label);
    case 'tcp-requests':
      return installRequests(x, t, label);
  }
}

function host(x: Installer, name: string): Host {
  const h = x.hosts.get(name);
  if (h === undefined) throw new Error(`unknown host ${name}`); // validation makes this unreachable
  return h;
}

function installFtp(x: Installer, t: FtpTraffic, label: string): void {
  const client = host(x, t.client);
  const server = host(x, t.server);
  const file = new FileContent(t.file, t.bytes);
  const transfer: FtpTransfer = {
    config: t,
    label,
    file,
    control: x.flows.create(`${label}/control`, 'ftp-control', null),
    data: x.flows.create(`${label}/data`, 'ftp-data', t.bytes),
  };
  transfer.data.extra.expectedCrc32 = file.checksum();
  if (!x.ftpServers.has(server))
    x.ftpServers.set(server, new FtpServer(server, x.ftpSessions, x.env));
  new FtpClient(client, server.address, transfer, x.ftpSessions, x.env, x.timers);
}

function installStream(x: Installer, t: UdpStreamTraffic, label: string): void {
  const source = host(x, t.source);
  const destination = host(x, t.destination);
  const { count } = streamPlan(t);
  const flow = x.flows.create(label, 'udp-stream', count * t.datagramBytes);
  const sink = new UdpStreamSink(destination, t, flow, x.timers, x.env.nowUs);
  const content = new FileContent(`${label}.ts`, t.datagramBytes);
  new UdpStreamSource(source, destination.address, t, flow, sink, content, x.timers);
}

function installRequests(x: Installer, t: TcpRequestsTraffic, label: string): void {
  const client = host(x, t.client);
  const server = host(x, t.server);
  const request = new FileContent(`${label}-request`, t.requestBytes);
  const response = new FileContent(`${label}-response`, t.responseBytes);
  const exchanges = Array.from({ length: t.connections }, (_, k) => ({
    flow: x.flows.create(`${label}#${k + 1}`, 'tcp', t.requestBytes + t.responseBytes),
    request,
    response,
  }));
  const serverKey = `${t.server}:${t.port}`;
  if (!x.requestServers.has(serverKey)) {
    x.requestServers.add(serverKey);
    new RequestServer(server, t.port, x.exchanges, x.env.nowUs);
  }
  new RequestClient(
    client,
    server.address,
    t,
    exchanges,
    x.exchanges,
    x.timers,
    x.env.nowUs,
    x.rng.fork(exchanges.length),
  );
}
