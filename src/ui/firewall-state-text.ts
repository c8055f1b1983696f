import type { FirewallState } from './run/simulation-runner';
import type { TextLine } from './text-lines';

/**
 * The firewall box's state line(s): a dot, then what the state means ("crashed — ") and the
 * state's own word ("down"), which the view marks up separately so a test can read it alone.
 * Placed in the slots the layout reserved (one line, or two when the box is narrow).
 */
export interface StateLine {
  readonly x: number;
  readonly y: number;
  readonly anchor: TextLine['anchor'];
  /** Starts with the coloured state dot. */
  readonly dot: boolean;
  readonly prefix: string;
  /** The state's name ('up', 'down', 'recovering'), or '' on a line without it. */
  readonly word: string;
}

/** The coloured dot before a state, with the space that follows it. */
export const STATE_DOT = '● ';

type Shown = Exclude<FirewallState, 'disabled'>;
const PREFIX: Readonly<Record<Shown, string>> = { up: '', down: 'crashed —', recovering: '' };

/** Nothing for a disabled firewall, or when there are no slots to write in. */
export function stateLines(state: FirewallState, slots: readonly TextLine[]): StateLine[] {
  if (state === 'disabled' || slots.length === 0) return [];
  const prefix = PREFIX[state];
  const [first, second] = slots;
  if (second !== undefined && prefix !== '') {
    return [
      { ...place(first), dot: true, prefix, word: '' },
      { ...place(second), dot: false, prefix: '', word: state },
    ];
  }
  // One line: centred on the slots' middle so a short state leaves no gap below it.
  const last = slots[slots.length - 1];
  const middle = { ...first, y: (first.y + last.y) / 2 };
  return [{ ...place(middle), dot: true, prefix: prefix === '' ? '' : `${prefix} `, word: state }];
}

const place = (slot: TextLine) => ({ x: slot.x, y: slot.y, anchor: slot.anchor });
