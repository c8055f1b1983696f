import { describe, expect, it } from 'vitest';
import type { FlowKind } from '../../engine';
import { flowKindDescription } from './flow-kinds';

describe('flowKindDescription', () => {
  it('describes every kind of flow, SIP calls included', () => {
    const kinds: FlowKind[] = ['ftp-control', 'ftp-data', 'tcp', 'udp-stream', 'sip-call'];
    for (const kind of kinds) expect(flowKindDescription(kind)).toMatch(/\w{3}/);
    expect(flowKindDescription('sip-call')).toContain('SIP');
  });
});
