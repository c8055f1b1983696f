/** What a key does on the page: space plays or pauses, → steps one event, c crashes, ? helps. */
export type KeyAction = 'toggle' | 'step' | 'crash' | 'help' | 'close';

/** The parts of a KeyboardEvent that decide its action (so tests need no DOM). */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** The focused element's tag ("INPUT", "BUTTON", …), or null. */
  readonly targetTag: string | null;
  readonly targetEditable: boolean;
  /** The focused element's ARIA role ("button" for an SVG act), or null. */
  readonly targetRole: string | null;
  /** The focus is in an open dialog (the help): only its own keys apply. */
  readonly inDialog: boolean;
  /** Something on the way already acted on the key (event.defaultPrevented). */
  readonly handled: boolean;
}

/** Fields keep every key (typing a seed, choosing an option, moving the timeline). */
const FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Buttons and links keep Space, which presses them. */
const PRESSABLE = new Set(['BUTTON', 'SUMMARY', 'A']);
/** Roles that Space presses or ticks, whatever the element (an SVG act, a listbox option). */
const PRESSABLE_ROLES = new Set(['button', 'link', 'checkbox', 'option', 'switch', 'tab']);

export const SHORTCUTS: readonly { readonly keys: string; readonly does: string }[] = [
  { keys: 'Space', does: 'play / pause' },
  { keys: '→', does: 'step one event (while paused)' },
  { keys: 'c', does: 'crash the firewall now' },
  { keys: '?', does: 'show or hide this help' },
  { keys: 'Esc', does: 'close this help' },
];

/** The action for a key press, or null when the key is not a shortcut here. */
export function keyAction(press: KeyPress): KeyAction | null {
  if (press.handled || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'Escape') return 'close';
  if (press.inDialog) return press.key === '?' ? 'help' : null;
  const tag = press.targetTag ?? '';
  if (press.targetEditable || FIELDS.has(tag)) return null;
  const pressable = PRESSABLE.has(tag) || PRESSABLE_ROLES.has(press.targetRole ?? '');
  if (press.key === ' ' && pressable) return null;
  switch (press.key) {
    case ' ':
      return 'toggle';
    case 'ArrowRight':
      return 'step';
    case 'c':
    case 'C':
      return 'crash';
    case '?':
      return 'help';
    default:
      return null;
  }
}

export function keyPress(event: KeyboardEvent): KeyPress {
  // Element, not HTMLElement: the flowcharts' acts are SVG groups with role="button".
  const target = event.target instanceof Element ? event.target : null;
  return {
    key: event.key,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    altKey: event.altKey,
    targetTag: target?.tagName.toUpperCase() ?? null,
    targetEditable: target instanceof HTMLElement && target.isContentEditable,
    targetRole: target?.getAttribute('role') ?? null,
    inDialog: (target?.closest('dialog[open]') ?? null) !== null,
    handled: event.defaultPrevented,
  };
}
