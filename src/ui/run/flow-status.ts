import type { FlowReport } from '../../engine';

export type FlowStatus = 'waiting' | 'running' | 'completed' | 'aborted' | 'failed' | 'unfinished';

/** The statuses in the order a kind's summary row names them. */
export const FLOW_STATUSES: readonly FlowStatus[] = [
  'completed',
  'running',
  'waiting',
  'aborted',
  'failed',
  'unfinished',
];

export function flowStatus(f: FlowReport, runFinished: boolean): FlowStatus {
  if (f.completed) return 'completed';
  if (f.aborted) return 'aborted';
  if (f.error !== null) return 'failed';
  if (runFinished) return 'unfinished';
  return f.startedAtUs === null ? 'waiting' : 'running';
}
