import { describe, expect, it } from 'vitest';
import { builtinScenarios } from '../engine';
import { loadScenario } from './load-scenario';

describe('loadScenario', () => {
  it('returns the validated scenario', () => {
    const loaded = loadScenario(builtinScenarios['ftp-transfer'], 'ftp-transfer');
    expect(loaded.ok && loaded.scenario.name).toBe('ftp-transfer');
  });

  it('turns a validation error into a message naming the source and the field', () => {
    const broken = { ...builtinScenarios['ftp-transfer'], hosts: [] };
    const loaded = loadScenario(broken, 'built-in scenario "ftp-transfer"');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.message).toContain('built-in scenario "ftp-transfer"');
      expect(loaded.message).toContain('hosts');
    }
  });
});
