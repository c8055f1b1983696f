/**
 * Figures read off the page as a user sees them (no hooks into the app): the run bar's clock
 * ("105.000000 s") and counts such as the firewall box's "104,866 connections".
 */

export function clockSeconds(text: string | null): number {
  const m = /^\s*(\d+(?:\.\d+)?) s\s*$/.exec(text ?? '');
  if (m === null) throw new Error(`not a clock reading: "${text}"`);
  return Number(m[1]);
}

/** The count a text starts with, digits grouped by commas. */
export function leadingCount(text: string | null): number {
  const m = /^\s*(\d{1,3}(?:,\d{3})*|\d+)(?=\s|$)/.exec(text ?? '');
  if (m === null) throw new Error(`no count in "${text}"`);
  return Number(m[1].replaceAll(',', ''));
}
