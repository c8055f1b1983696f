import type { Scenario } from '../engine';
import { linkLabel, linkLabelLines } from './format';
import {
  FABRIC_MIN_WIDTH,
  FABRIC_TEXT,
  SPACE,
  fabricBox,
  hostBox,
  processorHeight,
  processorMinWidth,
  routingProcessor,
} from './layout-parts';
import { PORT_HEIGHT, portBox } from './layout-port';
import { blockHeight, stackLines } from './text-lines';
import { TEXT_STYLE, fitText, wrapWords } from './text-metrics';
import type {
  HostLayout,
  LinkLayout,
  Measures,
  PortLayout,
  PortSlot,
  TopologyLayout,
} from './topology-types';

/**
 * FIG. 3 turned a quarter, for narrow screens: first half of the ports on the router's top
 * edge, the rest on its bottom edge, hosts above and below, the fabric between the two rows
 * of ports and the routing processor beside the fabric, where no link has to cross it.
 */

/** Space between the label of a vertical link and the link itself. */
const LABEL_GAP = 6;
const COLUMN_GAP = 16;

/** Column width: fits the boxes, and the label left of a link clears the next link over. */
function columnMin(m: Measures): number {
  const leftmostLabel = 2 * (m.labelWidth + LABEL_GAP - SPACE.margin - SPACE.routerPad);
  return Math.max(
    m.hostWidth + COLUMN_GAP,
    m.portWidth + COLUMN_GAP,
    m.labelWidth + 2 * LABEL_GAP + 4,
    leftmostLabel,
  );
}

const fabricMin = (m: Measures) => Math.max(m.lanes * columnMin(m), FABRIC_MIN_WIDTH);

export function verticalMinWidth(m: Measures): number {
  const processor = processorMinWidth(m.firewall);
  return 2 * (SPACE.margin + SPACE.routerPad) + fabricMin(m) + SPACE.gap + processor;
}

export function layoutVertical(
  scenario: Scenario,
  slots: readonly PortSlot[],
  m: Measures,
  minWidth: number,
  minHeight: number,
): TopologyLayout {
  const width = Math.max(minWidth, verticalMinWidth(m));
  // Extra width widens the columns (up to 1.5x) and the routing processor (up to 2x); what
  // is left becomes margin on both sides, so a wide narrow-mode canvas is not stretched.
  const extra = width - verticalMinWidth(m);
  const columnGrow = Math.min(extra / m.lanes, columnMin(m) / 2);
  const rpMin = processorMinWidth(m.firewall);
  const rpGrow = Math.min(extra - columnGrow * m.lanes, rpMin);
  const fabricWidth = Math.max(m.lanes * (columnMin(m) + columnGrow), fabricMin(m));
  const column = fabricWidth / m.lanes;
  const rpWidth = rpMin + rpGrow;

  const fabricLines = wrapWords(FABRIC_TEXT, 'caption', fabricWidth - 2 * SPACE.innerPad).length;
  const fabricHeight = fabricLines * TEXT_STYLE.caption.lineHeight + 2 * SPACE.innerPad;
  const box = SPACE.boxHeight;
  const portBoxHeight = PORT_HEIGHT;
  const routerHeight = Math.max(
    2 * SPACE.routerPad + 2 * portBoxHeight + 2 * SPACE.gap + fabricHeight,
    SPACE.title + processorHeight(rpWidth, m.firewall) + SPACE.routerPad,
  );
  const linkZone = Math.max(56, 2 * TEXT_STYLE.detail.lineHeight + 16);
  const naturalHeight = 2 * (SPACE.margin + box + linkZone) + routerHeight;
  const height = Math.max(minHeight, naturalHeight);
  const top = (height - naturalHeight) / 2 + SPACE.margin;

  const routerWidth = 2 * SPACE.routerPad + fabricWidth + SPACE.gap + rpWidth;
  const router = {
    x: (width - routerWidth) / 2,
    y: top + box + linkZone,
    width: routerWidth,
    height: routerHeight,
  };
  const routerBottom = router.y + router.height;
  const portY = [router.y + SPACE.routerPad, routerBottom - SPACE.routerPad - portBoxHeight];
  const hostY = [top, routerBottom + linkZone];
  const fabric = {
    x: router.x + SPACE.routerPad,
    y: router.y + (router.height - fabricHeight) / 2,
    width: fabricWidth,
    height: fabricHeight,
  };
  const rp = {
    x: fabric.x + fabricWidth + SPACE.gap,
    y: router.y + SPACE.title,
    width: rpWidth,
    height: router.height - SPACE.title - SPACE.routerPad,
  };

  const ports: PortLayout[] = [];
  const hosts: HostLayout[] = [];
  const links: LinkLayout[] = [];
  for (const slot of slots) {
    const upper = slot.group === 0;
    const cx = fabric.x + ((m.lanes - slot.groupSize) / 2 + slot.index + 0.5) * column;
    const port = {
      x: cx - m.portWidth / 2,
      y: portY[slot.group],
      width: m.portWidth,
      height: portBoxHeight,
    };
    ports.push({
      ...portBox(slot.port, port, m.countWidth),
      name: slot.port.name,
      prefix: slot.port.prefix,
      side: upper ? 'top' : 'bottom',
      host: slot.host?.name,
      connector: {
        from: { x: cx, y: upper ? port.y + portBoxHeight : port.y },
        to: { x: cx, y: upper ? fabric.y : fabric.y + fabric.height },
      },
    });
    if (!slot.host) continue;
    const host = { x: cx - m.hostWidth / 2, y: hostY[slot.group], width: m.hostWidth, height: box };
    hosts.push({
      ...hostBox(slot.host, host),
      name: slot.host.name,
      address: slot.host.address,
      port: slot.port.name,
      side: upper ? 'top' : 'bottom',
    });
    // The label sits left of the link, centred in the gap between host and router.
    const zoneTop = upper ? host.y + box : routerBottom;
    const items = linkLabelLines(slot.host.link).map((text) => ({ text, kind: 'detail' as const }));
    const labelTop = zoneTop + (linkZone - blockHeight(items)) / 2;
    links.push({
      host: slot.host.name,
      port: slot.port.name,
      from: { x: cx, y: upper ? host.y + box : host.y },
      to: { x: cx, y: upper ? port.y : port.y + portBoxHeight },
      label: linkLabel(slot.host.link),
      lines: stackLines(items, cx - LABEL_GAP, labelTop, 'end'),
    });
  }

  const title = [
    { text: fitText(scenario.router.name, 'title', rp.width), kind: 'title' as const },
  ];
  const titleTop = router.y + (SPACE.title - blockHeight(title)) / 2;
  const fabricMid = fabric.y + fabric.height / 2;
  return {
    width,
    height,
    orientation: 'vertical',
    router: { rect: router, lines: stackLines(title, rp.x, titleTop, 'start') },
    fabric: fabricBox(fabric),
    routingProcessor: routingProcessor(
      rp,
      {
        from: { x: rp.x, y: fabricMid },
        to: { x: fabric.x + fabric.width, y: fabricMid },
      },
      m.firewall,
    ),
    ports,
    hosts,
    links,
  };
}
