import { describe, expect, it } from 'vitest';
import { builtinScenarios, parseScenario, type Scenario, type Simulation } from '../../engine';
import { MAX_FRAME_MS, SimulationRunner } from './simulation-runner';
import type { Speed } from './speed';

const ftp = parseScenario(builtinScenarios['ftp-transfer']);
const video = parseScenario(builtinScenarios['video-stream']);
const ftpCrash = parseScenario(builtinScenarios['ftp-crash']);

/** Plays from the current state until the run finishes, one 16 ms frame at a time. */
function runToEnd(runner: SimulationRunner): void {
  runner.play();
  for (let wallMs = 0; runner.state.status === 'running'; wallMs += 16) runner.tick(wallMs);
}

/** A wall clock that never moves: no frame ever spends its budget (tests of the speed alone). */
const still = () => 0;

/** A wall clock that moves `msPerRead` every time it is read. */
function fakeClock(msPerRead: number): () => number {
  let now = 0;
  return () => (now += msPerRead);
}

/**
 * A runner with a frame budget of 8 ms whose wall clock the engine's work moves: the frame's
 * start plus `cost.msPerEvent` (5 µs unless changed, also mid-run) for every event run.
 * frame() plays one 16 ms frame and returns the ms of engine work it did.
 */
function workedRunner(scenario: Scenario, speed: Speed) {
  const cost = { msPerEvent: 0.005 };
  let scheduler: Simulation['scheduler'] | null = null;
  let frameMs = 0;
  let workMs = 0;
  let counted = 0;
  const clock = () => {
    const events = scheduler?.eventsProcessed ?? 0;
    workMs += (events - counted) * cost.msPerEvent;
    counted = events;
    return frameMs + workMs;
  };
  const runner = new SimulationRunner(scenario, {
    speed,
    clock,
    maxFrameBudgetMs: 8,
    attach: (sim) => {
      scheduler = sim.scheduler;
      counted = 0; // a fresh simulation counts its events from 0
    },
  });
  const frame = (): number => {
    const before = workMs;
    runner.tick((frameMs += 16));
    clock();
    return workMs - before;
  };
  return { runner, cost, frame };
}

describe('SimulationRunner', () => {
  it('starts paused at time 0 with every flow waiting', () => {
    const runner = new SimulationRunner(ftp);
    expect(runner.state).toEqual({
      status: 'paused',
      playing: false,
      speed: 1,
      nowUs: 0,
      finishedBy: null,
      firewall: 'up',
      seekUs: null,
      reachedUs: 0,
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
    const runner = new SimulationRunner(ftp, { speed: 0.01, clock: still });
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
    const runner = new SimulationRunner(ftp, { speed: 0.1, clock: still });
    runner.play();
    runner.tick(0);
    runner.tick(60_000);
    expect(runner.state.nowUs).toBe(MAX_FRAME_MS * 100);
  });

  it('pauses and resumes without counting the paused wall time', () => {
    const runner = new SimulationRunner(ftp, { speed: 1, clock: still });
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

  it('runs to the end at max in calls bounded by the wall-clock budget', () => {
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

  it('keeps each frame near its budget at max, however the traffic changes', () => {
    // At 5 µs per event a frame of 8 ms is 1,600 events. In many-flows, 2,000 transfers start
    // and end over 8 s: a count of events sized while the run was quiet must not run on far
    // past the budget when it thickens.
    const { runner, frame } = workedRunner(parseScenario(builtinScenarios['many-flows']), 'max');
    runner.play();
    frame();
    let longest = 0;
    while (runner.state.status === 'running') longest = Math.max(longest, frame());
    expect(runner.state.finishedBy).toBe('traffic');
    // The budget, plus the few events between two of the engine's questions whether it is
    // spent (4 events of 5 µs here).
    expect(longest).toBeLessThanOrEqual(8 * 1.5);

    // A seek done at once (a link) runs without a budget; the frames after it keep theirs.
    runner.reset();
    runner.seek(2_000_000);
    runner.finishSeek();
    runner.play();
    frame();
    expect(frame()).toBeLessThanOrEqual(8 * 1.5);
  });

  it('keeps each frame near its budget at 100×, running behind the speed it cannot keep', () => {
    // A 16 ms frame at 100× is 1.6 simulated seconds of video-stream, about 2,400 events: at
    // 20 µs per event (48 ms of work) the machine cannot keep up, and must not try in one frame.
    const { runner, cost, frame } = workedRunner(video, 100);
    cost.msPerEvent = 0.02;
    runner.play();
    frame();
    let longest = 0;
    while (runner.state.nowUs < 1_000_000) longest = Math.max(longest, frame());
    expect(longest).toBeLessThanOrEqual(8 * 1.5);
    // What it could not keep up with is dropped: once the work costs nothing, a frame runs
    // one frame's worth at 100× (1.6 s), not the seconds it fell behind.
    cost.msPerEvent = 0;
    const from = runner.state.nowUs;
    frame();
    expect(runner.state.nowUs - from).toBe(1_600_000);
  });

  it('keeps a frame near its budget when the events turn costly after a cheap stretch', () => {
    // At 100× a frame is about 2,400 events of video-stream. Free at first, for a few frames;
    // then 20 µs each, as a big table's recovery pieces are costly after cheap packets.
    const { runner, cost, frame } = workedRunner(video, 100);
    cost.msPerEvent = 0;
    runner.play();
    for (let i = 0; i < 4; i++) frame(); // to 6.4 s of the 10 s stream
    cost.msPerEvent = 0.02;
    expect(frame()).toBeLessThanOrEqual(8 * 1.5);
    expect(runner.state.status).toBe('running');
  });

  it('finishes at the scenario duration when traffic is still going', () => {
    const short = { ...video, durationUs: 50_000 };
    const runner = new SimulationRunner(short, { speed: 10, clock: still });
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
      playing: false,
      speed: 'max',
      nowUs: 0,
      finishedBy: null,
      firewall: 'up',
      seekUs: null,
      reachedUs: first.simulatedUs,
    });
    expect(runner.metrics().report.packets.sent).toBe(0);
    runToEnd(runner);
    expect(runner.metrics().report).toEqual(first);
  });

  it('steps exactly one engine event while paused', () => {
    const runner = new SimulationRunner(ftp);
    runner.stepEvent();
    expect(runner.metrics().report.events).toBe(1);
    const at = runner.state.nowUs;
    for (let i = 0; i < 50; i++) runner.stepEvent();
    expect(runner.metrics().report.events).toBe(51);
    expect(runner.state.nowUs).toBeGreaterThanOrEqual(at);
    runner.play();
    runner.stepEvent();
    expect(runner.metrics().report.events).toBe(51);
  });

  it('seeks forward and back to exactly the state a straight run reaches', () => {
    const straight = new SimulationRunner(ftp);
    straight.seek(300_000);
    straight.finishSeek();
    const there = straight.metrics().report;
    expect(straight.state).toMatchObject({ status: 'paused', nowUs: 300_000, seekUs: null });

    const runner = new SimulationRunner(ftp, { speed: 'max', clock: fakeClock(1) });
    runToEnd(runner);
    const end = runner.state.nowUs;
    runner.seek(300_000);
    expect(runner.state).toMatchObject({ status: 'seeking', seekUs: 300_000 });
    runner.finishSeek();
    expect(runner.state).toMatchObject({ status: 'paused', nowUs: 300_000, reachedUs: end });
    expect(runner.metrics().report).toEqual(there);
  });

  it('does a seek a frame budget at a time, then plays on if it was playing', () => {
    const runner = new SimulationRunner(ftp, {
      speed: 1,
      clock: fakeClock(1),
      maxFrameBudgetMs: 4,
    });
    runner.play();
    runner.seek(1_000_000);
    expect(runner.state).toMatchObject({ status: 'seeking', playing: true });
    let frames = 0;
    while (runner.state.status === 'seeking') runner.tick(++frames * 16);
    expect(frames).toBeGreaterThan(1);
    expect(runner.state).toMatchObject({ status: 'running', playing: true, nowUs: 1_000_000 });
    runner.pause();
    runner.seek(500_000);
    expect(runner.state).toMatchObject({ status: 'seeking', playing: false });
  });

  it('clamps a seek to the run and stops at the end of traffic', () => {
    const runner = new SimulationRunner(ftp);
    runner.seek(-5);
    runner.finishSeek();
    expect(runner.state.nowUs).toBe(0);
    runner.seek(Number.MAX_SAFE_INTEGER);
    runner.finishSeek();
    expect(runner.state).toMatchObject({ status: 'finished', finishedBy: 'traffic' });
  });

  it('hands every simulation it builds to attach', () => {
    const built: unknown[] = [];
    const runner = new SimulationRunner(ftp, { attach: (sim) => built.push(sim) });
    runner.seek(10_000);
    runner.finishSeek();
    runner.seek(5_000); // backwards: a fresh simulation
    runner.reset();
    expect(built).toHaveLength(3);
    expect(new Set(built).size).toBe(3);
  });

  it("gives both memory spaces: the firewall's is gone while it is down, the server's is not", () => {
    const runner = new SimulationRunner(ftpCrash);
    runner.seek(700_000);
    runner.finishSeek();
    const up = runner.metrics();
    expect(up.firewallMemory).toMatchObject({
      state: 'up',
      count: up.report.firewall.connectionsTracked,
    });
    const firstPage = {
      filter: '',
      sort: 'number',
      descending: false,
      start: 0,
      limit: 1,
    } as const;
    const page = up.firewallMemory.read({ ...firstPage, selected: null });
    expect(page.rows.map((r) => r.id)).toEqual(['tcp 192.0.2.10:50047 → 198.51.100.20:21 #1']);
    expect(page.matched).toBe(up.firewallMemory.count);
    expect(up.checkpointMemory?.records).toBe(up.report.checkpoint.recordsLive);

    runner.seek(900_000);
    runner.finishSeek();
    const down = runner.metrics();
    expect(down.firewallMemory).toMatchObject({ state: 'down', count: 0 });
    const server = down.checkpointMemory?.read({ selected: null });
    expect(server?.areas[0].count).toBeGreaterThan(up.firewallMemory.count - 1);
    const open = parseScenario({
      ...builtinScenarios['ftp-transfer'],
      firewall: { enabled: false },
    });
    expect(new SimulationRunner(open).metrics()).toMatchObject({
      firewallMemory: { state: 'disabled', count: 0 },
      checkpointMemory: null,
    });
  });
});
