import { describe, expect, it } from 'vitest';
import { stateNote } from './state-note';

describe('stateNote', () => {
  it('explains a firewall out of service', () => {
    expect(stateNote('down')).toMatch(/^Crashed — down: its connection table went with it/);
    expect(stateNote('recovering')).toMatch(/^Recovering: .* from the checkpoint server/);
  });

  it('says nothing while the firewall is up or disabled', () => {
    expect(stateNote('up')).toBeNull();
    expect(stateNote('disabled')).toBeNull();
  });
});
