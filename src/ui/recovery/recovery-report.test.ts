import { describe, expect, it } from 'vitest';
import type { CrashReport } from '../../engine';
import { computeOverview, withoutCrashes, type Overview } from '../overview/overview';
import { buildScenario, defaultConfig, type Strategy } from '../run/run-config';
import { addedDelay, recoveryCard, type CardInput } from './recovery-report';

const memo = new Map<Strategy, { overview: Overview; baseline: Overview }>();

/** The whole ftp-crash run with this strategy, and the same run without its crash. */
function ftpCrash(strategy: Strategy) {
  let runs = memo.get(strategy);
  if (runs === undefined) {
    const scenario = buildScenario({ ...defaultConfig('ftp-crash'), strategy });
    const calm = withoutCrashes(scenario);
    if (calm === null) throw new Error('ftp-crash has a crash');
    runs = { overview: computeOverview(scenario), baseline: computeOverview(calm) };
    memo.set(strategy, runs);
  }
  return runs;
}

function input(strategy: Strategy, over: Partial<CardInput> = {}): CardInput {
  const { overview, baseline } = ftpCrash(strategy);
  return {
    crashes: overview.crashes,
    strategy,
    hasFirewall: true,
    inProgress: false,
    transferId: 'download/data',
    overview,
    baseline,
    ...over,
  };
}

const crash: CrashReport = {
  atUs: 800_000,
  restartedAtUs: null,
  recoveredAtUs: null,
  connectionsBefore: 20,
  recovered: 0,
  lost: 20,
  orphans: 0,
  corrupt: 0,
  mismatches: 0,
  records: 0,
  partsByModule: {},
  incomplete: 0,
  discarded: 0,
};

describe('recoveryCard', () => {
  it('says there was no crash yet, and when the run has one in store', () => {
    const card = recoveryCard(input('unique-id', { crashes: [] }));
    expect(card).toMatchObject({ tone: 'quiet', title: 'No crash yet', delay: null });
    expect(card.headline).toBe('the firewall will crash at 0.800 s');
    expect(recoveryCard(input('unique-id', { crashes: [], overview: null })).headline).toBe(
      'the firewall has not crashed so far',
    );
    expect(recoveryCard(input('unique-id', { hasFirewall: false })).title).toMatch(/No firewall/);
  });

  it('ftp-crash with unique-id: every connection recovered, none lost', () => {
    const card = recoveryCard(input('unique-id'));
    expect(card.tone).toBe('ok');
    expect(card.title).toBe('Crash #1 at 0.800 s');
    expect(card.headline).toBe('20 recovered, 0 lost of 20 connections');
    expect(card.verdict).toMatch(/^Every connection came back/);
    const values = Object.fromEntries(card.counters.map((c) => [c.label, c.value]));
    expect(values).toEqual({
      recovered: '20',
      lost: '0',
      orphans: '0',
      corrupt: '0',
      mismatches: '0',
      'out of service': '250.5 ms',
    });
  });

  it('ftp-crash with the prior art: says clearly that connections were lost', () => {
    const card = recoveryCard(input('none'));
    expect(card.tone).toBe('bad');
    expect(card.headline).toBe('0 recovered, 20 lost of 20 connections');
    expect(card.verdict).toMatch(/^Connections were lost: the prior art checkpoints nothing/);
  });

  it('shows a crash being handled as pending, with no provisional counts', () => {
    const down = recoveryCard(input('unique-id', { crashes: [crash], inProgress: true }));
    expect(down.tone).toBe('pending');
    expect(down.headline).toBe(
      'Recovery under way — firewall down: 20 connections wait for the restart',
    );
    expect(down.counters.find((c) => c.label === 'lost')?.value).toBe('…');
    expect(down.counters.find((c) => c.label === 'out of service')?.value).toBe('not yet back');
    const restarted = { ...crash, restartedAtUs: 1_050_000 };
    const card = recoveryCard(input('unique-id', { crashes: [restarted], inProgress: true }));
    expect(card.headline).toMatch(/reassembling/);
  });

  it('numbers the latest of several crashes', () => {
    const later = { ...crash, atUs: 2_000_000, recoveredAtUs: 2_250_000, recovered: 20, lost: 0 };
    const card = recoveryCard(input('unique-id', { crashes: [crash, later] }));
    expect(card.title).toBe('Crash #2 of 2 at 2.000 s');
    // The first of two, while the second is still ahead: of all the run's crashes.
    const { overview } = ftpCrash('unique-id');
    const ahead = { ...overview, crashes: [crash, later] };
    expect(recoveryCard(input('unique-id', { crashes: [crash], overview: ahead })).title).toBe(
      'Crash #1 of 2 at 0.800 s',
    );
  });
});

describe('addedDelay', () => {
  it("ftp-crash: the download's completion against the run without the crash", () => {
    const { overview, baseline } = ftpCrash('unique-id');
    const mine = overview.flows.find((f) => f.id === 'download/data')?.completedAtUs ?? 0;
    const base = baseline.flows.find((f) => f.id === 'download/data')?.completedAtUs ?? 0;
    expect(mine).toBeGreaterThan(base);
    const delay = addedDelay(input('unique-id'));
    expect(delay.value).toMatch(/^\+[\d,]+\.\d ms$/);
    expect(Number(delay.value.slice(1, -3).replace(/,/g, ''))).toBeCloseTo((mine - base) / 1000, 1);
    expect(delay.note).toMatch(
      /^download\/data completed at 2\.283 s, \d\.\d{3} s without crashes$/,
    );
  });

  it('with the prior art the download does not complete', () => {
    expect(addedDelay(input('none'))).toMatchObject({ value: 'did not complete' });
  });

  it('says what is still being computed, or missing', () => {
    expect(addedDelay(input('unique-id', { overview: null })).value).toBe('computing…');
    expect(addedDelay(input('unique-id', { baseline: null })).note).toMatch(/without crashes/);
    expect(addedDelay(input('unique-id', { transferId: null })).value).toBe('no transfer');
    expect(addedDelay(input('unique-id', { transferId: 'web#99' })).value).toBe('not known');
  });
});
