import type { FirewallCaption } from './firewall-caption';
import { SPACE } from './layout-space';
import { formatCount } from './run/quantity-format';
import { blockHeight, centredLines, type Rect, type TextItem, type TextLine } from './text-lines';
import { textWidth, wrapPhrases, type TextKind } from './text-metrics';

/**
 * The firewall application's box inside the routing processor (FIG. 3, item 310): its title,
 * a note on the ruleset ("5 rules · policy drop") or "disabled: everything passes", room for
 * its state ("● up", "● crashed — down", "● recovering") and for the live number of tracked
 * connections, sized for the longest state and the most the table can hold so the box does
 * not change size while a run goes on. Narrow boxes wrap each part by phrases.
 */

export const FIREWALL_TITLE = 'firewall application';
const TITLE_WORDS = FIREWALL_TITLE.split(' ');
const CONNECTIONS_WORD = 'connections';
/** The longest state text, as the phrases it may wrap into (see firewall-state-text.ts). */
export const STATE_PHRASES = ['● crashed —', 'down'] as const;

export interface FirewallLayout {
  readonly rect: Rect;
  readonly enabled: boolean;
  /** Title and note. */
  readonly lines: readonly TextLine[];
  /** Where the state goes: one line or two, as wide as the longest state. Empty when disabled. */
  readonly state: readonly TextLine[];
  /**
   * Where the connection count goes: one line ("12 connections") or two ("12" above
   * "connections"); each holds the widest possible text. Empty when the firewall is disabled.
   */
  readonly connections: readonly TextLine[];
}

interface Part {
  readonly phrases: readonly string[];
  readonly separator: string;
  readonly kind: TextKind;
}

function parts(caption: FirewallCaption): Part[] {
  const title: Part = { phrases: TITLE_WORDS, separator: ' ', kind: 'name' };
  const note: Part = { phrases: caption.note, separator: caption.separator, kind: 'caption' };
  if (!caption.enabled) return [title, note];
  const state: Part = { phrases: STATE_PHRASES, separator: ' ', kind: 'caption' };
  const widest = [formatCount(caption.maxConnections), CONNECTIONS_WORD];
  return [title, note, state, { phrases: widest, separator: ' ', kind: 'caption' }];
}

const items = (part: Part, maxWidth: number): TextItem[] =>
  wrapPhrases(part.phrases, part.kind, maxWidth, part.separator).map((text) => ({
    text,
    kind: part.kind,
  }));

/** Narrowest box that holds every part, wrapped to one phrase a line. */
export function firewallMinWidth(caption: FirewallCaption): number {
  const widths = parts(caption).flatMap((p) => p.phrases.map((t) => textWidth(t, p.kind)));
  return Math.max(...widths) + 2 * SPACE.innerPad;
}

/** Box width at which nothing has to wrap. */
export function firewallUnwrapped(caption: FirewallCaption): number {
  const widths = parts(caption).map((p) => textWidth(p.phrases.join(p.separator), p.kind));
  return Math.max(...widths) + 2 * SPACE.innerPad;
}

function allItems(caption: FirewallCaption, width: number): TextItem[][] {
  return parts(caption).map((p) => items(p, width - 2 * SPACE.innerPad));
}

export function firewallHeight(caption: FirewallCaption, width: number): number {
  return blockHeight(allItems(caption, width).flat()) + 2 * SPACE.innerPad;
}

/** The box's text centred in `rect` (which should be firewallHeight tall). */
export function firewallBox(caption: FirewallCaption, rect: Rect): FirewallLayout {
  const [title, note, state = [], live = []] = allItems(caption, rect.width);
  const lines = centredLines([...title, ...note, ...state, ...live], rect);
  const fixed = title.length + note.length;
  return {
    rect,
    enabled: caption.enabled,
    lines: lines.slice(0, fixed),
    state: lines.slice(fixed, fixed + state.length),
    connections: lines.slice(fixed + state.length),
  };
}
