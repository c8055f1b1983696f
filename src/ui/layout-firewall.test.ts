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
  modules: ['base', 'tcp', 'udp', 'icmp', 'ftp', 'sip'],
};
const disabled: FirewallCaption = {
  enabled: false,
  note: ['disabled:', 'everything', 'passes'],
  separator: ' ',
  maxConnections: 0,
  modules: [],
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

  it('draws one lane per module inside the box, below the text, never overlapping', () => {
    for (const width of [firewallMinWidth(enabled), firewallUnwrapped(enabled), 400]) {
      const rect = { x: 10, y: 20, width, height: firewallHeight(enabled, width) };
      const box = firewallBox(enabled, rect);
      expect(box.modules.map((m) => m.name)).toEqual(enabled.modules);
      const textBottom = Math.max(
        ...[...box.lines, ...box.state, ...box.connections].map((l) => {
          const b = lineBounds(l);
          return b.y + b.height;
        }),
      );
      for (const [i, lane] of box.modules.entries()) {
        expect(inside(rect, lane.rect)).toBe(true);
        expect(lane.rect.y).toBeGreaterThanOrEqual(textBottom);
        expect(lane.rect.y + lane.rect.height).toBeLessThanOrEqual(rect.y + rect.height);
        for (const other of box.modules.slice(i + 1)) {
          const apart =
            lane.rect.x + lane.rect.width <= other.rect.x ||
            other.rect.x + other.rect.width <= lane.rect.x ||
            lane.rect.y + lane.rect.height <= other.rect.y ||
            other.rect.y + other.rect.height <= lane.rect.y;
          expect(apart).toBe(true);
        }
      }
    }
    const off = firewallBox(disabled, {
      x: 0,
      y: 0,
      width: 200,
      height: firewallHeight(disabled, 200),
    });
    expect(off.modules).toEqual([]);
  });
});
