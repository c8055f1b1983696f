/**
 * Text sizes shared by the layout (which must size boxes before anything is rendered) and
 * Topology.svelte (which applies the same font sizes). A pure layout cannot measure text, so
 * widths are estimated per character with a factor taken from the widest common fallback
 * fonts (DejaVu Sans Bold, DejaVu Sans Mono): on narrower fonts boxes get a little roomier.
 */

export type TextKind = 'title' | 'name' | 'caption' | 'detail';

export interface TextStyle {
  /** Font size in px (SVG user units). */
  readonly size: number;
  /** Average advance width per character, in em. */
  readonly em: number;
  /** Distance between baselines of consecutive lines, px. */
  readonly lineHeight: number;
}

export const TEXT_STYLE: Readonly<Record<TextKind, TextStyle>> = {
  title: { size: 14, em: 0.7, lineHeight: 18 }, // sans, bold: the router's name
  name: { size: 13, em: 0.7, lineHeight: 17 }, // sans, bold: host and port names
  caption: { size: 13, em: 0.64, lineHeight: 17 }, // sans: fabric, routing processor
  detail: { size: 12, em: 0.62, lineHeight: 16 }, // monospace: addresses, prefixes, links
};

export function textWidth(text: string, kind: TextKind): number {
  const style = TEXT_STYLE[kind];
  return Math.ceil([...text].length * style.size * style.em);
}

/** Shortens text with an ellipsis until its estimated width fits (at least one character). */
export function fitText(text: string, kind: TextKind, maxWidth: number): string {
  if (textWidth(text, kind) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, kind) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

/**
 * Greedy word wrap: as many words per line as fit in maxWidth. A single word wider than
 * maxWidth stays whole on its own line (callers size boxes from the widest word).
 */
export function wrapWords(text: string, kind: TextKind, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} ${word}`, kind) <= maxWidth) {
      lines[lines.length - 1] = `${last} ${word}`;
    } else {
      lines.push(word);
    }
  }
  return lines;
}

/**
 * Greedy wrap of whole phrases: as many per line as fit in maxWidth, joined by `separator`
 * ("5 rules · policy drop" or, when narrow, "5 rules" above "policy drop"). A phrase is
 * never broken, and a line never starts or ends with the separator.
 */
export function wrapPhrases(
  phrases: readonly string[],
  kind: TextKind,
  maxWidth: number,
  separator = ' ',
): string[] {
  const lines: string[] = [];
  for (const phrase of phrases) {
    const last = lines.at(-1);
    const joined = `${last}${separator}${phrase}`;
    if (last !== undefined && textWidth(joined, kind) <= maxWidth) lines[lines.length - 1] = joined;
    else lines.push(phrase);
  }
  return lines;
}

/** Width of the widest word: the narrowest box that can hold the text wrapped. */
export function widestWord(text: string, kind: TextKind): number {
  return Math.max(0, ...text.split(/\s+/).map((word) => textWidth(word, kind)));
}
