import type { MatchAst, RuleAst } from './ast';
import type { Cursor } from './cursor';
import { notSupported } from './errors';
import { describeToken, type Token } from './lexer';
import { MATCH_WORDS, parseMatch, type MatchScope } from './parse-match';
import { parseCounter, parseLog, parseReject } from './parse-statement';
import { Verdict, type RejectWith, type VerdictCode } from './ruleset-types';
import { PROTOCOLS } from './values';

/**
 * One rule: matches, then statements, then at most one verdict, then an optional `comment`.
 * nft itself lets matches and statements interleave (`counter tcp dport 22 accept` counts every
 * packet); this subset wants the matches first, and refuses the other order rather than
 * evaluating it differently. A verdict must be last: nft would never run what follows it.
 */

/** Keywords of nft statements and selectors outside the subset, refused by name. */
const UNSUPPORTED = new Set(
  (
    'jump goto return continue queue limit quota meter set map vmap dnat snat masquerade ' +
    'redirect notrack ip6 icmp icmpv6 igmp th sctp dccp udplite ah esp comp ether vlan arp ' +
    'fib rt socket osf mark dup fwd tproxy synproxy numgen jhash symhash flow add update ' +
    'delete exthdr hbh frag dst mh srh ipsec xt reset skuid skgid iiftype oiftype iifgroup ' +
    'oifgroup cgroup cpu pkttype nftrace priority length secmark inner vxlan geneve gre ' +
    'gretap last tcpopt dscp ecn ipip'
  ).split(' '),
);

const EXPECT_MATCH = "'accept', 'drop', 'reject' or a match";
const EXPECT_STATEMENT = "'accept', 'drop', 'reject' or a statement";
const EXPECT_END = 'the end of the rule';

interface Required {
  protocol: number;
  token: Token;
}

/** Reads one rule; the cursor is on its first token, which is not a statement end. */
export function parseRule(cur: Cursor, scope: MatchScope): RuleAst {
  const start = cur.mark();
  const first = cur.peek();
  const matches: MatchAst[] = [];
  const logPrefixes: string[] = [];
  let counter = false;
  let helper: Token | null = null;
  let verdict: VerdictCode | -1 = -1;
  let verdictWord = '';
  let rejectWith: RejectWith = 'port-unreachable';
  let statements = false;
  let required: Required | null = null;

  // A packet has one protocol: nft refuses `udp dport 53 tcp dport 22`, and so do we.
  const requireProtocol = (protocol: number, token: Token) => {
    if (required !== null && required.protocol !== protocol) {
      cur.fail(
        token,
        'a match that agrees with the rest of the rule',
        `conflicting protocols: this needs ${protocolName(protocol)}, but the rule already needs ` +
          `${protocolName(required.protocol)} (at ${required.token.line}:${required.token.column})`,
      );
    }
    required ??= { protocol, token };
  };

  while (!cur.atStatementEnd()) {
    const t = cur.peek();
    const word = t.kind === 'word' ? t.raw : '';
    if (verdict !== -1 && word !== 'comment') {
      cur.fail(
        t,
        `${EXPECT_END} or 'comment'`,
        `expected the end of the rule, found ${describeToken(t)}: a verdict ` +
          `('${verdictWord}') must be the last statement of a rule`,
      );
    }
    if (word === 'comment') {
      if (verdict === -1 && !statements && matches.length === 0) {
        cur.fail(t, EXPECT_MATCH, "a rule needs a match or a statement before its 'comment'");
      }
      cur.next();
      const text = cur.peek();
      if (text.kind !== 'string') cur.fail(text, 'a quoted comment');
      cur.next();
      if (!cur.atStatementEnd()) {
        cur.fail(
          cur.peek(),
          EXPECT_END,
          `expected the end of the rule, found ${describeToken(cur.peek())}: 'comment' comes last`,
        );
      }
      break;
    }
    if (word === 'accept' || word === 'drop') {
      cur.next();
      verdict = Verdict[word];
      verdictWord = word;
      continue;
    }
    if (word === 'reject') {
      const reject = parseReject(cur);
      if (reject.tcpReset !== null) {
        // nft adds the dependency `meta l4proto tcp` itself: a reset only answers TCP.
        requireProtocol(6, reject.tcpReset);
        if (!matches.some((m) => m.kind === 'port' && m.protocol === 6)) {
          matches.push({ kind: 'protocol', negate: false, protocols: [6] });
        }
      }
      verdict = Verdict.reject;
      verdictWord = 'reject';
      rejectWith = reject.rejectWith;
      continue;
    }
    if (word === 'counter') {
      parseCounter(cur);
      counter = true;
      statements = true;
      continue;
    }
    if (word === 'log') {
      logPrefixes.push(parseLog(cur));
      statements = true;
      continue;
    }
    if (word === 'ct' && cur.isWord('helper', 1) && cur.isWord('set', 2)) {
      cur.next();
      cur.next();
      cur.next();
      const name = cur.peek();
      if (name.kind !== 'word' && name.kind !== 'string') cur.fail(name, 'a ct helper name');
      if (helper !== null) {
        cur.fail(t, EXPECT_STATEMENT, 'a rule may set one ct helper: the kernel keeps the first');
      }
      helper = cur.next();
      statements = true;
      continue;
    }
    if (MATCH_WORDS.has(word)) {
      if (statements) {
        cur.fail(
          t,
          EXPECT_STATEMENT,
          `expected ${EXPECT_STATEMENT}, found '${word}': this subset wants every match ` +
            'before the first statement (counter, log, ct helper set)',
        );
      }
      const match = parseMatch(cur, scope);
      if (match.kind === 'port') requireProtocol(match.protocol, t);
      if (match.kind === 'protocol' && !match.negate && match.protocols.length === 1) {
        requireProtocol(match.protocols[0], t);
      }
      matches.push(match);
      continue;
    }
    const expected = statements ? EXPECT_STATEMENT : EXPECT_MATCH;
    if (UNSUPPORTED.has(word)) cur.fail(t, expected, notSupported(`'${word}'`));
    cur.fail(t, expected);
  }
  return {
    line: first.line,
    text: joinTokens(cur.since(start)),
    matches,
    counter,
    logPrefixes,
    helper,
    verdict,
    rejectWith,
  };
}

function protocolName(protocol: number): string {
  const name = Object.keys(PROTOCOLS).find((k) => PROTOCOLS[k] === protocol);
  return name ?? `protocol ${protocol}`;
}

/** The rule as written with every run of whitespace, newlines and comments as one space. */
export function joinTokens(tokens: readonly Token[]): string {
  let text = '';
  let previous: Token | null = null;
  for (const t of tokens) {
    if (t.kind === 'newline') continue;
    if (previous !== null && t.start > previous.end) text += ' ';
    text += t.raw;
    previous = t;
  }
  return text;
}
