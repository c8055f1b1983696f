import { describe, expect, it } from 'vitest';
import type { FlowReport } from '../../engine';
import { flowRow, flowTable } from './flow-rows';
import { flowStatus } from './flow-status';

function flow(overrides: Partial<FlowReport>): FlowReport {
  return {
    id: 'download/data',
    kind: 'ftp-data',
    bytesGoal: 20_000_000,
    bytesDelivered: 0,
    completed: false,
    completedAtUs: null,
    endedAtUs: null,
    aborted: false,
    error: null,
    retransmissions: 0,
    maxStallUs: 0,
    startedAtUs: null,
    ...overrides,
  };
}

describe('flowStatus', () => {
  it('tells waiting, running, completed, aborted, failed and unfinished apart', () => {
    expect(flowStatus(flow({}), false)).toBe('waiting');
    expect(flowStatus(flow({ startedAtUs: 5 }), false)).toBe('running');
    expect(flowStatus(flow({ startedAtUs: 5 }), true)).toBe('unfinished');
    expect(flowStatus(flow({ completed: true, completedAtUs: 9 }), true)).toBe('completed');
    expect(flowStatus(flow({ aborted: true, error: 'reset' }), false)).toBe('aborted');
    expect(flowStatus(flow({ error: '550 no such file' }), false)).toBe('failed');
  });
});

describe('flowRow', () => {
  it('shows progress, bytes, status time, retransmissions and stall', () => {
    const row = flowRow(
      flow({
        bytesDelivered: 20_000_000,
        completed: true,
        completedAtUs: 1_681_234,
        startedAtUs: 0,
        retransmissions: 1_234,
        maxStallUs: 8_300,
      }),
      true,
    );
    expect(row).toEqual({
      id: 'download/data',
      kind: 'ftp-data',
      kindTitle: 'FTP data connection (the file)',
      status: 'completed',
      statusText: 'completed at 1.681 s',
      bytes: '20.0 MB / 20.0 MB',
      bytesExact: '20,000,000 / 20,000,000 bytes',
      percent: 100,
      retransmissions: '1,234',
      maxStall: '8.3 ms',
    });
  });

  it('names the error of an aborted flow and has no bar without a goal', () => {
    const row = flowRow(
      flow({ kind: 'ftp-control', bytesGoal: null, aborted: true, error: 'timed out' }),
      false,
    );
    expect(row).toMatchObject({
      statusText: 'aborted (timed out)',
      bytes: '0 B',
      bytesExact: '0 bytes',
      percent: null,
    });
  });
});

describe('flowTable', () => {
  it('lists every flow, without summaries, when there are few', () => {
    const table = flowTable([flow({}), flow({ id: 'b' })], false);
    expect(table.rows.map((r) => r.id)).toEqual(['download/data', 'b']);
    expect(table).toMatchObject({ summaries: [], total: 2, hidden: 0 });
  });

  it('summarises each kind and lists only the first flows when there are many', () => {
    const flows = Array.from({ length: 30 }, (_, i) =>
      flow({
        id: `web#${i}`,
        kind: i < 25 ? 'tcp' : 'udp-stream',
        bytesGoal: 1_000,
        bytesDelivered: i < 10 ? 1_000 : 0,
        completed: i < 10,
        completedAtUs: i < 10 ? 1 : null,
        startedAtUs: i < 20 ? 0 : null,
        retransmissions: 1,
        maxStallUs: i * 1_000,
      }),
    );
    const table = flowTable(flows, false, 20);
    expect(table.rows).toHaveLength(20);
    expect(table).toMatchObject({ total: 30, hidden: 10 });
    expect(table.summaries).toEqual([
      expect.objectContaining({
        id: 'all 25',
        statusText: '10 completed, 10 running, 5 waiting',
        bytes: '10.0 kB / 25.0 kB',
        percent: 40,
        retransmissions: '25',
        maxStall: '24.0 ms',
      }),
      expect.objectContaining({ id: 'all 5', status: 'waiting' }),
    ]);
  });

  it('summarises SIP calls, which have no byte goal, by bytes alone', () => {
    const calls = Array.from({ length: 3 }, (_, i) =>
      flow({
        id: `call-${i}/signalling`,
        kind: 'sip-call',
        bytesGoal: null,
        bytesDelivered: 1_726,
        completed: i > 0,
        completedAtUs: i > 0 ? 10_508_232 : null,
        startedAtUs: 0,
      }),
    );
    const table = flowTable(calls, true, 2);
    expect(table.summaries).toEqual([
      expect.objectContaining({
        id: 'all 3',
        kind: 'sip-call',
        kindTitle: expect.stringContaining('SIP signalling'),
        statusText: '2 completed, 1 unfinished',
        bytes: '5.18 kB',
        percent: null,
      }),
    ]);
    expect(table.rows[1]).toMatchObject({ statusText: 'completed at 10.508 s', percent: null });
  });
});
