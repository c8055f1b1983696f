import {
  CHECKPOINT_MODES,
  MAX_ADDED_CRASHES,
  MAX_RULES_CHARS,
  STRATEGIES,
  defaultConfig,
  isLinkableName,
  type RunConfig,
  type Strategy,
} from './run-config';
import { FILE_PREFIX } from '../replay/capture-samples';

/**
 * A run in a link: `?scenario=ftp-crash&seed=1&strategy=unique-id&mode=sync&fail=closed
 * &crash=1.25,2&t=0.8&compare=none`. Times are seconds with up to six decimals, so every microsecond
 * survives the round trip exactly. Every setting is written, not just the changed ones, so
 * a link reproduces its run even if a built-in's defaults change later.
 */
export interface UrlState {
  readonly config: RunConfig;
  /** Where the playhead was, µs; null: at the start. */
  readonly playheadUs: number | null;
  /** Compare mode's other strategy; null (or absent): compare mode off. */
  readonly compare?: Strategy | null;
}

export interface ReadUrl {
  readonly state: UrlState;
  /** One line per parameter that could not be used, naming it; its default was used instead. */
  readonly problems: readonly string[];
}

const KNOWN = new Set([
  'scenario',
  'seed',
  'strategy',
  'mode',
  'fail',
  'crash',
  't',
  'rules',
  'compare',
]);
const MAX_SECONDS_TEXT = 16;

/** The link's query string for a run. */
export function writeUrl(state: UrlState): string {
  const c = state.config;
  const q = new URLSearchParams();
  q.set('scenario', c.scenario);
  q.set('seed', String(c.seed));
  q.set('strategy', c.strategy);
  q.set('mode', c.checkpointMode);
  q.set('fail', c.failOpen ? 'open' : 'closed');
  if (c.crashAtUs.length > 0) q.set('crash', c.crashAtUs.map(formatSeconds).join(','));
  if (c.rules !== null) q.set('rules', encodeRules(c.rules));
  if (state.playheadUs !== null && state.playheadUs > 0)
    q.set('t', formatSeconds(state.playheadUs));
  if (state.compare) q.set('compare', state.compare);
  return `?${q.toString()}`;
}

/**
 * A run from a link. Nothing here throws: a parameter that cannot be used is reported by name
 * and its default kept, so a damaged link still opens a working page.
 */
export function readUrl(search: string, fallbackScenario: string): ReadUrl {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const note = (param: string, why: string): void => {
    problems.push(`URL parameter "${param}": ${why}`);
  };
  for (const key of new Set(q.keys())) if (!KNOWN.has(key)) note(key, 'unknown parameter, ignored');

  let name = fallbackScenario;
  const asked = q.get('scenario');
  if (asked !== null) {
    if (isLinkableName(asked)) name = asked;
    else if (asked.startsWith(FILE_PREFIX)) {
      note(
        'scenario',
        `a capture file is not part of a link: load "${clip(asked.slice(FILE_PREFIX.length))}" again; showing "${name}"`,
      );
    } else note('scenario', `no built-in scenario "${clip(asked)}"; showing "${name}"`);
  }
  const base = defaultConfig(name);
  const config: RunConfig = {
    scenario: name,
    seed: read(q, 'seed', parseSeed, base.seed, note),
    strategy: read(q, 'strategy', (t) => choice(t, STRATEGIES), base.strategy, note),
    checkpointMode: read(q, 'mode', (t) => choice(t, CHECKPOINT_MODES), base.checkpointMode, note),
    failOpen: read(q, 'fail', parseFail, base.failOpen, note),
    crashAtUs: read(q, 'crash', parseCrashes, base.crashAtUs, note),
    rules: read(q, 'rules', decodeRules, base.rules, note),
  };
  const playheadUs = read(q, 't', parseSeconds, null, note);
  const compare = read<Strategy | null>(q, 'compare', (t) => choice(t, STRATEGIES), null, note);
  return { state: { config, playheadUs, compare }, problems };
}

function read<T>(
  q: URLSearchParams,
  param: string,
  parse: (text: string) => T,
  fallback: T,
  note: (param: string, why: string) => void,
): T {
  const text = q.get(param);
  if (text === null) return fallback;
  try {
    return parse(text);
  } catch (error) {
    note(param, error instanceof Error ? error.message : String(error));
    return fallback;
  }
}

function parseSeed(text: string): number {
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffff_ffff) {
    throw new Error(`"${clip(text)}" is not a seed (a whole number from 0 to 4294967295)`);
  }
  return Number(text);
}

function choice<T extends string>(text: string, options: readonly T[]): T {
  const found = options.find((o) => o === text);
  if (found === undefined) throw new Error(`"${clip(text)}" is not one of ${options.join(', ')}`);
  return found;
}

function parseFail(text: string): boolean {
  return choice(text, ['open', 'closed'] as const) === 'open';
}

function parseCrashes(text: string): number[] {
  const times = text.split(',').map(parseSeconds);
  if (times.length > MAX_ADDED_CRASHES) throw new Error(`more than ${MAX_ADDED_CRASHES} crashes`);
  return [...new Set(times)].sort((a, b) => a - b);
}

/** "1.25" → 1250000 µs, exactly (no floating point on the way). */
export function parseSeconds(text: string): number {
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(text);
  if (text.length > MAX_SECONDS_TEXT || m === null) {
    throw new Error(`"${clip(text)}" is not a time in seconds (like 0.8 or 1.250000)`);
  }
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
}

/** 1250000 µs → "1.25"; whole seconds have no decimals. */
export function formatSeconds(us: number): string {
  const whole = Math.floor(us / 1_000_000);
  const fraction = String(us % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

/** Rules text as base64url of its UTF-8 bytes: short enough, and safe in any URL. */
function encodeRules(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function decodeRules(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url text');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  const rules = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (rules.length > MAX_RULES_CHARS) throw new Error(`longer than ${MAX_RULES_CHARS} characters`);
  return rules;
}

/** Quoted user text is cut short: a long parameter must not flood the page. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
