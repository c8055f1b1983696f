import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatCaptureChunks, readCapture, type TraceEvent } from '../../engine';
import { buildRun, defaultConfig, type RunInput } from '../run/run-config';
import { SimulationRunner } from '../run/simulation-runner';
import { CaptureShelf } from './capture-shelf';
import { EXPORT_TYPES, exportFileName, exportRun } from './export-run';
import { loadCapture } from './load-capture';

// The FTP transfer moves about 20 MB a simulated second: a short run keeps the tests quick.
const UNTIL_US = 200_000;
const ftp = buildRun(defaultConfig('ftp-transfer'));

const traceLines = (chunks: Uint8Array[]) =>
  new TextDecoder().decode(concatCaptureChunks(chunks)).split('\n');

/** The trace of the same run as the page plays it: seeking its runner to the playhead. */
function pageTrace(run: RunInput, untilUs: number): TraceEvent[] {
  const events: TraceEvent[] = [];
  const runner = new SimulationRunner(run.scenario, {
    capture: run.capture,
    attach: (sim) => sim.trace.subscribe((e) => events.push(e)),
  });
  runner.seek(untilUs);
  runner.finishSeek();
  return events;
}

describe('exportRun', () => {
  it('exports the ports as a pcapng with one interface per router port, up to the playhead', () => {
    const { packets, summary } = readCapture(
      concatCaptureChunks(exportRun(ftp, UNTIL_US, 'pcapng')),
    );
    const router = ftp.scenario.router;
    expect(summary.format).toBe('pcapng');
    expect(router.ports.length).toBeGreaterThanOrEqual(2);
    expect(summary.interfaces.map((i) => i.name)).toEqual(
      router.ports.map((p) => `${router.name} ${p.name}`),
    );
    expect(packets.length).toBeGreaterThan(0);
    expect(new Set(packets.map((p) => p.interfaceIndex)).size).toBe(router.ports.length);
    for (const p of packets) expect(p.timeUs).toBeLessThanOrEqual(UNTIL_US);
  });

  it('exports the same packets as a pcap, in one stream', () => {
    const ng = readCapture(concatCaptureChunks(exportRun(ftp, UNTIL_US, 'pcapng')));
    const pcap = readCapture(concatCaptureChunks(exportRun(ftp, UNTIL_US, 'pcap')));
    expect(pcap.summary.format).toBe('pcap');
    expect(pcap.packets.map((p) => [p.timeUs, p.src, p.dst, p.ipBytes])).toEqual(
      ng.packets.map((p) => [p.timeUs, p.src, p.dst, p.ipBytes]),
    );
  });

  it('exports the trace as one JSON object per line, exactly the run the page plays', () => {
    const lines = traceLines(exportRun(ftp, UNTIL_US, 'trace'));
    expect(lines.pop()).toBe(''); // the last line ends with a newline too
    const events = lines.map((line) => JSON.parse(line) as TraceEvent);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.atUs).toBeLessThanOrEqual(UNTIL_US);
    expect(events).toEqual(pageTrace(ftp, UNTIL_US));
  });

  it('gives the same file every time, and only what happened by an earlier playhead', () => {
    const whole = traceLines(exportRun(ftp, UNTIL_US, 'trace'));
    expect(traceLines(exportRun(ftp, UNTIL_US, 'trace'))).toEqual(whole);
    const early = traceLines(exportRun(ftp, UNTIL_US / 3, 'trace'));
    expect(early.length).toBeLessThan(whole.length);
    expect(whole.slice(0, early.length - 1)).toEqual(early.slice(0, -1));
  });

  it('stops with an error once the file would be too big', () => {
    const mib = 1024 * 1024;
    expect(() => exportRun(ftp, UNTIL_US, 'pcapng', mib)).toThrow(
      'the export would exceed 1 MiB: export an earlier moment',
    );
    expect(() => exportRun(ftp, UNTIL_US, 'trace', mib)).toThrow(/exceed 1 MiB/);
  });

  it('refuses a playhead that is not a time', () => {
    expect(() => exportRun(ftp, -1, 'trace')).toThrow(/≥ 0/);
    expect(() => exportRun(ftp, Number.NaN, 'pcap')).toThrow(/≥ 0/);
  });
});

describe('exportRun of a replay', () => {
  const bytes = new Uint8Array(
    readFileSync(new URL('../../../public/samples/ftp-passive.pcap', import.meta.url)),
  );
  let run: RunInput;
  beforeAll(async () => {
    const shelf = new CaptureShelf();
    const stream = new Blob([bytes]).stream();
    shelf.put(await loadCapture('sample:ftp-passive', 'ftp-passive.pcap', stream, bytes.length));
    run = buildRun(defaultConfig('sample:ftp-passive'), shelf);
  });

  it('stamps the packets with the capture’s own times', () => {
    const firstUs = readCapture(bytes).packets[0].timeUs as number;
    const { packets } = readCapture(concatCaptureChunks(exportRun(run, UNTIL_US, 'pcapng')));
    expect(packets.length).toBeGreaterThan(0);
    expect(packets[0].timeUs).toBe(firstUs);
    for (const p of packets) expect(p.timeUs).toBeLessThanOrEqual(firstUs + UNTIL_US);
  });

  it('exports the trace of the run the page plays', () => {
    const lines = traceLines(exportRun(run, UNTIL_US, 'trace')).slice(0, -1);
    expect(lines.map((line) => JSON.parse(line) as TraceEvent)).toEqual(pageTrace(run, UNTIL_US));
  });

  it('stops at the end of the run when the playhead lies beyond it', () => {
    const whole = exportRun(run, run.scenario.durationUs, 'trace');
    expect(exportRun(run, 10 * run.scenario.durationUs, 'trace')).toEqual(whole);
    expect(
      traceLines(whole)
        .slice(0, -1)
        .map((line) => JSON.parse(line)),
    ).toEqual(pageTrace(run, run.scenario.durationUs));
  });
});

describe('exportFileName', () => {
  it('names the run and the playhead in seconds, with the extension of the kind', () => {
    expect(exportFileName('ftp-transfer', 2_500_000, 'pcapng')).toBe(
      'checkpoint-router-ftp-transfer-2.5s.pcapng',
    );
    expect(exportFileName('ftp-transfer', 0, 'pcap')).toBe(
      'checkpoint-router-ftp-transfer-0s.pcap',
    );
    expect(exportFileName('sample:ftp-passive', 12_000_001, 'trace')).toBe(
      'checkpoint-router-ftp-passive-12.000001s.jsonl',
    );
  });

  it('keeps a loaded file’s name to safe characters', () => {
    expect(exportFileName('file:../My capture (1).pcapng', 1_000_000, 'pcap')).toBe(
      'checkpoint-router-My-capture-1-1s.pcap',
    );
    expect(exportFileName('file:…', 1_000_000, 'trace')).toBe('checkpoint-router-run-1s.jsonl');
  });

  it('has a MIME type for every kind', () => {
    expect(Object.keys(EXPORT_TYPES).sort()).toEqual(['pcap', 'pcapng', 'trace']);
  });
});
