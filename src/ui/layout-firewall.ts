import type { FirewallCaption } from './firewall-caption';
import { SPACE } from './layout-space';
import { formatCount } from './run/quantity-format';
import { blockHeight, centredLines, type Rect, type TextItem, type TextLine } from './text-lines';
import { TEXT_STYLE, textWidth, wrapPhrases, type TextKind } from './text-metrics';

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

/** One module's lane in the firewall box: where its part of each connection lives. */
export interface ModuleLane {
  readonly name: string;
  readonly rect: Rect;
  readonly label: TextLine;
}

/** Module lanes are small labelled chips, as many per row as the box holds. */
const LANE = { height: 18, gap: 4, padX: 5 } as const;

export interface FirewallLayout {
  readonly rect: Rect;
  /**
   * The base layer and each module (FIG. 5B), in the engine's area order: checkpoint writes
   * leave from here and reassembled parts come back here. Empty when disabled.
   */
  readonly modules: readonly ModuleLane[];
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

const laneWidth = (modules: readonly string[]) =>
  Math.max(0, ...modules.map((m) => textWidth(m, 'detail'))) + 2 * LANE.padX;

function laneRows(modules: readonly string[], inner: number): number {
  if (modules.length === 0) return 0;
  const perRow = Math.max(1, Math.floor((inner + LANE.gap) / (laneWidth(modules) + LANE.gap)));
  return Math.ceil(modules.length / perRow);
}

const lanesHeight = (modules: readonly string[], inner: number) => {
  const rows = laneRows(modules, inner);
  return rows === 0 ? 0 : rows * (LANE.height + LANE.gap) + LANE.gap;
};

export function firewallHeight(caption: FirewallCaption, width: number): number {
  const inner = width - 2 * SPACE.innerPad;
  return (
    blockHeight(allItems(caption, width).flat()) +
    lanesHeight(caption.modules, inner) +
    2 * SPACE.innerPad
  );
}

/** The lanes in rows, each row centred, the whole block starting at `top`. */
function layoutLanes(modules: readonly string[], rect: Rect, top: number): ModuleLane[] {
  const inner = rect.width - 2 * SPACE.innerPad;
  const rows = laneRows(modules, inner);
  if (rows === 0) return [];
  const width = laneWidth(modules);
  const perRow = Math.ceil(modules.length / rows);
  return modules.map((name, i) => {
    const row = Math.floor(i / perRow);
    const inRow = Math.min(perRow, modules.length - row * perRow);
    const rowWidth = inRow * width + (inRow - 1) * LANE.gap;
    const x = rect.x + (rect.width - rowWidth) / 2 + (i % perRow) * (width + LANE.gap);
    const y = top + LANE.gap + row * (LANE.height + LANE.gap);
    const size = TEXT_STYLE.detail.size;
    return {
      name,
      rect: { x, y, width, height: LANE.height },
      label: {
        text: name,
        kind: 'detail',
        x: x + width / 2,
        y: y + LANE.height / 2 + size * 0.35,
        anchor: 'middle',
      },
    };
  });
}

/** The box's text centred above its module lanes in `rect` (firewallHeight tall). */
export function firewallBox(caption: FirewallCaption, rect: Rect): FirewallLayout {
  const [title, note, state = [], live = []] = allItems(caption, rect.width);
  const lanes = lanesHeight(caption.modules, rect.width - 2 * SPACE.innerPad);
  const textRect = { ...rect, height: rect.height - lanes };
  const lines = centredLines([...title, ...note, ...state, ...live], textRect);
  const fixed = title.length + note.length;
  const textBottom =
    textRect.y + (textRect.height + blockHeight([...title, ...note, ...state, ...live])) / 2;
  return {
    rect,
    modules: layoutLanes(caption.modules, rect, textBottom),
    enabled: caption.enabled,
    lines: lines.slice(0, fixed),
    state: lines.slice(fixed, fixed + state.length),
    connections: lines.slice(fixed + state.length),
  };
}
