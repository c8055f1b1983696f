import { describe, expect, it } from 'vitest';
import { mirrorRunView, RunView, Selection } from './run-view.svelte';

/**
 * The run's fields: RunView's $state fields (accessors in the browser's build, plain fields in
 * the server build tests run with), without what is shared rather than copied.
 */
const SHARED = new Set(['selection', 'seek', 'goTo']);
const runFields = [
  ...Object.keys(new RunView()),
  ...Object.entries(Object.getOwnPropertyDescriptors(RunView.prototype))
    .filter(([, d]) => d.set !== undefined)
    .map(([name]) => name),
].filter((name) => !SHARED.has(name));

describe('mirrorRunView', () => {
  it('copies every field of the run, so a gated panel sees what the page sees', () => {
    expect(runFields).toContain('metrics');
    expect(runFields).toContain('runState');
    const from = new RunView();
    const sentinels = new Map(runFields.map((name) => [name, { field: name }]));
    for (const [name, value] of sentinels) Reflect.set(from, name, value);
    const to = new RunView(from.selection);
    mirrorRunView(from, to);
    for (const [name, value] of sentinels) expect(Reflect.get(to, name), name).toBe(value);
  });

  it('shares the selection given, and makes its own otherwise', () => {
    const selection = new Selection();
    expect(new RunView(selection).selection).toBe(selection);
    expect(new RunView().selection).not.toBe(new RunView().selection);
  });
});
