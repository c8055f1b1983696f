import type { ChainAst, HelperAst, RuleAst, TableAst } from './ast';
import type { Cursor } from './cursor';
import { notSupported, oneOf } from './errors';
import type { Token } from './lexer';
import type { MatchScope } from './parse-match';
import { parseHelper } from './parse-helper';
import { parseRule } from './parse-rule';
import type { Hook } from './ruleset-types';

/**
 * `table FAMILY NAME { ... }` with its base chains and ct helper objects. Only `inet` and `ip`
 * tables filter the IPv4 packets the simulated router forwards; other families are refused,
 * not skipped, so a pasted ruleset never loads with part of it quietly missing.
 */

const HOOKS: readonly Hook[] = ['prerouting', 'input', 'forward', 'output', 'postrouting'];

/** nft's standard priority names for ip/inet filter chains. */
const PRIORITIES: Readonly<Record<string, number>> = {
  raw: -300,
  mangle: -150,
  dstnat: -100,
  filter: 0,
  security: 50,
  srcnat: 100,
};

const TABLE_OBJECTS_UNSUPPORTED =
  'set map flowtable counter quota limit secmark synproxy flags'.split(' ');

/** The cursor is on `table`. */
export function parseTable(cur: Cursor, scope: MatchScope): TableAst {
  const open = cur.expectWord('table');
  let family: 'inet' | 'ip' = 'ip'; // nft's default when the family is left out
  if (!cur.isPunct('{', 1)) {
    const f = cur.peek();
    if (cur.isWord('inet') || cur.isWord('ip')) family = cur.next().raw as 'inet' | 'ip';
    else if (['ip6', 'arp', 'bridge', 'netdev'].includes(f.raw)) {
      const why = f.raw === 'ip6' ? 'routes IPv4 only' : 'filters routed IPv4 packets';
      cur.fail(
        f,
        "'inet' or 'ip'",
        `table family '${f.raw}' is not supported: this simulator ${why} (use 'inet' or 'ip')`,
      );
    } else cur.fail(f, "a table family ('inet' or 'ip')");
  }
  const name = cur.expectName('a table name').value;
  cur.expectPunct('{');
  const chains: ChainAst[] = [];
  const helpers: HelperAst[] = [];
  for (;;) {
    cur.skipSeparators();
    const t = cur.peek();
    if (cur.isPunct('}')) break;
    if (t.kind === 'eof') {
      cur.fail(t, `'}' to close table ${family} ${name} (opened at ${open.line}:${open.column})`);
    }
    if (cur.isWord('chain')) {
      const chain = parseChain(cur, scope);
      const twin = chains.find((c) => c.name === chain.name);
      if (twin) {
        cur.fail(
          chain.token,
          'a chain name not used before in this table',
          `chain '${chain.name}' is declared twice in table ${family} ${name} (first at line ` +
            `${twin.token.line}); this subset wants each chain declared once`,
        );
      }
      chains.push(chain);
    } else if (cur.isWord('ct') && cur.isWord('helper', 1)) {
      helpers.push(checkUnique(cur, helpers, parseHelper(cur)));
    } else if (cur.isWord('comment')) {
      cur.next();
      if (cur.peek().kind !== 'string') cur.fail(cur.peek(), 'a quoted comment');
      cur.next();
    } else if (t.kind === 'word' && (TABLE_OBJECTS_UNSUPPORTED.includes(t.raw) || t.raw === 'ct')) {
      const what = t.raw === 'ct' ? `'ct ${cur.peek(1).raw}'` : `'${t.raw}'`;
      cur.fail(
        t,
        "'chain', 'ct helper' or '}'",
        notSupported(`${what} in a table`, 'supported in a table: chain, ct helper, comment'),
      );
    } else {
      cur.fail(t, "'chain', 'ct helper' or '}'");
    }
    cur.endStatement();
  }
  cur.next();
  return { family, name, chains, helpers };
}

/** Refuses a second helper of the same name in one scope. */
export function checkUnique(
  cur: Cursor,
  declared: readonly HelperAst[],
  helper: HelperAst,
): HelperAst {
  const twin = declared.find((h) => h.name === helper.name);
  if (twin) {
    cur.fail(
      helper.token,
      'a helper name not used before',
      `ct helper '${helper.name}' is declared twice (first at line ${twin.token.line})`,
    );
  }
  return helper;
}

interface Header {
  hook: Hook;
  priority: number;
}

/** The cursor is on `chain`. */
function parseChain(cur: Cursor, scope: MatchScope): ChainAst {
  const open = cur.expectWord('chain');
  const token = cur.expectName('a chain name');
  cur.expectPunct('{');
  let header: Header | null = null;
  let policy: 'accept' | 'drop' = 'accept'; // nft's default for a base chain
  const rules: RuleAst[] = [];
  for (;;) {
    cur.skipSeparators();
    const t = cur.peek();
    if (cur.isPunct('}')) break;
    if (t.kind === 'eof') {
      cur.fail(t, `'}' to close chain ${token.value} (opened at ${open.line}:${open.column})`);
    }
    if (cur.isWord('type')) {
      if (header !== null)
        cur.fail(t, 'a rule', "a chain has one 'type ... hook ... priority' line");
      header = parseHeader(cur);
    } else if (cur.isWord('policy')) {
      cur.next();
      const p = cur.peek();
      if (!cur.isWord('accept') && !cur.isWord('drop')) cur.fail(p, "'accept' or 'drop'");
      policy = cur.next().raw as 'accept' | 'drop';
    } else if (cur.isWord('comment') && cur.peek(1).kind === 'string') {
      cur.next();
      cur.next();
    } else if (cur.isWord('devices') || cur.isWord('device')) {
      cur.fail(t, 'a rule', notSupported(`'${t.raw}'`, 'devices belong to netdev chains'));
    } else {
      rules.push(parseRule(cur, scope));
    }
    cur.endStatement();
  }
  if (header === null) {
    cur.fail(
      open,
      "'type filter hook HOOK priority PRIORITY;' in the chain",
      `chain ${token.value} has no 'type filter hook ... priority ...;' line: regular chains ` +
        'need jump/goto, which this subset does not support',
    );
  }
  cur.next();
  return { name: token.value, token, ...header, policy, rules };
}

/** `type filter hook HOOK priority PRIORITY` */
function parseHeader(cur: Cursor): Header {
  cur.expectWord('type');
  const type = cur.peek();
  if (cur.isWord('nat') || cur.isWord('route')) {
    cur.fail(
      type,
      "'filter'",
      notSupported(`a '${type.raw}' chain`, 'supported chain type: filter'),
    );
  }
  cur.expectWord('filter');
  cur.expectWord('hook');
  const hook = cur.peek();
  if (hook.kind !== 'word' || !HOOKS.includes(hook.raw as Hook)) {
    if (hook.raw === 'ingress' || hook.raw === 'egress') {
      cur.fail(
        hook,
        oneOf(HOOKS),
        notSupported(`the '${hook.raw}' hook`, `supported hooks: ${HOOKS.join(', ')}`),
      );
    }
    cur.fail(hook, oneOf(HOOKS));
  }
  cur.next();
  if (cur.isWord('device'))
    cur.fail(cur.peek(), "'priority'", notSupported("'device'", 'devices belong to netdev chains'));
  cur.expectWord('priority');
  return { hook: hook.raw as Hook, priority: parsePriority(cur) };
}

const PRIORITY = `a priority: a number or a standard name (${Object.keys(PRIORITIES).join(', ')})`;

/** A number, or a standard name with an optional `+ N` / `- N` as nft allows. */
function parsePriority(cur: Cursor): number {
  const t = cur.next();
  let value: number;
  const named = /^([a-z]+)(-\d+)?$/.exec(t.kind === 'word' ? t.raw : '');
  if (t.kind === 'word' && /^-?\d+$/.test(t.raw)) value = Number(t.raw);
  else if (named && Object.hasOwn(PRIORITIES, named[1])) {
    value = PRIORITIES[named[1]] + Number(named[2] ?? 0);
    if (named[2] === undefined) value += offset(cur);
  } else return cur.fail(t, PRIORITY);
  if (!Number.isSafeInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) {
    cur.fail(t, 'a priority between -2147483648 and 2147483647');
  }
  return value;
}

function offset(cur: Cursor): number {
  const sign = cur.peek();
  if (sign.kind === 'word' && /^-\d+$/.test(sign.raw)) return Number(cur.next().raw);
  if (!cur.isPunct('+') && !cur.isWord('-')) return 0;
  const factor = cur.next().raw === '+' ? 1 : -1;
  const n: Token = cur.peek();
  if (n.kind !== 'word' || !/^\d+$/.test(n.raw)) cur.fail(n, 'a number');
  cur.next();
  return factor * Number(n.raw);
}
