/** Connection states of RFC 9293 §3.3.2, as small integers for the hot path. */
export const TcpState = {
  closed: 0,
  listen: 1,
  synSent: 2,
  synReceived: 3,
  established: 4,
  finWait1: 5,
  finWait2: 6,
  closeWait: 7,
  closing: 8,
  lastAck: 9,
  timeWait: 10,
} as const;

export type TcpStateCode = (typeof TcpState)[keyof typeof TcpState];

/** RFC spelling, as tools such as `ss` print them. */
export const tcpStateNames: readonly string[] = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
];
