import { describe, expect, it } from 'vitest';
import type { FirewallCaption } from './firewall-caption';
import { STATE_DOT, stateLines } from './firewall-state-text';
import {
  STATE_PHRASES,
  firewallBox,
  firewallHeight,
  firewallMinWidth,
  firewallUnwrapped,
} from './layout-firewall';
import { SPACE } from './layout-space';
import type { TextLine } from './text-lines';
import { textWidth } from './text-metrics';

const caption: FirewallCaption = {
  enabled: true,
  note: ['5 rules', 'policy drop'],
  separator: ' · ',
  maxConnections: 65_536,
  modules: ['base', 'tcp', 'udp', 'icmp', 'ftp', 'sip'],
};
const slot = (y: number): TextLine => ({ text: '', kind: 'caption', x: 50, y, anchor: 'middle' });
const shown = (lines: ReturnType<typeof stateLines>) =>
  lines.map((l) => `${l.dot ? STATE_DOT : ''}${l.prefix}${l.word}`);

describe('stateLines', () => {
  it('writes each state on one line when the box is wide', () => {
    expect(shown(stateLines('up', [slot(10)]))).toEqual(['● up']);
    expect(shown(stateLines('down', [slot(10)]))).toEqual(['● crashed — down']);
    expect(shown(stateLines('recovering', [slot(10)]))).toEqual(['● recovering']);
    expect(stateLines('down', [slot(10)])[0]).toMatchObject({ x: 50, y: 10, word: 'down' });
  });

  it('splits "crashed — down" over two slots, the state word alone on the second', () => {
    const lines = stateLines('down', [slot(10), slot(27)]);
    expect(lines).toEqual([
      { x: 50, y: 10, anchor: 'middle', dot: true, prefix: 'crashed —', word: '' },
      { x: 50, y: 27, anchor: 'middle', dot: false, prefix: '', word: 'down' },
    ]);
  });

  it('centres a one-line state between two slots', () => {
    expect(stateLines('up', [slot(10), slot(27)])).toEqual([
      { x: 50, y: 18.5, anchor: 'middle', dot: true, prefix: '', word: 'up' },
    ]);
  });

  it('shows nothing for a disabled firewall or without slots', () => {
    expect(stateLines('disabled', [slot(10)])).toEqual([]);
    expect(stateLines('up', [])).toEqual([]);
  });

  it('fits every state in the slots the layout reserves, wide or narrow', () => {
    for (const width of [firewallUnwrapped(caption), firewallMinWidth(caption)]) {
      const rect = { x: 0, y: 0, width, height: firewallHeight(caption, width) };
      const box = firewallBox(caption, rect);
      expect(box.state.length).toBe(width === firewallMinWidth(caption) ? 2 : 1);
      for (const state of ['up', 'down', 'recovering'] as const) {
        for (const line of shown(stateLines(state, box.state))) {
          expect(textWidth(line, 'caption')).toBeLessThanOrEqual(width - 2 * SPACE.innerPad);
        }
      }
      const joined = STATE_PHRASES.join(' ');
      expect(shown(stateLines('down', box.state)).join(' ')).toBe(joined);
    }
  });
});
