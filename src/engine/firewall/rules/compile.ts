import type { FileAst, HelperAst, RuleAst } from './ast';
import { RulesetError } from './errors';
import { Ruleset, type CompiledChain, type CompiledRule } from './evaluate';
import { describeToken } from './lexer';
import { compileMatch } from './matchers';
import {
  Verdict,
  type ChainInfo,
  type CompiledRuleset,
  type HelperObject,
  type RuleInfo,
} from './ruleset-types';

/**
 * From the parsed file to the evaluable ruleset: numbers the rules 1..N in text order across
 * all tables and chains, resolves `ct helper set` names (the rule's own table first, then the
 * top-level objects), builds the matchers and puts the base chains a forwarded packet crosses
 * in the order the kernel runs them.
 */
export function compile(file: FileAst, source: string, portCount: number): CompiledRuleset {
  // Helper indices follow the text, wherever the objects were declared.
  const declared: Array<{ ast: HelperAst; table: number }> = [
    ...file.helpers.map((ast) => ({ ast, table: -1 })),
    ...file.tables.flatMap((t, i) => t.helpers.map((ast) => ({ ast, table: i }))),
  ].sort((a, b) => a.ast.token.start - b.ast.token.start);
  const helpers: HelperObject[] = declared.map(({ ast }) => ({
    name: ast.name,
    type: ast.type,
    protocol: ast.protocol,
  }));

  const resolve = (rule: RuleAst, table: number): number => {
    const token = rule.helper;
    if (token === null) return -1;
    const own = declared.findIndex((d) => d.table === table && d.ast.name === token.value);
    if (own >= 0) return own;
    const top = declared.findIndex((d) => d.table === -1 && d.ast.name === token.value);
    if (top >= 0) return top;
    const visible = declared.filter((d) => d.table === table || d.table === -1);
    const list = visible.length
      ? ` (declared: ${visible.map((d) => d.ast.name).join(', ')})`
      : '; declare it with ct helper NAME { type "ftp" protocol tcp }';
    throw new RulesetError(
      source,
      token.line,
      token.column,
      'the name of a ct helper declared in this table or at top level',
      describeToken(token),
      `no ct helper named "${token.value}" in this table or at top level${list}`,
    );
  };

  const rules: RuleInfo[] = [];
  const chains: ChainInfo[] = [];
  const compiled: CompiledChain[] = [];
  file.tables.forEach((table, t) => {
    for (const chain of table.chains) {
      const info: ChainInfo = {
        family: table.family,
        table: table.name,
        name: chain.name,
        hook: chain.hook,
        priority: chain.priority,
        policy: chain.policy,
        policyPackets: 0,
      };
      const index = chains.push(info) - 1;
      const chainRules = chain.rules.map((ast): CompiledRule => {
        const ruleInfo: RuleInfo = {
          number: rules.length + 1,
          chain: index,
          text: ast.text,
          line: ast.line,
          counter: ast.counter,
          packets: 0,
          bytes: 0,
        };
        rules.push(ruleInfo);
        const helper = resolve(ast, t);
        return {
          info: ruleInfo,
          matchers: ast.matches.map((m) => compileMatch(m, portCount)),
          logPrefixes: ast.logPrefixes,
          helper,
          helperProtocol: helper < 0 ? -1 : helpers[helper].protocol === 'tcp' ? 6 : 17,
          verdict: ast.verdict,
          rejectWith: ast.rejectWith,
        };
      });
      const policy = chain.policy === 'drop' ? Verdict.drop : Verdict.accept;
      compiled.push({ index, info, policy, rules: chainRules });
    }
  });

  // Forwarded packets cross prerouting, then forward; input, output and postrouting chains
  // are loaded (and checked) but never see them. Equal priorities keep their text order.
  const byPriority = (a: CompiledChain, b: CompiledChain) =>
    a.info.priority - b.info.priority || a.index - b.index;
  const order = [
    ...compiled.filter((c) => c.info.hook === 'prerouting').sort(byPriority),
    ...compiled.filter((c) => c.info.hook === 'forward').sort(byPriority),
  ];
  return new Ruleset(rules, chains, helpers, order);
}
