import type { FlowKind } from '../../engine';

/**
 * What each kind of flow is, for the flow table's tooltips. The switch is exhaustive: a new
 * kind in the engine fails the type check here until it is described.
 */
export function flowKindDescription(kind: FlowKind): string {
  switch (kind) {
    case 'ftp-control':
      return 'FTP control connection (commands and replies; no byte goal)';
    case 'ftp-data':
      return 'FTP data connection (the file)';
    case 'tcp':
      return 'TCP request and response';
    case 'udp-stream':
      return 'UDP stream of numbered datagrams (video, or the media of a call)';
    case 'sip-call':
      return 'SIP signalling of a call (INVITE … BYE; its media are udp-stream flows)';
  }
}
