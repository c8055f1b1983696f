import { describe, expect, it } from 'vitest';
import { Recorder } from '../record/recorder';
import { buildScenario, defaultConfig, type RunConfig } from '../run/run-config';
import { SimulationRunner } from '../run/simulation-runner';
import { CompareRun } from './compare-run';

/** The page's side: a runner whose every simulation gets a recorder the compare run follows. */
function pair(config: RunConfig, strategy: RunConfig['strategy']) {
  const compare = new CompareRun(config, strategy, { budgetMs: Infinity });
  const a = new SimulationRunner(buildScenario(config), {
    speed: 'max',
    attach: (sim) => compare.attachPrimary(new Recorder(sim)),
  });
  return { a, compare };
}

/** Seeks the page's run forward in steps of `stepUs`, the compare run following each step. */
function playInSteps(a: SimulationRunner, compare: CompareRun, untilUs: number, stepUs: number) {
  for (let t = stepUs; t <= untilUs && a.state.status !== 'finished'; t += stepUs) {
    a.seek(t);
    a.finishSeek();
    compare.follow(a.state);
    expect(compare.state.nowUs).toBe(a.state.nowUs);
  }
}

const ftpCrash = defaultConfig('ftp-crash');

describe('CompareRun', () => {
  it('the same strategy on both sides never diverges, in lockstep to the end', () => {
    const { a, compare } = pair(ftpCrash, 'unique-id');
    playInSteps(a, compare, 5_000_000, 100_000);
    expect(a.state.status).toBe('finished');
    compare.follow(a.state);
    expect(compare.state.status).toBe('finished');
    expect(compare.finderState.divergence).toBeNull();
    expect(compare.finderState.matched).toBeGreaterThan(10_000);
  });

  it('unique-id (sync) against none: the first SYN leaves later, held for its checkpoint write', () => {
    const { a, compare } = pair(ftpCrash, 'none');
    playInSteps(a, compare, 100_000, 50_000);
    const d = compare.finderState.divergence;
    expect(d?.a).toMatchObject({ kind: 'router.forward', packet: { id: 1, flags: 'S' } });
    expect(d?.b).toMatchObject({ kind: 'router.forward', packet: { id: 1, flags: 'S' } });
    expect(d!.a!.atUs).toBeGreaterThan(d!.b!.atUs);
    expect(d!.atUs).toBe(d!.b!.atUs);
  });

  it('unique-id (async) against none: identical until after the restart, then only none drops', () => {
    const config: RunConfig = { ...ftpCrash, checkpointMode: 'async' };
    const { a, compare } = pair(config, 'none');
    playInSteps(a, compare, 1_500_000, 50_000);
    const d = compare.finderState.divergence;
    const crash = a.metrics().report.crashes[0];
    expect(d!.atUs).toBeGreaterThan(crash.restartedAtUs!);
    expect(d!.index).toBeGreaterThan(10_000);
    expect(d!.a).toMatchObject({ kind: 'firewall.verdict', verdict: 'accept' });
    expect(d!.b?.kind).toMatch(/^firewall\./);
    expect(d!.b).not.toMatchObject({ verdict: 'accept' });
    expect(compare.metrics().report.crashes[0]).toMatchObject({ recovered: 0, lost: 20 });
    // Async checkpointing loses what was not flushed yet when it crashed: one connection here.
    expect(crash).toMatchObject({ recovered: 19, lost: 1 });
  });

  it('a replay of the page’s run from the seed (a seek back) finds the same divergence', () => {
    const { a, compare } = pair(ftpCrash, 'none');
    playInSteps(a, compare, 1_500_000, 50_000);
    const first = compare.finderState.divergence;
    a.seek(500); // back, before the first SYN: a fresh simulation, a fresh recorder
    a.finishSeek();
    compare.follow(a.state);
    expect(compare.state.nowUs).toBe(500);
    expect(compare.finderState.divergence).toBeNull();
    playInSteps(a, compare, 1_500_000, 50_000);
    expect(compare.finderState.divergence).toEqual(first);
  });

  it('once the page’s run is over it runs on to its own end, a budget at a time', () => {
    let now = 0;
    const compare = new CompareRun(ftpCrash, 'none', { clock: () => (now += 1) });
    const a = new SimulationRunner(buildScenario(ftpCrash), {
      speed: 'max',
      attach: (sim) => compare.attachPrimary(new Recorder(sim)),
    });
    a.seek(10_000_000);
    a.finishSeek();
    expect(a.state.status).toBe('finished');
    let frames = 0;
    while (compare.state.status !== 'finished' && frames < 100_000) {
      compare.follow(a.state);
      frames++;
    }
    expect(frames).toBeGreaterThan(1);
    expect(compare.state.nowUs).toBeGreaterThan(a.state.nowUs);
    const data = compare.metrics().report.flows.find((f) => f.id === 'download/data');
    expect(data?.completed).toBe(false);
  });

  it('turned on mid-run, it replays what the page’s recorder holds and finds the same', () => {
    const { a, compare } = pair(ftpCrash, 'none');
    playInSteps(a, compare, 100_000, 50_000);
    const expected = compare.finderState.divergence;

    let recorder: Recorder | null = null;
    const late = new SimulationRunner(buildScenario(ftpCrash), {
      attach: (sim) => (recorder = new Recorder(sim)),
    });
    late.seek(100_000);
    late.finishSeek();
    const joined = new CompareRun(ftpCrash, 'none', { budgetMs: Infinity });
    joined.attachPrimary(recorder!);
    expect(joined.follow(late.state)).toBe(false);
    expect(joined.view(late.state, joined.metrics()).divergence).toEqual(expected);

    // A recorder that already let its first events go cannot be compared: said, not guessed.
    let small: Recorder | null = null;
    const far = new SimulationRunner(buildScenario(ftpCrash), {
      attach: (sim) => (small = new Recorder(sim, 100)),
    });
    far.seek(100_000);
    far.finishSeek();
    const refused = new CompareRun(ftpCrash, 'none', { budgetMs: Infinity });
    refused.attachPrimary(small!);
    refused.follow(far.state);
    const view = refused.view(far.state, refused.metrics());
    expect(view.unavailable).toMatch(/Reset/);
    expect(view.divergence).toBeNull();
  });

  it('a Step (one engine event of a microsecond) is not a divergence', () => {
    const { a, compare } = pair(ftpCrash, 'unique-id');
    for (let i = 0; i < 300; i++) {
      a.stepEvent();
      compare.follow(a.state);
    }
    expect(compare.finderState.divergence).toBeNull();
    expect(compare.finderState.matched).toBeGreaterThan(100);
  });
});
