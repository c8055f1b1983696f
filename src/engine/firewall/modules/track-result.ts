/**
 * What a layer-4 tracker says about a packet of a known connection.
 * accept: fine (its state may have changed); ignore: let it pass without updating state;
 * invalid: the packet does not fit the connection's state; reopen: it starts a new
 * connection on the same tuple (a SYN after TIME_WAIT) — drop the old one and begin again.
 */
export const TrackResult = { accept: 0, ignore: 1, invalid: 2, reopen: 3 } as const;
export type TrackResultCode = (typeof TrackResult)[keyof typeof TrackResult];
