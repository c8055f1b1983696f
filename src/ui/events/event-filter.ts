import type { TraceEvent } from '../../engine';
import { eventCategory, eventModule, type EventCategory } from './event-category';

/** What the log shows: the user's filters. */
export interface EventFilter {
  readonly categories: ReadonlySet<EventCategory>;
  /** A firewall module or checkpoint area ("base", "tcp", "ftp", …), or null for all. */
  readonly module: string | null;
  /** Part of a connection id ("192.0.2.10", ":21", "udp"), or "#12" for connection 12. */
  readonly connectionText: string;
  readonly onlySelected: boolean;
}

export type ConnectionLookup = (event: TraceEvent, seq: number) => string | null;
export type EventMatcher = (event: TraceEvent, seq: number) => boolean;

/**
 * The test an event must pass to be listed. The cheap checks (kind, module) come first; the
 * connection is looked up only when a connection filter is on.
 */
export function eventMatcher(
  filter: EventFilter,
  selectedConnection: string | null,
  connectionOf: ConnectionLookup,
): EventMatcher {
  const { categories, module } = filter;
  const wanted = connectionTest(filter, selectedConnection);
  return (event, seq) => {
    if (!categories.has(eventCategory(event.kind))) return false;
    if (module !== null && eventModule(event) !== module) return false;
    if (wanted === null) return true;
    const connection = connectionOf(event, seq);
    return connection !== null && wanted(connection);
  };
}

/** The connection test, or null when no connection filter is on. */
function connectionTest(
  filter: EventFilter,
  selected: string | null,
): ((connection: string) => boolean) | null {
  const text = normaliseConnectionText(filter.connectionText);
  const onlySelected = filter.onlySelected && selected !== null;
  if (text === '' && !onlySelected) return null;
  const matchesText = textTest(text);
  return (connection) => (!onlySelected || connection === selected) && matchesText(connection);
}

function textTest(text: string): (connection: string) => boolean {
  if (text === '') return () => true;
  // "#1" is connection 1, not 10 or 12: the number is the id's last word.
  if (/^#[\d.]+$/.test(text)) return (connection) => connection.endsWith(` ${text}`);
  return (connection) => connection.toLowerCase().includes(text);
}

/** The categories with `category` switched on or off. */
export function toggleCategory(
  categories: ReadonlySet<EventCategory>,
  category: EventCategory,
): ReadonlySet<EventCategory> {
  const next = new Set(categories);
  if (!next.delete(category)) next.add(category);
  return next;
}

/** Lower case, trimmed, and "->" read as the arrow the ids use, spaced as they space it. */
export function normaliseConnectionText(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s*(->|→)\s*/g, ' → ')
    .replace(/\s+/g, ' ');
}
