import { describe, expect, it } from 'vitest';
import { buildReport } from '../../report';
import type { FtpTraffic } from '../../scenarios/schema';
import { createSimulation } from '../../simulation';
import { twoHosts } from '../../testing/scenarios';

type FtpOptions = Partial<Pick<FtpTraffic, 'mode' | 'extended' | 'command'>>;

function runFtp(options: FtpOptions, bytes = 1_000_000) {
  const sim = createSimulation(
    twoHosts({
      traffic: [
        { kind: 'ftp', name: 'x', client: 'a', server: 'b', file: 'f.bin', bytes, ...options },
      ],
    }),
    { traceCapacity: 10_000 },
  );
  sim.run();
  const said = (host: string) =>
    sim.trace
      .events()
      .flatMap((e) => (e.kind === 'app.message' && e.host === host ? [e.text] : []));
  const report = buildReport(sim);
  return {
    data: report.flows.find((f) => f.kind === 'ftp-data'),
    control: report.flows.find((f) => f.kind === 'ftp-control'),
    // What the client sent and received, in order, as the server logged its side.
    server: said('b'),
    client: said('a'),
  };
}

describe('FTP client and server', () => {
  it.each([
    [
      { mode: 'passive', extended: false, command: 'RETR' },
      /^227 Entering Passive Mode \(198,51,100,20,\d+,\d+\)\.$/,
    ],
    [
      { mode: 'passive', extended: true, command: 'RETR' },
      /^229 Entering Extended Passive Mode \(\|\|\|\d+\|\)$/,
    ],
    [{ mode: 'active', extended: false, command: 'RETR' }, /^200 PORT command successful/],
    [{ mode: 'active', extended: true, command: 'RETR' }, /^200 EPRT command successful/],
    [{ mode: 'passive', extended: false, command: 'STOR' }, /^227 /],
    [{ mode: 'active', extended: true, command: 'STOR' }, /^200 EPRT/],
  ] as const)('%o transfers the file and ends the session cleanly', (options, dataReply) => {
    const { data, control, server, client } = runFtp(options);
    expect(data).toMatchObject({ completed: true, bytesDelivered: 1_000_000, aborted: false });
    expect(data?.contentCrc32).toBe(data?.expectedCrc32);
    expect(control).toMatchObject({ completed: true });
    const dataCommand =
      options.mode === 'passive'
        ? options.extended
          ? 'EPSV'
          : 'PASV'
        : options.extended
          ? 'EPRT'
          : 'PORT';
    const commands = server.filter((l) => !/^\d{3} /.test(l)).map((l) => l.split(' ')[0]);
    expect(commands).toEqual(['USER', 'PASS', 'TYPE', dataCommand, options.command, 'QUIT']);
    const replies = client.filter((l) => /^\d{3} /.test(l));
    expect(replies.map((l) => l.slice(0, 3))).toEqual([
      '220',
      '331',
      '230',
      '200',
      dataReply.source.slice(1, 4),
      '150',
      '226',
      '221',
    ]);
    expect(replies[4]).toMatch(dataReply);
  });

  it('sends the announced port in PORT as h1,h2,h3,h4,p1,p2', () => {
    const { server } = runFtp({ mode: 'active' });
    expect(server.find((l) => l.startsWith('PORT '))).toMatch(/^PORT 192,0,2,10,\d{1,3},\d{1,3}$/);
  });

  it('uploads even when the STOR command is delayed by a loss (the data waits for 150)', () => {
    const sim = createSimulation(
      twoHosts({
        traffic: [
          { kind: 'ftp', client: 'a', server: 'b', command: 'STOR', file: 'f.bin', bytes: 100_000 },
        ],
        // Drops the STOR segment on its way to the server (found by a reviewer's search).
        faults: [
          { kind: 'link-loss', host: 'b', direction: 'from-router', fromUs: 25_146, toUs: 25_300 },
        ],
      }),
    );
    sim.run();
    const data = buildReport(sim).flows.find((f) => f.kind === 'ftp-data');
    expect(data).toMatchObject({ completed: true, bytesDelivered: 100_000 });
  });

  it('transfers an empty file', () => {
    const { data } = runFtp({}, 0);
    expect(data).toMatchObject({ completed: true, bytesDelivered: 0 });
  });
});
