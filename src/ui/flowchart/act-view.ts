import { format } from 'd3-format';
import { formatAt, formatCount, formatMs } from '../run/quantity-format';
import { litActs, type ActGlow } from './act-activity';
import type { ActCounter, ActCounts } from './act-counter';
import { ALL_ACTS, findAct } from './acts';

/**
 * What each act's box shows, as plain text and numbers: lit or not and how strongly, how many
 * times it ran, and the sentences read out for it (its label) or shown when it is focused.
 */

export interface ActState {
  readonly lit: boolean;
  /** 0 when dark, else the glow's strength (0.2–1). */
  readonly strength: number;
  readonly current: boolean;
  /** "63×", "≥63×" (counting began late), "1.2M×". */
  readonly countText: string;
  readonly ariaLabel: string;
}

const si = format('.3~s');

export function countText(count: number, complete: boolean): string {
  const n = count < 100_000 ? formatCount(count) : si(count);
  return `${complete ? '' : '≥'}${n}×`;
}

function timesText(count: number, complete: boolean): string {
  const n = `${complete ? '' : 'at least '}${formatCount(count)}`;
  return count === 1 && complete ? 'executed once' : `executed ${n} times`;
}

function litText(glow: ActGlow | undefined): string {
  if (glow === undefined) return 'not lit';
  if (glow.current) return 'being executed now';
  return `lit: executed ${formatMs(glow.ageUs)} ago`;
}

export function actState(act: number, glow: ActGlow | undefined, counts: ActCounts): ActState {
  const count = counts.byAct.get(act)?.count ?? 0;
  const found = findAct(act);
  const label = found === undefined ? '' : ` ${found.node.label.join(' ')}`;
  return {
    lit: glow !== undefined,
    strength: glow?.strength ?? 0,
    current: glow?.current ?? false,
    countText: countText(count, counts.complete),
    ariaLabel: `Act ${act}:${label} — ${timesText(count, counts.complete)}, ${litText(glow)}`,
  };
}

/** Nothing counted yet: before a run, or while its recorder is being replaced. */
export const NO_COUNTS: ActCounts = { byAct: new Map(), latest: null, complete: true };

export interface ActsNow {
  readonly states: ReadonlyMap<number, ActState>;
  readonly counts: ActCounts;
}

/** Every act's state at `nowUs`: what the counter has counted, and what that lights. */
export function actsNow(
  counter: Pick<ActCounter, 'snapshot'>,
  nowUs: number,
  windowUs: number,
): ActsNow {
  const counts = counter.snapshot();
  const lit = litActs(counts, nowUs, windowUs);
  const states = new Map(ALL_ACTS.map((act) => [act, actState(act, lit.get(act), counts)]));
  return { states, counts };
}

/** The line under the charts for a focused (or hovered) act: the patent's fuller wording. */
export function actDetail(act: number, counts: ActCounts): string {
  const found = findAct(act);
  if (found === undefined) return '';
  const tally = counts.byAct.get(act);
  const count = tally?.count ?? 0;
  const lastAtUs = tally?.lastAtUs ?? null;
  const last = lastAtUs === null ? '' : `, last at ${formatAt(lastAtUs)}`;
  return `Act ${act} (FIG. ${found.figure.fig}): ${found.node.wording} — ${timesText(count, counts.complete)} so far${last}.`;
}

/** Why some figures never light up with this checkpointing strategy (null: all of them can). */
export function strategyNote(strategy: string, hasFirewall: boolean): string | null {
  if (!hasFirewall) return 'This scenario has no firewall: none of these acts run.';
  if (strategy === 'none') {
    return 'Prior art (strategy none): nothing is checkpointed, so FIG. 6–8 never run, and after a restart act 902 finds nothing to recover — every connection is lost.';
  }
  if (strategy === 'snapshot') {
    return 'Strategy snapshot: the whole table is stored as one blob, not connection by connection, so FIG. 6–8 do not run; a restart still reads the blob back and reassembles it (FIG. 9–10).';
  }
  return null;
}
