/**
 * Selecting a connection in the memory views: a click or Enter on a row selects it, and on the
 * selected one clears the selection. Arrow keys, Home and End move between rows. (Space stays
 * the page's play/pause, and → its step.)
 */
export function toggled(current: string | null, id: string): string | null {
  return current === id ? null : id;
}

export type RowKey = 'select' | 'previous' | 'next' | 'first' | 'last';

export function rowKey(key: string): RowKey | null {
  switch (key) {
    case 'Enter':
      return 'select';
    case 'ArrowUp':
      return 'previous';
    case 'ArrowDown':
      return 'next';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return null;
  }
}

/** The row position a key moves focus to, within 0 … total - 1. */
export function movedTo(key: Exclude<RowKey, 'select'>, position: number, total: number): number {
  const to =
    key === 'previous'
      ? position - 1
      : key === 'next'
        ? position + 1
        : key === 'first'
          ? 0
          : total - 1;
  return Math.min(Math.max(to, 0), Math.max(total - 1, 0));
}
