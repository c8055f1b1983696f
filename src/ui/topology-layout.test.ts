import { describe, expect, it } from 'vitest';
import { builtinScenarioNames, builtinScenarios, parseScenario, type Scenario } from '../engine';
import { lineBounds } from './text-lines';
import { layoutTopology, type Rect, type TextLine, type TopologyLayout } from './topology-layout';

/** 16 ports on 198.51.100.0/28 .. .240/28; ports 3, 7, 11 and 15 have no host. */
function sixteenPorts(): Scenario {
  const ports = Array.from({ length: 16 }, (_, i) => ({
    name: `xe-0.${i}`,
    prefix: `198.51.100.${i * 16}/28`,
  }));
  const hosts = ports
    .filter((_, i) => i % 4 !== 3)
    .map((port, i) => ({
      name: i === 0 ? 'a-rather-long-host-name-for-test' : `host-${i}`,
      address: port.prefix.replace(/\d+\/28$/, (n) => String(Number(n.slice(0, -3)) + 1)),
      port: port.name,
      link: { bandwidthBps: 1_000_000_000, delayUs: 250, lossRate: 0.015 },
    }));
  return parseScenario({ name: 'sixteen', router: { name: 'core-router', ports }, hosts });
}

const scenarios: [string, Scenario][] = [
  ...builtinScenarioNames.map((name): [string, Scenario] => [
    name,
    parseScenario(builtinScenarios[name]),
  ]),
  ['sixteen-ports', sixteenPorts()],
  [
    'ftp-transfer, firewall disabled',
    parseScenario({ ...builtinScenarios['ftp-transfer'], firewall: { enabled: false } }),
  ],
];
const widths = [1280, 1000, 800, 600, 400, 320];

const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const contains = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x - 1e-9 &&
  inner.y >= outer.y - 1e-9 &&
  inner.x + inner.width <= outer.x + outer.width + 1e-9 &&
  inner.y + inner.height <= outer.y + outer.height + 1e-9;
const pairs = <T>(items: readonly T[]) =>
  items.flatMap((a, i) => items.slice(i + 1).map((b) => [a, b] as const));

function everyRect(l: TopologyLayout): Rect[] {
  const rp = l.routingProcessor;
  return [
    l.router.rect,
    l.fabric.rect,
    rp.rect,
    rp.firewall.rect,
    ...l.ports.map((p) => p.rect),
    ...l.hosts.map((h) => h.rect),
  ];
}
function everyLine(l: TopologyLayout): TextLine[] {
  const rp = l.routingProcessor;
  const boxes = [l.router, l.fabric, rp, rp.firewall, ...l.ports, ...l.hosts, ...l.links];
  return [...boxes.flatMap((b) => b.lines), ...rp.firewall.connections];
}

describe.each(scenarios)('layoutTopology(%s)', (_, scenario) => {
  describe.each(widths)('at width %i', (width) => {
    const layout = layoutTopology(scenario, width, 0);
    const canvas = { x: 0, y: 0, width: layout.width, height: layout.height };

    it('draws every port in scenario order, first half on the first side', () => {
      expect(layout.ports.map((p) => p.name)).toEqual(scenario.router.ports.map((p) => p.name));
      const firstHalf = Math.ceil(scenario.router.ports.length / 2);
      const sides = layout.ports.map((p) => p.side);
      const [first, second] =
        layout.orientation === 'horizontal' ? ['left', 'right'] : ['top', 'bottom'];
      expect(sides).toEqual(sides.map((_, i) => (i < firstHalf ? first : second)));
    });

    it('draws every host, on the side of its port, with one link each', () => {
      expect(layout.hosts.map((h) => h.name).sort()).toEqual(
        scenario.hosts.map((h) => h.name).sort(),
      );
      expect(layout.links.map((l) => l.host).sort()).toEqual(
        scenario.hosts.map((h) => h.name).sort(),
      );
      for (const host of layout.hosts) {
        const port = layout.ports.find((p) => p.name === host.port);
        expect(port?.host).toBe(host.name);
        expect(host.side).toBe(port?.side);
      }
      const unplugged = layout.ports.filter((p) => !scenario.hosts.some((h) => h.port === p.name));
      expect(unplugged.every((p) => p.host === undefined)).toBe(true);
    });

    it('uses at least the width on offer and keeps everything inside the canvas', () => {
      expect(layout.width).toBeGreaterThanOrEqual(width);
      for (const rect of everyRect(layout)) expect(contains(canvas, rect)).toBe(true);
      for (const line of everyLine(layout)) expect(contains(canvas, lineBounds(line))).toBe(true);
      const points = layout.links.flatMap((l) => [l.from, l.to]);
      for (const p of points) expect(contains(canvas, { ...p, width: 0, height: 0 })).toBe(true);
    });

    it('overlaps no hosts, ports or link labels', () => {
      const boxes = [...layout.hosts, ...layout.ports].map((b) => b.rect);
      for (const [a, b] of pairs(boxes)) expect(overlap(a, b)).toBe(false);
      const labels = layout.links.flatMap((l) => l.lines.map(lineBounds));
      for (const [a, b] of pairs(labels)) expect(overlap(a, b)).toBe(false);
      for (const label of labels) for (const box of boxes) expect(overlap(label, box)).toBe(false);
      for (const host of layout.hosts) expect(overlap(host.rect, layout.router.rect)).toBe(false);
    });

    it('keeps each text inside its box and the inner boxes inside the router', () => {
      const rp = layout.routingProcessor;
      for (const box of [layout.fabric, rp, rp.firewall, ...layout.ports, ...layout.hosts]) {
        for (const line of box.lines) expect(contains(box.rect, lineBounds(line))).toBe(true);
      }
      for (const line of rp.firewall.connections) {
        expect(contains(rp.firewall.rect, lineBounds(line))).toBe(true);
      }
      for (const rect of [layout.fabric.rect, rp.rect, ...layout.ports.map((p) => p.rect)]) {
        expect(contains(layout.router.rect, rect)).toBe(true);
      }
      expect(contains(rp.rect, rp.firewall.rect)).toBe(true);
      expect(overlap(layout.fabric.rect, rp.rect)).toBe(false);
    });

    it('puts the queue bars and counts inside each port, clear of its text', () => {
      for (const port of layout.ports) {
        const { input, output } = port.queues;
        for (const queue of [input, output]) {
          expect(contains(port.rect, queue.track)).toBe(true);
          expect(queue.track.width).toBeGreaterThanOrEqual(36);
          const count = lineBounds({ text: '512', kind: 'detail', ...queue.count, anchor: 'end' });
          expect(contains(port.rect, count)).toBe(true);
          expect(count.x).toBeGreaterThan(queue.track.x + queue.track.width);
          for (const line of port.lines) expect(overlap(lineBounds(line), queue.track)).toBe(false);
        }
        expect(output.track.y).toBeGreaterThanOrEqual(input.track.y + input.track.height);
      }
    });
  });
});

describe('layoutTopology orientation', () => {
  const ftp = parseScenario(builtinScenarios['ftp-transfer']);

  it('draws FIG. 3 left to right when wide, turned a quarter when narrow', () => {
    expect(layoutTopology(ftp, 1200, 0).orientation).toBe('horizontal');
    expect(layoutTopology(ftp, 400, 0).orientation).toBe('vertical');
  });

  it('keeps FIG. 3 for many ports, where turning it would need even more width', () => {
    expect(layoutTopology(sixteenPorts(), 400, 0).orientation).toBe('horizontal');
  });

  it('fits a two-port scenario into 400 px without scaling', () => {
    expect(layoutTopology(ftp, 400, 0).width).toBe(400);
  });

  it('does not wrap the captions of the fabric and routing processor when wide', () => {
    const layout = layoutTopology(ftp, 1200, 0);
    const rp = layout.routingProcessor;
    expect(layout.fabric.lines.map((l) => l.text)).toEqual(['switching fabric']);
    expect(rp.lines.map((l) => l.text)).toEqual(['routing processor']);
    expect(rp.firewall.lines.map((l) => l.text)).toEqual([
      'firewall application',
      '5 rules · policy drop',
    ]);
    expect(rp.firewall.connections.map((l) => l.text)).toEqual(['65,536 connections']);
  });

  it('wraps the firewall box by phrases when narrow, with room for the largest count', () => {
    const fw = layoutTopology(ftp, 400, 0).routingProcessor.firewall;
    expect(fw.lines.map((l) => l.text)).toEqual([
      'firewall',
      'application',
      '5 rules',
      'policy drop',
    ]);
    expect(fw.connections.map((l) => l.text)).toEqual(['65,536', 'connections']);
  });

  it('says when the firewall is disabled, with no connection count', () => {
    const open = parseScenario({
      ...builtinScenarios['ftp-transfer'],
      firewall: { enabled: false },
    });
    const fw = layoutTopology(open, 1200, 0).routingProcessor.firewall;
    expect(fw.lines.map((l) => l.text)).toEqual([
      'firewall application',
      'disabled: everything passes',
    ]);
    expect(fw.connections).toEqual([]);
  });

  it('centres the drawing in extra height', () => {
    const layout = layoutTopology(ftp, 1200, 2000);
    expect(layout.height).toBe(2000);
    const router = layout.router.rect;
    expect(router.y).toBeCloseTo(2000 - router.y - router.height);
  });

  it('labels links with bandwidth and delay', () => {
    const link = layoutTopology(ftp, 1200, 0).links[0];
    expect(link.label).toBe('100 Mbit/s · 1 ms');
    expect(link.lines.map((l) => l.text)).toEqual(['100 Mbit/s', '1 ms']);
  });
});
