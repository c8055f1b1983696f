import { describe, expect, it } from 'vitest';
import { strategyText } from './strategy-text';

describe('strategyText', () => {
  it('names unique-id with its mode', () => {
    expect(strategyText({ strategy: 'unique-id', checkpointMode: 'sync' })).toEqual({
      name: 'unique-id · sync',
      meaning: "each connection's parts, written under its unique id before the packet goes on",
    });
    expect(strategyText({ strategy: 'unique-id', checkpointMode: 'async' }).meaning).toMatch(
      /in batches$/,
    );
  });

  it('names the other strategies alone', () => {
    expect(strategyText({ strategy: 'none', checkpointMode: null }).name).toBe('none');
    expect(strategyText({ strategy: 'none', checkpointMode: null }).meaning).toMatch(/prior art/);
    expect(strategyText({ strategy: 'snapshot', checkpointMode: null }).meaning).toMatch(/blob/);
  });

  it('keeps an unknown strategy readable', () => {
    expect(strategyText({ strategy: 'journal', checkpointMode: null })).toEqual({
      name: 'journal',
      meaning: '',
    });
  });
});
