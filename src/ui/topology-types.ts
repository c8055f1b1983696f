import type { HostConfig, Scenario } from '../engine';
import type { FirewallCaption } from './firewall-caption';
import type { FirewallLayout } from './layout-firewall';
import type { Rect, TextLine } from './text-lines';

/** Plain data describing where everything of a topology drawing goes (no DOM, no Svelte). */

export type { FirewallLayout, Rect, TextLine };
export type PortConfig = Scenario['router']['ports'][number];

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Segment {
  readonly from: Point;
  readonly to: Point;
}

/** A rectangle with its text, already positioned. */
export interface Box {
  readonly rect: Rect;
  readonly lines: readonly TextLine[];
}

/** Which edge of the router a port sits on; left/right when wide, top/bottom when narrow. */
export type Side = 'left' | 'right' | 'top' | 'bottom';
export type Orientation = 'horizontal' | 'vertical';

/** Where one queue's fill bar and its packet count go inside a port box. */
export interface QueueLayout {
  /** The empty bar; the fill grows from its left end. */
  readonly track: Rect;
  /** Right end of the count text (anchored at its end) and its baseline. */
  readonly count: Point;
}

export interface PortLayout extends Box {
  readonly name: string;
  readonly prefix: string;
  readonly side: Side;
  /** The host plugged into this port, if any. */
  readonly host: string | undefined;
  /** The port's attachment to the switching fabric. */
  readonly connector: Segment;
  /** Input buffer and output queue fill bars (their "in"/"out" labels are in `lines`). */
  readonly queues: { readonly input: QueueLayout; readonly output: QueueLayout };
}

export interface HostLayout extends Box {
  readonly name: string;
  readonly address: string;
  readonly port: string;
  readonly side: Side;
}

export interface LinkLayout extends Segment {
  readonly host: string;
  readonly port: string;
  /** One-line form, e.g. "100 Mbit/s · 1 ms" (for titles and tests). */
  readonly label: string;
  /** The label as drawn beside the link. */
  readonly lines: readonly TextLine[];
}

export interface RoutingProcessorLayout extends Box {
  /** The firewall application the routing processor runs on every packet (FIG. 3, 310). */
  readonly firewall: FirewallLayout;
  /** Line from the routing processor to the fabric it programs. */
  readonly connector: Segment;
}

export interface TopologyLayout {
  /** Canvas size: everything drawn lies inside [0, width] x [0, height]. */
  readonly width: number;
  readonly height: number;
  readonly orientation: Orientation;
  /** The router's outline; its lines are the router's name. */
  readonly router: Box;
  readonly fabric: Box;
  readonly routingProcessor: RoutingProcessorLayout;
  readonly ports: readonly PortLayout[];
  readonly hosts: readonly HostLayout[];
  readonly links: readonly LinkLayout[];
}

/** A port, the host on it (if any) and which group (0 = first half, 1 = rest) it is drawn in. */
export interface PortSlot {
  readonly port: PortConfig;
  readonly host: HostConfig | undefined;
  readonly group: 0 | 1;
  /** Position inside its group, in scenario order. */
  readonly index: number;
  readonly groupSize: number;
}

/** Sizes that depend on the scenario's text, shared by both orientations. */
export interface Measures {
  readonly hostWidth: number;
  readonly portWidth: number;
  /** Widest line of any link label. */
  readonly labelWidth: number;
  /** Room for a queue's packet count (its capacity, formatted). */
  readonly countWidth: number;
  /** Largest number of ports in one group. */
  readonly lanes: number;
  /** What the firewall application's box says (it sizes the routing processor). */
  readonly firewall: FirewallCaption;
}
