/**
 * Bad input from a user (a scenario, an address, an option, later a ruleset or a capture).
 * `where` names the place — a JSON path, a line:column, a byte offset — so the message can
 * point at it; the message itself says what was expected.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly where = '',
  ) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'InputError';
  }
}

/**
 * An internal invariant was broken: a bug in the engine, never the user's fault. For a fixed
 * message; one naming values is built only when the invariant fails, with violated() (a
 * template string passed here would be built on every call, in the hottest loops too).
 */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) violated(message);
}

/** Throws for a broken invariant: `if (!ok) violated(\`… ${value} …\`)`. */
export function violated(message: string): never {
  throw new Error(`invariant violated: ${message}`);
}
