import { AppTimers } from './apps/app-timers';
import { FileContent } from './apps/file-content';
import type { FlowRegistry } from './apps/flow';
import { FtpClient } from './apps/ftp/ftp-client';
import { FtpServer, type FtpEnvironment } from './apps/ftp/ftp-server';
import type { FtpTransfer } from './apps/ftp/ftp-transfer';
import { SessionDirectory } from './apps/session-directory';
import { RequestClient, RequestServer, type Exchange } from './apps/tcp-requests';
import { StreamSubscription } from './apps/stream-subscription';
import { streamPlan, UdpStreamSink, UdpStreamSource } from './apps/udp-stream';
import type { Host } from './net/host';
import type { NetworkContext } from './net/network-context';
import type { Pcg32 } from './sim/prng';
import type {
  FtpTraffic,
  Scenario,
  SipCallTraffic,
  TcpRequestsTraffic,
  Traffic,
  UdpStreamTraffic,
} from './scenarios/schema';
import { SipCallee, SipCaller, type CallSetup } from './apps/sip/sip-call';
import { formatIpv4 } from './net/ipv4';

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
    case 'sip-call':
      return installSipCall(x, t, label);
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
  transfer.data.setExtra('expectedCrc32', file.checksum());
  if (!x.ftpServers.has(server))
    x.ftpServers.set(server, new FtpServer(server, x.ftpSessions, x.env));
  new FtpClient(client, server.address, transfer, x.ftpSessions, x.env, x.timers);
}

function installStream(x: Installer, t: UdpStreamTraffic, label: string): void {
  const source = host(x, t.source);
  const destination = host(x, t.destination);
  const spec = { ...t, sourcePort: t.port };
  const { count } = streamPlan(spec);
  const flow = x.flows.create(label, 'udp-stream', count * t.datagramBytes);
  const sink = new UdpStreamSink(destination, spec, flow, x.timers, x.env.nowUs);
  const content = new FileContent(`${label}.ts`, t.datagramBytes);
  const stream = new UdpStreamSource(
    source,
    destination.address,
    spec,
    flow,
    sink,
    content,
    x.timers,
  );
  new StreamSubscription(
    destination,
    source,
    t.port,
    stream,
    sink,
    flow,
    x.timers,
    x.env.nowUs,
    t.startUs,
  );
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

/** RTP ports: the caller's at 40000, the callee's at 50000; audio then video, even ports. */
const CALLER_RTP_BASE = 40_000;
const CALLEE_RTP_BASE = 50_000;
/** G.711 frames of 20 ms: 160 bytes. A video packet: 1,200 bytes. */
const AUDIO_BYTES = 160;
/** Media is sent from the receiving port + 1000. */
const RTP_SEND_OFFSET = 1_000;
const VIDEO_BYTES = 1_200;

function installSipCall(x: Installer, t: SipCallTraffic, label: string): void {
  const caller = host(x, t.caller);
  const callee = host(x, t.callee);
  const kinds = t.videoRateBps > 0 ? (['audio', 'video'] as const) : (['audio'] as const);
  const offers = (base: number) =>
    kinds.map((kind, i) => ({
      kind,
      port: base + 2 * i,
      format: kind === 'audio' ? 0 : 96,
      rtpmap: kind === 'audio' ? 'PCMU/8000' : 'H264/90000',
    }));
  const setup: CallSetup = {
    label,
    callId: `${label}@${formatIpv4(caller.address)}`,
    ringUs: t.ringUs,
    durationUs: t.durationUs,
    callerMedia: offers(CALLER_RTP_BASE),
    calleeMedia: offers(CALLEE_RTP_BASE),
  };
  const signalling = x.flows.create(`${label}/signalling`, 'sip-call', null);
  // Media each way: out = caller → callee, in = callee → caller.
  const media = (from: Host, to: Host, fromBase: number, toBase: number, direction: string) =>
    kinds.map((kind, i) => {
      const spec = {
        // Asymmetric RTP, as many gateways send it: from a port other than the one announced
        // for receiving, so the stream coming back is not a reply in conntrack's eyes.
        sourcePort: fromBase + RTP_SEND_OFFSET + 2 * i,
        port: toBase + 2 * i,
        rateBps: kind === 'audio' ? t.audioRateBps : t.videoRateBps,
        datagramBytes: kind === 'audio' ? AUDIO_BYTES : VIDEO_BYTES,
        durationUs: t.durationUs,
      };
      const id = `${label}/${kind}-${direction}`;
      const flow = x.flows.create(id, 'udp-stream', streamPlan(spec).count * spec.datagramBytes);
      const sink = new UdpStreamSink(to, spec, flow, x.timers, x.env.nowUs);
      return new UdpStreamSource(
        from,
        to.address,
        spec,
        flow,
        sink,
        new FileContent(`${id}.rtp`, spec.datagramBytes),
        x.timers,
      );
    });
  const out = media(caller, callee, CALLER_RTP_BASE, CALLEE_RTP_BASE, 'out');
  const back = media(callee, caller, CALLEE_RTP_BASE, CALLER_RTP_BASE, 'in');
  const trace = (h: Host) => (text: string) => x.env.message(h.name, label, text);
  new SipCaller(
    caller,
    callee,
    setup,
    out,
    signalling,
    x.timers,
    x.env.nowUs,
    trace(caller),
    t.startUs,
  );
  new SipCallee(callee, caller, setup, back, signalling, x.timers, x.env.nowUs, trace(callee));
}
