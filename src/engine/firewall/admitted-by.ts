/**
 * What admitted a connection, as its ledger entry says it ("rule 3", "policy", "expectation
 * (ftp)"): one string per rule and per helper, shared by every connection they admit — a
 * string per connection otherwise, held by the ledger as long as the connection is listed.
 */
const ruleTexts: string[] = ['policy'];
const expectationTexts = new Map<string, string>();

export function ruleText(rule: number): string {
  return (ruleTexts[rule] ??= `rule ${rule}`);
}

export function expectationText(helper: string): string {
  let text = expectationTexts.get(helper);
  if (text === undefined) expectationTexts.set(helper, (text = `expectation (${helper})`));
  return text;
}
