/**
 * A template literal written out as one flat string, for text that is kept for long:
 * joined`${a}:${port}`. V8 keeps a string built with `+` or a plain template as a tree of its
 * pieces (a 32-byte node per join) until something reads it whole, and most kept texts are
 * never read whole: a traced run keeps a readable id per connection and a label per socket
 * for the whole run, about ten nodes each (1.47 M nodes, 47 MB, at 100k connections in
 * `large-table`, every one of them marked by each full collection). `join` writes the text
 * out at once — when there are pieces to join: a template of one non-empty piece comes back
 * as that piece, and a string under 13 characters is never a tree. Its callers join several.
 */
export function joined(
  texts: TemplateStringsArray,
  ...values: readonly (string | number)[]
): string {
  const pieces: (string | number)[] = [texts[0]];
  for (let i = 0; i < values.length; i++) pieces.push(values[i], texts[i + 1]);
  return pieces.join('');
}
