/**
 * A subset of nftables for the simulated firewall: parseRuleset() loads the text a user
 * pastes (a full `nft list ruleset` file, or bare rule lines) faithfully, or refuses it with
 * a RulesetError naming line, column and what was expected. See parse-file.ts for the two
 * accepted forms and parse-rule.ts for the rule grammar.
 */
import { invariant } from '../../errors';
import { compile } from './compile';
import { Cursor } from './cursor';
import { lex } from './lexer';
import { parseFile } from './parse-file';
import type { CompiledRuleset } from './ruleset-types';

export { RulesetError } from './errors';
export { DEFAULT_CHAIN, DEFAULT_TABLE } from './parse-file';
export * from './ruleset-types';

/**
 * @param source the name shown in error messages (a file name such as `rules.nft`)
 * @param portNames the router's port names; the index is the port number
 */
export function parseRuleset(
  text: string,
  source: string,
  portNames: readonly string[],
): CompiledRuleset {
  invariant(new Set(portNames).size === portNames.length, 'router port names are unique');
  const cursor = new Cursor(lex(text, source), source);
  return compile(parseFile(cursor, { portNames }), source, portNames.length);
}
