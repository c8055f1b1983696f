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
  processorUnwrapped,
  routingProcessor,
} from './layout-parts';
import { PORT_HEIGHT, portBox } from './layout-port';
import { blockHeight, stackLines } from './text-lines';
import { TEXT_STYLE, fitText, textWidth, wrapWords } from './text-metrics';
import type {
  HostLayout,
  LinkLayout,
  Measures,
  PortLayout,
  PortSlot,
  TopologyLayout,
} from './topology-types';

/**
 * FIG. 3 as drawn in the patent: first half of the ports on the router's left edge, the rest
 * on its right edge, hosts outside them, the switching fabric in the middle and the routing
 * processor (which runs the firewall application) below the fabric. A row is as
 * tall as a port box (which holds the queue bars); the host beside it is centred on it.
 */

/** Links stop growing here; wider canvases give the room to the fabric instead. */
const LINK_MAX = 200;

const linkMin = (m: Measures) => m.labelWidth + 2 * SPACE.labelPad;
const centreMin = (m: Measures) => Math.max(FABRIC_MIN_WIDTH, processorMinWidth(m.firewall));
/** Centre width at which no caption in the fabric or routing processor has to wrap. */
const centreUnwrapped = (m: Measures) =>
  Math.max(textWidth(FABRIC_TEXT, 'caption') + 2 * SPACE.innerPad, processorUnwrapped(m.firewall));

export function horizontalMinWidth(m: Measures): number {
  const side = SPACE.margin + m.hostWidth + linkMin(m) + SPACE.routerPad + m.portWidth + SPACE.gap;
  return 2 * side + centreMin(m);
}

export function layoutHorizontal(
  scenario: Scenario,
  slots: readonly PortSlot[],
  m: Measures,
  minWidth: number,
  minHeight: number,
): TopologyLayout {
  const width = Math.max(minWidth, horizontalMinWidth(m));
  // Extra width goes first to unwrapping the captions, then to the links, then to the centre.
  const extra = width - horizontalMinWidth(m);
  const unwrap = Math.min(extra, Math.max(0, centreUnwrapped(m) - centreMin(m)));
  const grow = Math.min((extra - unwrap) / 2, Math.max(0, LINK_MAX - linkMin(m)));
  const link = linkMin(m) + grow;
  const centre = centreMin(m) + extra - 2 * grow;

  const pitch = PORT_HEIGHT + SPACE.rowGap;
  const fabricText = wrapWords(FABRIC_TEXT, 'caption', centre - 2 * SPACE.innerPad);
  const lanesHeight = Math.max(
    m.lanes * pitch - SPACE.rowGap,
    fabricText.length * TEXT_STYLE.caption.lineHeight + 2 * SPACE.innerPad,
  );
  const rpHeight = processorHeight(centre, m.firewall);
  const routerHeight = SPACE.title + lanesHeight + SPACE.gap + rpHeight + SPACE.routerPad;
  const height = Math.max(minHeight, routerHeight + 2 * SPACE.margin);

  const routerX = SPACE.margin + m.hostWidth + link;
  const router = {
    x: routerX,
    y: (height - routerHeight) / 2,
    width: width - 2 * routerX,
    height: routerHeight,
  };
  const lanesTop = router.y + SPACE.title;
  const portX = [
    router.x + SPACE.routerPad,
    router.x + router.width - SPACE.routerPad - m.portWidth,
  ];
  const hostX = [SPACE.margin, width - SPACE.margin - m.hostWidth];
  const fabric = {
    x: portX[0] + m.portWidth + SPACE.gap,
    y: lanesTop,
    width: centre,
    height: lanesHeight,
  };
  const rp = {
    x: fabric.x,
    y: fabric.y + lanesHeight + SPACE.gap,
    width: centre,
    height: rpHeight,
  };
  const fabricMid = fabric.x + fabric.width / 2;

  const ports: PortLayout[] = [];
  const hosts: HostLayout[] = [];
  const links: LinkLayout[] = [];
  for (const slot of slots) {
    const left = slot.group === 0;
    const groupHeight = slot.groupSize * pitch - SPACE.rowGap;
    const y = lanesTop + (lanesHeight - groupHeight) / 2 + slot.index * pitch;
    const mid = y + PORT_HEIGHT / 2;
    const port = { x: portX[slot.group], y, width: m.portWidth, height: PORT_HEIGHT };
    const portInner = left ? port.x + port.width : port.x;
    const portOuter = left ? port.x : port.x + port.width;
    ports.push({
      ...portBox(slot.port, port, m.countWidth),
      name: slot.port.name,
      prefix: slot.port.prefix,
      side: left ? 'left' : 'right',
      host: slot.host?.name,
      connector: {
        from: { x: portInner, y: mid },
        to: { x: left ? fabric.x : fabric.x + centre, y: mid },
      },
    });
    if (!slot.host) continue;
    const host = {
      x: hostX[slot.group],
      y: mid - SPACE.boxHeight / 2,
      width: m.hostWidth,
      height: SPACE.boxHeight,
    };
    hosts.push({
      ...hostBox(slot.host, host),
      name: slot.host.name,
      address: slot.host.address,
      port: slot.port.name,
      side: left ? 'left' : 'right',
    });
    const hostEdge = left ? host.x + host.width : host.x;
    const routerEdge = left ? router.x : router.x + router.width;
    // Bandwidth above the line, delay below it, centred on the part outside the router.
    const [above, below] = linkLabelLines(slot.host.link);
    const labelX = (hostEdge + routerEdge) / 2;
    const aboveTop = mid - 2 - TEXT_STYLE.detail.lineHeight;
    links.push({
      host: slot.host.name,
      port: slot.port.name,
      from: { x: hostEdge, y: mid },
      to: { x: portOuter, y: mid },
      label: linkLabel(slot.host.link),
      lines: [
        ...stackLines([{ text: above, kind: 'detail' }], labelX, aboveTop, 'middle'),
        ...stackLines([{ text: below, kind: 'detail' }], labelX, mid + 2, 'middle'),
      ],
    });
  }

  const titleText = fitText(scenario.router.name, 'title', router.width - 2 * SPACE.routerPad);
  const title = [{ text: titleText, kind: 'title' as const }];
  const titleTop = router.y + (SPACE.title - blockHeight(title)) / 2;
  return {
    width,
    height,
    orientation: 'horizontal',
    router: {
      rect: router,
      lines: stackLines(title, router.x + SPACE.routerPad, titleTop, 'start'),
    },
    fabric: fabricBox(fabric),
    routingProcessor: routingProcessor(
      rp,
      {
        from: { x: fabricMid, y: rp.y },
        to: { x: fabricMid, y: fabric.y + fabric.height },
      },
      m.firewall,
    ),
    ports,
    hosts,
    links,
  };
}
