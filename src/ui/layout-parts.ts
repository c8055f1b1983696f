import type { HostConfig, Scenario } from '../engine';
import { linkLabelLines } from './format';
import { firewallCaption, type FirewallCaption } from './firewall-caption';
import {
  firewallBox,
  firewallHeight,
  firewallMinWidth,
  firewallUnwrapped,
} from './layout-firewall';
import { countWidth, portMinWidth } from './layout-port';
import { SPACE } from './layout-space';
import { blockHeight, centredLines, stackLines, type TextItem } from './text-lines';
import { textWidth, widestWord, wrapWords } from './text-metrics';
import type {
  Box,
  Measures,
  PortSlot,
  Rect,
  RoutingProcessorLayout,
  Segment,
} from './topology-types';

export { SPACE };

export const FABRIC_TEXT = 'switching fabric';
export const PROCESSOR_TEXT = 'routing processor';

/** First half of the ports (rounded up) in group 0, the rest in group 1, scenario order kept. */
export function portSlots(scenario: Scenario): PortSlot[] {
  const ports = scenario.router.ports;
  const firstHalf = Math.ceil(ports.length / 2);
  return ports.map((port, i) => {
    const group = i < firstHalf ? 0 : 1;
    return {
      port,
      host: scenario.hosts.find((h) => h.port === port.name),
      group,
      index: group === 0 ? i : i - firstHalf,
      groupSize: group === 0 ? firstHalf : ports.length - firstHalf,
    };
  });
}

/** A host: its name and address; a capture side (a replay's network): the network captured. */
const hostText = (h: HostConfig): TextItem[] => [
  { text: h.name, kind: 'name' },
  { text: h.role === 'capture' ? 'captured network' : h.address, kind: 'detail' },
];
const itemsWidth = (items: TextItem[]) => Math.max(...items.map((i) => textWidth(i.text, i.kind)));

/** Every box of one kind gets the same width (the widest text + padding): tidy columns. */
export function measure(scenario: Scenario, slots: readonly PortSlot[]): Measures {
  const boxWidth = (widths: number[]) => Math.max(96, ...widths) + 2 * SPACE.boxPadX;
  const labelLines = scenario.hosts.flatMap((h) => linkLabelLines(h.link));
  const { inputQueuePackets, outputQueuePackets } = scenario.router;
  const counts = countWidth([inputQueuePackets, outputQueuePackets]);
  return {
    hostWidth: boxWidth(scenario.hosts.map((h) => itemsWidth(hostText(h)))),
    portWidth: Math.max(...scenario.router.ports.map((p) => portMinWidth(p, counts))),
    countWidth: counts,
    labelWidth: Math.max(0, ...labelLines.map((text) => textWidth(text, 'detail'))),
    lanes: Math.max(...slots.map((s) => s.groupSize)),
    firewall: firewallCaption(scenario),
  };
}

export const hostBox = (host: HostConfig, rect: Rect): Box => ({
  rect,
  lines: centredLines(hostText(host), rect),
});

const caption = (text: string, maxWidth: number): TextItem[] =>
  wrapWords(text, 'caption', maxWidth).map((line) => ({ text: line, kind: 'caption' }));

/** Narrowest fabric that holds its caption (wrapped to one word a line). */
export const FABRIC_MIN_WIDTH = widestWord(FABRIC_TEXT, 'caption') + 2 * SPACE.innerPad;

export function fabricBox(rect: Rect): Box {
  return { rect, lines: centredLines(caption(FABRIC_TEXT, rect.width - 2 * SPACE.innerPad), rect) };
}

/** The firewall application's box is inset in the routing processor, inset in the router. */
export function processorMinWidth(firewall: FirewallCaption): number {
  return Math.max(
    widestWord(PROCESSOR_TEXT, 'caption') + 2 * SPACE.innerPad,
    firewallMinWidth(firewall) + 2 * SPACE.innerPad,
  );
}

/** Width of the routing processor at which none of its text has to wrap. */
export function processorUnwrapped(firewall: FirewallCaption): number {
  return Math.max(
    textWidth(PROCESSOR_TEXT, 'caption') + 2 * SPACE.innerPad,
    firewallUnwrapped(firewall) + 2 * SPACE.innerPad,
  );
}

const processorTitle = (width: number) => caption(PROCESSOR_TEXT, width - 2 * SPACE.innerPad);

/** Height the routing processor needs at a given width (its text wraps when narrow). */
export function processorHeight(width: number, firewall: FirewallCaption): number {
  const inner = width - 2 * SPACE.innerPad;
  return blockHeight(processorTitle(width)) + firewallHeight(firewall, inner) + 3 * SPACE.innerPad;
}

/** Title at the top, the firewall application below it; the whole centred vertically. */
export function routingProcessor(
  rect: Rect,
  connector: Segment,
  firewall: FirewallCaption,
): RoutingProcessorLayout {
  const pad = SPACE.innerPad;
  const title = processorTitle(rect.width);
  const inner = rect.width - 2 * pad;
  const boxHeight = firewallHeight(firewall, inner);
  const contentHeight = blockHeight(title) + pad + boxHeight;
  const top = rect.y + (rect.height - contentHeight) / 2;
  const boxRect = {
    x: rect.x + pad,
    y: top + blockHeight(title) + pad,
    width: inner,
    height: boxHeight,
  };
  return {
    rect,
    lines: stackLines(title, rect.x + rect.width / 2, top, 'middle'),
    firewall: firewallBox(firewall, boxRect),
    connector,
  };
}
