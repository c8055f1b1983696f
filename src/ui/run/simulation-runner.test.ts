import { describe, expect, it } from 'vitest';
import { builtinScenarios, parseScenario } from '../../engine';
import { MAX_FRAME_MS, STEP_FRAME_MS, SimulationRunner } from './simulation-runner';

const ftp = parseScenario(builtinScenarios['ftp-transfer']);
const video = parseScenario(builtinScenarios['video-stream']);
const noFirewall = { ...ftp, firewall: { ...ftp.firewall, enabled: false } };

/** Plays from the current state until the run finishes, one 16 ms frame at a time. */
function runToEnd(runner: SimulationRunner): void {
  runner.play();
  for (let wallMs = 0; runner.state.status === 'running'; wallMs += 16) runner.tick(wallMs);
}

/** A wall clock that moves `msPerRead` every time it is read. */
function fakeClock(msPerRead: number): () => number {
  let now = 0;
  return () => (now += msPerRead);
}

describe('SimulationRunner', () => {
  it('starts paused at time 0 with every flow waiting', () => {
    const runner = new SimulationRunner(ftp);
    expect(runner.state).toEqual({
      status: 'paused',
      speed: 1,
      nowUs: 0,
      finishedBy: null,
      firewall: 'up',
    });
    const { report, queues } = runner.metrics();
    expect(report.flows.map((f) => f.id)).toEqual(['download/control', 'download/data']);
    expect(report.flows.every((f) => f.startedAtUs === null || f.startedAtUs === 0)).toBe(true);
    expect(queues.map((q) => q.port)).toEqual(['eth0', 'eth1']);
  });

  it('does not advance while paused, nor on the first frame after play', () => {
    const runner = new SimulationRunner(ftp);
    expect(runner.tick(1_000)).toBe(false);
    runner.play();
    expect(runner.tick(1_000)).toBe(false);
    expect(runner.state).toMatchObject({ status: 'running', nowUs: 0 });
  });

  it('maps wall time to simulated time by the speed, keeping fractions of a µs', () => {
    const runner = new SimulationRunner(ftp, { speed: 0.01 });
    runner.play();
    runner.tick(0);
    runner.tick(10); // 10 ms wall at 0.01x = 100 µs
    expect(runner.state.nowUs).toBe(100);
    for (let i = 1; i <= 3; i++) runner.tick(10 + i * 0.03); // 0.3 µs each
    expect(runner.state.nowUs).toBe(100);
    runner.tick(10.1); // 1 µs in all
    expect(runner.state.nowUs).toBe(101);

    runner.setSpeed(1);
    runner.tick(30.1); // 20 ms wall at 1x
    expect(runner.state.nowUs).toBe(20_101);
  });

  it('counts a long frame (a hidden tab) as at most MAX_FRAME_MS', () => {
    const runner = new SimulationRunner(ftp, { speed: 0.1 });
    runner.play();
    runner.tick(0);
    runner.tick(60_000);
    expect(runner.state.nowUs).toBe(MAX_FRAME_MS * 100);
  });

  it('pauses and resumes without counting the paused wall time', () => {
    const runner = new SimulationRunner(ftp, { speed: 1 });
    runner.play();
    runner.tick(0);
    runner.tick(16);
    runner.pause();
    expect(runner.tick(5_000)).toBe(false);
    runner.toggle();
    runner.tick(9_000);
    runner.tick(9_010);
    expect(runner.state).toMatchObject({ status: 'running', nowUs: 26_000 });
  });

  it('steps one 60 Hz frame at the current speed, only while paused', () => {
    const runner = new SimulationRunner(ftp, { speed: 0.1 });
    runner.step();
    expect(runner.state.nowUs).toBe(Math.floor(STEP_FRAME_MS * 100));
    runner.play();
    runner.step();
    expect(runner.state.nowUs).toBe(Math.floor(STEP_FRAME_MS * 100));
  });

  it('runs to the end at max in slices bounded by the wall-clock budget', () => {
    const runner = new SimulationRunner(ftp, {
      speed: 'max',
      clock: fakeClock(1),
      maxFrameBudgetMs: 8,
    });
    runner.play();
    runner.tick(0);
    let frames = 0;
    while (runner.state.status === 'running' && frames < 10_000) {
      const before = runner.state.nowUs;
      runner.tick(++frames * 16);
      expect(runner.state.nowUs).toBeGreaterThan(before);
    }
    expect(runner.state.status).toBe('finished');
    expect(runner.state.finishedBy).toBe('traffic');
    const data = runner.metrics().report.flows.find((f) => f.kind === 'ftp-data');
    expect(data).toMatchObject({ bytesDelivered: 20_000_000, completed: true });
  });

  it('finishes at the scenario duration when traffic is still going', () => {
    const short = { ...video, durationUs: 50_000 };
    const runner = new SimulationRunner(short, { speed: 10 });
    runner.play();
    runner.tick(0);
    runner.tick(100);
    expect(runner.state).toMatchObject({
      status: 'finished',
      nowUs: 50_000,
      finishedBy: 'duration',
    });
    runner.play();
    expect(runner.tick(200)).toBe(false);
  });

  it('resets to a fresh, paused run that replays identically', () => {
    const runner = new SimulationRunner(video, { speed: 'max', clock: fakeClock(1) });
    runToEnd(runner);
    const first = runner.metrics().report;
    expect(first.flows[0]).toMatchObject({ id: 'video', completed: true });

    runner.reset();
    expect(runner.state).toEqual({
      status: 'paused',
      speed: 'max',
      nowUs: 0,
      finishedBy: null,
      firewall: 'up',
    });
    expect(runner.metrics().report.packets.sent).toBe(0);
    runToEnd(runner);
    expect(runner.metrics().report).toEqual(first);
  });

  it('crashes the firewall now; the router server restarts it and it recovers every connection', () => {
    const runner = new SimulationRunner(ftp, { speed: 1 });
    runner.play();
    runner.tick(0);
    runner.tick(100); // 100 ms: the transfer is under way
    const before = runner.metrics().report.firewall.connectionsTracked;
    expect(before).toBeGreaterThan(0);

    expect(runner.crashFirewall()).toBe(true);
    expect(runner.state).toMatchObject({ status: 'running', nowUs: 100_000, firewall: 'down' });
    expect(runner.metrics().report.crashes).toMatchObject([{ atUs: 100_000, recoveredAtUs: null }]);
    expect(runner.crashFirewall()).toBe(false);
    expect(runner.metrics().report.crashes).toHaveLength(1);

    runner.setSpeed('max');
    for (let wallMs = 200; runner.state.status === 'running'; wallMs += 16) runner.tick(wallMs);
    const { crashes, flows } = runner.metrics().report;
    expect(runner.state.firewall).toBe('up');
    expect(crashes).toMatchObject([{ connectionsBefore: before, recovered: before, lost: 0 }]);
    expect(flows.find((f) => f.kind === 'ftp-data')).toMatchObject({ completed: true });
  });

  it('crashes a paused run at its current time, but not a finished one', () => {
    const runner = new SimulationRunner(ftp, { speed: 0.1 });
    runner.step();
    expect(runner.crashFirewall()).toBe(true);
    expect(runner.state).toMatchObject({ status: 'paused', firewall: 'down' });

    const finished = new SimulationRunner(video, { speed: 'max', clock: fakeClock(1) });
    runToEnd(finished);
    expect(finished.state.firewall).toBe('up');
    expect(finished.crashFirewall()).toBe(false);
    expect(finished.metrics().report.crashes).toEqual([]);
  });

  it('has nothing to crash when the scenario turns the firewall off', () => {
    const runner = new SimulationRunner(noFirewall);
    expect(runner.state.firewall).toBe('disabled');
    expect(runner.crashFirewall()).toBe(false);
  });
});
