import { describe, expect, it } from 'vitest';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from '../../../net/packet';
import { TCP_CT_STATE_COUNT, TcpCtState, tcpCtStateNames } from './tcp-states';
import {
  TCP_PACKET_CLASS_COUNT,
  tcpFlagsValid,
  tcpPacketClass,
  TcpPacketClass,
  tcpPacketClassNames,
  tcpTransition,
} from './tcp-transitions';

/*
 * tcp_conntracks[2][6][TCP_CONNTRACK_MAX] as it stands in Linux 6.17,
 * net/netfilter/nf_conntrack_proto_tcp.c — the rows copied as text (explanatory comments
 * between the rows left out), so that they can be compared with the kernel line by line.
 */
const KERNEL_TABLE = String.raw`
	{
/* ORIGINAL */
/* 	     sNO, sSS, sSR, sES, sFW, sCW, sLA, sTW, sCL, sS2	*/
/*syn*/	   { sSS, sSS, sIG, sIG, sIG, sIG, sIG, sSS, sSS, sS2 },
/*synack*/ { sIV, sIV, sSR, sIV, sIV, sIV, sIV, sIV, sIV, sSR },
/*fin*/    { sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV },
/*ack*/	   { sES, sIV, sES, sES, sCW, sCW, sTW, sTW, sCL, sIV },
/*rst*/    { sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL },
/*none*/   { sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV }
	},
	{
/* REPLY */
/* 	     sNO, sSS, sSR, sES, sFW, sCW, sLA, sTW, sCL, sS2	*/
/*syn*/	   { sIV, sS2, sIV, sIV, sIV, sIV, sIV, sSS, sIV, sS2 },
/*synack*/ { sIV, sSR, sIG, sIG, sIG, sIG, sIG, sIG, sIG, sSR },
/*fin*/    { sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV },
/*ack*/	   { sIV, sIG, sSR, sES, sCW, sCW, sTW, sTW, sCL, sIG },
/*rst*/    { sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL },
/*none*/   { sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV }
	}
`;

/** The kernel's #defines: sNO .. sS2 are the states in order, sIV = MAX, sIG = IGNORE. */
const KERNEL_NAMES: Record<string, number> = {
  sNO: TcpCtState.NONE,
  sSS: TcpCtState.SYN_SENT,
  sSR: TcpCtState.SYN_RECV,
  sES: TcpCtState.ESTABLISHED,
  sFW: TcpCtState.FIN_WAIT,
  sCW: TcpCtState.CLOSE_WAIT,
  sLA: TcpCtState.LAST_ACK,
  sTW: TcpCtState.TIME_WAIT,
  sCL: TcpCtState.CLOSE,
  sS2: TcpCtState.SYN_SENT2,
  sIV: TcpCtState.INVALID,
  sIG: TcpCtState.IGNORE,
};

interface Cell {
  dir: 0 | 1;
  cls: number;
  state: number;
  expected: number;
  label: string;
}

function parseKernelTable(text: string): Cell[] {
  const cells: Cell[] = [];
  let dir = -1;
  let columns: string[] = [];
  for (const line of text.split('\n')) {
    if (line.includes('/* ORIGINAL */')) dir = 0;
    else if (line.includes('/* REPLY */')) dir = 1;
    const header = /^\/\*\s+(s\w\w(?:,\s*s\w\w)*)\s*\*\/$/.exec(line.trim());
    if (header) columns = header[1].split(/,\s*/);
    const row = /^\/\*(\w+)\*\/\s*\{([^}]*)\}/.exec(line);
    if (!row) continue;
    const cls = tcpPacketClassNames.indexOf(row[1] as (typeof tcpPacketClassNames)[number]);
    const values = row[2].split(',').map((v) => v.trim());
    expect(cls, row[1]).toBeGreaterThanOrEqual(0);
    expect(values).toHaveLength(columns.length);
    values.forEach((v, i) => {
      const state = KERNEL_NAMES[columns[i]];
      cells.push({
        dir: dir as 0 | 1,
        cls,
        state,
        expected: KERNEL_NAMES[v],
        label: `${dir === 0 ? 'ORIGINAL' : 'REPLY'} ${row[1]} ${columns[i]} -> ${v}`,
      });
    });
  }
  return cells;
}

const cells = parseKernelTable(KERNEL_TABLE);

describe('tcp_conntracks transition table', () => {
  it('has every cell: 2 directions x 6 classes x 10 states', () => {
    expect(cells).toHaveLength(2 * TCP_PACKET_CLASS_COUNT * TCP_CT_STATE_COUNT);
    const keys = new Set(cells.map((c) => `${c.dir}/${c.cls}/${c.state}`));
    expect(keys.size).toBe(120);
  });

  it.each(cells)('$label', ({ dir, cls, state, expected }) => {
    expect(tcpTransition(dir, cls, state)).toBe(expected);
  });
});

describe('states', () => {
  it('are numbered in the kernel order with its spellings', () => {
    expect(tcpCtStateNames).toEqual([
      'NONE',
      'SYN_SENT',
      'SYN_RECV',
      'ESTABLISHED',
      'FIN_WAIT',
      'CLOSE_WAIT',
      'LAST_ACK',
      'TIME_WAIT',
      'CLOSE',
      'SYN_SENT2',
    ]);
    tcpCtStateNames.forEach((name, i) => expect(TcpCtState[name]).toBe(i));
    expect(TcpCtState.INVALID).toBe(TCP_CT_STATE_COUNT); // sIV = TCP_CONNTRACK_MAX
    expect(TcpCtState.IGNORE).toBe(TCP_CT_STATE_COUNT + 1); // sIG = TCP_CONNTRACK_IGNORE
  });
});

describe('tcpPacketClass (get_conntrack_index)', () => {
  const { syn, synack, fin, ack, rst, none } = TcpPacketClass;
  it.each([
    ['none', 0, none],
    ['PSH alone', TCP_PSH, none],
    ['SYN', TCP_SYN, syn],
    ['SYN|PSH', TCP_SYN | TCP_PSH, syn],
    ['SYN|FIN', TCP_SYN | TCP_FIN, syn],
    ['SYN|ACK', TCP_SYN | TCP_ACK, synack],
    ['SYN|ACK|FIN', TCP_SYN | TCP_ACK | TCP_FIN, synack],
    ['FIN', TCP_FIN, fin],
    ['FIN|ACK', TCP_FIN | TCP_ACK, fin],
    ['FIN|ACK|PSH', TCP_FIN | TCP_ACK | TCP_PSH, fin],
    ['ACK', TCP_ACK, ack],
    ['ACK|PSH', TCP_ACK | TCP_PSH, ack],
    ['RST', TCP_RST, rst],
    ['RST|ACK', TCP_RST | TCP_ACK, rst],
    ['RST|SYN', TCP_RST | TCP_SYN, rst],
    ['RST|FIN|ACK', TCP_RST | TCP_FIN | TCP_ACK, rst],
  ])('%s', (_name, flags, cls) => {
    expect(tcpPacketClass(flags)).toBe(cls);
  });

  it('follows the kernel precedence RST > SYN(+ACK) > FIN > ACK for all 32 combinations', () => {
    for (let flags = 0; flags < 32; flags++) {
      const expected =
        flags & TCP_RST
          ? rst
          : flags & TCP_SYN
            ? flags & TCP_ACK
              ? synack
              : syn
            : flags & TCP_FIN
              ? fin
              : flags & TCP_ACK
                ? ack
                : none;
      expect(tcpPacketClass(flags)).toBe(expected);
    }
  });
});

describe('tcpFlagsValid (tcp_error flag table)', () => {
  const URG = 0x20;
  const valid = new Set([
    TCP_SYN,
    TCP_SYN | URG,
    TCP_SYN | TCP_ACK,
    TCP_RST,
    TCP_RST | TCP_ACK,
    TCP_FIN | TCP_ACK,
    TCP_FIN | TCP_ACK | URG,
    TCP_ACK,
    TCP_ACK | URG,
  ]);
  it('accepts exactly the kernel set, PSH/ECE/CWR ignored', () => {
    for (let flags = 0; flags < 256; flags++) {
      const core = flags & ~(TCP_PSH | 0x40 | 0x80);
      expect(tcpFlagsValid(flags), `flags 0x${flags.toString(16)}`).toBe(valid.has(core));
    }
  });
});
