/**
 * The patent's five flowcharts as data: each figure's acts in order, with the patent's
 * wording shortened to fit a box (label) and at fuller length for the detail line. Queries
 * are the flowcharts' decisions; their "no" branch either waits (loops back) or ends.
 */

export type ActKind = 'query' | 'act';

export interface ActNode {
  /** The patent's reference numeral; trace events carry the same number. */
  readonly act: number;
  readonly kind: ActKind;
  /** What the box says: one line for a query (a diamond is narrow), up to two for an act. */
  readonly label: readonly string[];
  /** The patent's wording, lightly shortened. */
  readonly wording: string;
  /** A query's "no" branch: wait for the condition again, or end the process. */
  readonly otherwise?: 'wait' | 'end';
}

export interface Figure {
  readonly fig: number;
  readonly title: string;
  readonly nodes: readonly ActNode[];
}

export const FIGURES: readonly Figure[] = [
  {
    fig: 6,
    title: 'New connection',
    nodes: [
      {
        act: 600,
        kind: 'query',
        label: ['New connection?'],
        wording: 'Wait until a new connection has been established through the router.',
        otherwise: 'wait',
      },
      {
        act: 602,
        kind: 'act',
        label: ['Form the unique', 'connection id'],
        wording:
          'Form a unique connection identifier, e.g. from the source and destination addresses of the packet.',
      },
      {
        act: 604,
        kind: 'act',
        label: ['Checkpoint the base', 'layer with the id'],
        wording:
          'Create a new connection data structure in the checkpoint server memory space by checkpointing the base layer of the connection and encoding therein the unique connection identifier.',
      },
    ],
  },
  {
    fig: 7,
    title: 'Module checkpoint',
    nodes: [
      {
        act: 700,
        kind: 'query',
        label: ['Checkpoint due?'],
        wording: 'Wait until a module running within the firewall needs to checkpoint its data.',
        otherwise: 'wait',
      },
      {
        act: 702,
        kind: 'act',
        label: ['Retrieve the id', 'from the base layer'],
        wording:
          "Retrieve the connection's unique connection identifier from the base layer of that connection.",
      },
      {
        act: 704,
        kind: 'act',
        label: ['Embed it in the', 'checkpointed data'],
        wording: 'Embed the identifier of the connection data structure in the checkpointed data.',
      },
    ],
  },
  {
    fig: 8,
    title: 'State change',
    nodes: [
      {
        act: 800,
        kind: 'query',
        label: ['State changed?'],
        wording:
          'Wait until the state of an existing connection has changed; each module decides for its own part.',
        otherwise: 'wait',
      },
      {
        act: 802,
        kind: 'act',
        label: ['Module checkpoints', 'the changed part'],
        wording:
          'The responsible module checkpoints the relevant data of the connection to the checkpoint server.',
      },
    ],
  },
  {
    fig: 9,
    title: 'Crash and restart',
    nodes: [
      {
        act: 900,
        kind: 'act',
        label: ['Router server', 'restarts firewall'],
        wording: 'The router server restarts the firewall application that has crashed.',
      },
      {
        act: 902,
        kind: 'query',
        label: ['Data to recover?'],
        wording:
          'The restarted firewall asks the checkpoint server whether there is any checkpointed data to recover; if not, the process ends.',
        otherwise: 'end',
      },
      {
        act: 904,
        kind: 'act',
        label: ['Recover the data', 'from the server'],
        wording: 'Recover the data contained within the checkpoint server.',
      },
    ],
  },
  {
    fig: 10,
    title: 'Reassembly',
    nodes: [
      {
        act: 1000,
        kind: 'query',
        label: ['Data present?'],
        wording: 'Wait until there is data within the checkpoint server to recover.',
        otherwise: 'wait',
      },
      {
        act: 1002,
        kind: 'act',
        label: ['Recover the base', 'layer first'],
        wording: "Recover the connection's base layer from the checkpoint server first.",
      },
      {
        act: 1004,
        kind: 'act',
        label: ['Retrieve parts with', 'the same id'],
        wording:
          'Retrieve the other checkpointed data with the same unique connection identifier; each module adds its part to the connection.',
      },
    ],
  },
];

/** Every act numeral of FIG. 6–10, in the figures' order. */
export const ALL_ACTS: readonly number[] = FIGURES.flatMap((f) => f.nodes.map((n) => n.act));

const BY_ACT = new Map(
  FIGURES.flatMap((figure) => figure.nodes.map((node) => [node.act, { figure, node }] as const)),
);

/** The figure and node of an act numeral, or undefined for a numeral not drawn. */
export function findAct(act: number): { figure: Figure; node: ActNode } | undefined {
  return BY_ACT.get(act);
}
