import type { FileAst, HelperAst, RuleAst, TableAst } from './ast';
import type { Cursor } from './cursor';
import { describeToken } from './lexer';
import { notSupported } from './errors';
import type { MatchScope } from './parse-match';
import { parseHelper } from './parse-helper';
import { parseRule } from './parse-rule';
import { checkUnique, parseTable } from './parse-table';

/**
 * The whole text: either a file of `table` blocks, as `nft list ruleset` prints and
 * `nft -f` reads, or — the common "paste the rules" case — bare rule lines with no table or
 * chain around them. Bare rules form one chain `forward` in a table `filter` (family inet),
 * hooked at forward with priority 0 and policy **drop**: a firewall whose author wrote only
 * the rules to let through must fail closed, so an empty text, too, drops everything.
 * `ct helper NAME { ... }` objects may be declared at top level in both forms; every table
 * sees them.
 */

/** nft commands other than the declarative file form. */
const COMMANDS = (
  'add insert replace delete create list reset define include destroy rename monitor ' +
  'describe export import undefine redefine'
).split(' ');

const TOP = "'table', 'ct helper' or 'flush ruleset'";

export const DEFAULT_TABLE = 'filter';
export const DEFAULT_CHAIN = 'forward';

export function parseFile(cur: Cursor, scope: MatchScope): FileAst {
  const tables: TableAst[] = [];
  const helpers: HelperAst[] = [];
  const rules: RuleAst[] = [];
  let seen = false;
  for (;;) {
    cur.skipSeparators();
    const t = cur.peek();
    if (t.kind === 'eof') break;
    if (cur.isWord('flush')) {
      const what = cur.peek(1);
      if (what.kind === 'word' && what.raw !== 'ruleset') {
        cur.fail(
          what,
          "'ruleset'",
          notSupported(
            `'flush ${what.raw}'`,
            "only 'flush ruleset' at the top: the text replaces the whole ruleset",
          ),
        );
      }
      if (what.kind !== 'word') cur.fail(what, "'ruleset'");
      if (seen) {
        cur.fail(
          t,
          TOP,
          "'flush ruleset' must come first: here it would discard everything above it",
        );
      }
      // The simulator always loads a text as the whole ruleset, which is what this line says.
      cur.next();
      cur.next();
    } else if (cur.isWord('table')) {
      if (rules.length > 0) {
        cur.fail(
          t,
          'a rule',
          'this text started with bare rules, which form one forward chain; put them in a ' +
            'chain inside a table rather than mixing both',
        );
      }
      const table = parseTable(cur, scope);
      const twin = tables.find((x) => x.family === table.family && x.name === table.name);
      if (twin) {
        cur.fail(
          t,
          'a table not declared before',
          `table ${table.family} ${table.name} is declared twice; this subset wants each ` +
            'table declared once',
        );
      }
      tables.push(table);
    } else if (
      cur.isWord('ct') &&
      cur.isWord('helper', 1) &&
      !cur.isWord('set', 2) &&
      cur.isPunct('{', 3)
    ) {
      helpers.push(checkUnique(cur, helpers, parseHelper(cur)));
    } else if (t.kind === 'word' && COMMANDS.includes(t.raw)) {
      cur.fail(
        t,
        TOP,
        notSupported(
          `the command '${t.raw}'`,
          "write the ruleset as 'nft list ruleset' prints it: table blocks, or bare rules",
        ),
      );
    } else if (cur.isWord('chain')) {
      cur.fail(t, TOP, "a chain must be inside a 'table inet NAME { ... }' block");
    } else if (cur.isPunct('}')) {
      cur.fail(t, tables.length > 0 ? TOP : `a rule, ${TOP}`, "this '}' closes nothing");
    } else if (tables.length > 0) {
      cur.fail(
        t,
        TOP,
        `expected ${TOP}, found ${describeToken(t)}: once the text declares tables, every ` +
          'rule belongs in a chain',
      );
    } else {
      rules.push(parseRule(cur, scope));
    }
    seen = true;
    cur.endStatement();
  }
  if (tables.length > 0) return { tables, helpers };
  const forward = { name: DEFAULT_CHAIN, token: cur.peek(), hook: 'forward', priority: 0 } as const;
  const chain = { ...forward, policy: 'drop', rules } as const;
  return {
    tables: [{ family: 'inet', name: DEFAULT_TABLE, chains: [chain], helpers: [] }],
    helpers,
  };
}
