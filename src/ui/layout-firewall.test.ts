import { describe, expect, it } from 'vitest';
import type { FirewallCaption } from './firewall-caption';
import {
  firewallBox,
  firewallHeight,
  firewallMinWidth,
  firewallUnwrapped,
} from './layout-firewall';
import { lineBounds } from './text-lines';

const enabled: FirewallCaption = {
  enabled: true,
  note: ['5 rules', 'policy drop'],
  separator: ' · ',
  maxConnections: 65_536,
};
const disabled: FirewallCaption = {
  enabled: false,
  note: ['disabled:', 'everything', 'passes'],
  separator: ' ',
  maxConnections: 0,
};
const inside = (outer: { x: number; width: number }, inner: { x: number; width: number }) =>
  inner.x >= outer.x && inner.x + inner.width <= outer.x + outer.width;

describe('firewall box layout', () => {
  it('puts everything on one line each when wide enough', () => {
    const width = firewallUnwrapped(enabled);
    const box = firewallBox(enabled, { x: 0, y: 0, width, height: firewallHeight(enabled, width) });
    expect(box.lines.map((l) => l.text)).toEqual(['firewall application', '5 rules · policy drop']);
    expect(box.state.map((l) => l.text)).toEqual(['● crashed — down']);
    expect(box.connections.map((l) => l.text)).toEqual(['65,536 connections']);
    for (const line of [...box.lines, ...box.state, ...box.connections]) {
      expect(inside(box.rect, lineBounds(line))).toBe(true);
    }
  });

  it('wraps by phrases at its narrowest and grows taller instead', () => {
    const width = firewallMinWidth(enabled);
    const height = firewallHeight(enabled, width);
    expect(height).toBeGreaterThan(firewallHeight(enabled, firewallUnwrapped(enabled)));
    const box = firewallBox(enabled, { x: 0, y: 0, width, height });
    expect(box.lines.map((l) => l.text)).toEqual([
      'firewall',
      'application',
      '5 rules',
      'policy drop',
    ]);
    expect(box.state.map((l) => l.text)).toEqual(['● crashed —', 'down']);
    expect(box.connections.map((l) => l.text)).toEqual(['65,536', 'connections']);
    for (const line of [...box.lines, ...box.state, ...box.connections]) {
      expect(inside(box.rect, lineBounds(line))).toBe(true);
    }
    const bottom = Math.max(...box.connections.map((l) => l.y));
    expect(bottom).toBeLessThan(height);
  });

  it('reserves no room for a state or a count when the firewall is disabled', () => {
    const width = firewallUnwrapped(disabled);
    const box = firewallBox(disabled, {
      x: 0,
      y: 0,
      width,
      height: firewallHeight(disabled, width),
    });
    expect(box.enabled).toBe(false);
    expect(box.lines.map((l) => l.text)).toEqual([
      'firewall application',
      'disabled: everything passes',
    ]);
    expect(box.state).toEqual([]);
    expect(box.connections).toEqual([]);
  });
});
