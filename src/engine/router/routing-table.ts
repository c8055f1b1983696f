import { InputError } from '../errors';
import { formatPrefix, type Ipv4, type Ipv4Prefix } from '../net/ipv4';

export interface Route {
  readonly prefix: Ipv4Prefix;
  readonly port: number;
}

/**
 * Longest-prefix-match routing table. Routes are kept sorted by prefix length, longest first,
 * in flat typed arrays, so the first match of a scan is the longest match. A router has at
 * most a few dozen routes (16 ports plus static routes), where a scan over two typed arrays
 * beats a trie; a one-entry cache serves the common case of consecutive packets of one flow.
 */
export class RoutingTable {
  private routes: Route[] = [];
  private networks = new Uint32Array(0);
  private masks = new Uint32Array(0);
  private ports = new Int32Array(0);
  private cachedAddr = -1;
  private cachedPort = -1;

  add(prefix: Ipv4Prefix, port: number): void {
    const clash = this.routes.find(
      (r) => r.prefix.network === prefix.network && r.prefix.length === prefix.length,
    );
    if (clash) {
      throw new InputError(`duplicate route for ${formatPrefix(prefix)}`);
    }
    this.routes.push({ prefix, port });
    // Stable sort: equal lengths keep insertion order.
    this.routes.sort((a, b) => b.prefix.length - a.prefix.length);
    this.networks = Uint32Array.from(this.routes, (r) => r.prefix.network);
    this.masks = Uint32Array.from(this.routes, (r) => r.prefix.mask);
    this.ports = Int32Array.from(this.routes, (r) => r.port);
    this.cachedAddr = -1;
  }

  /** Output port for a destination, or -1 when no route matches. */
  lookup(dst: Ipv4): number {
    if (dst === this.cachedAddr) return this.cachedPort;
    const n = this.networks.length;
    let port = -1;
    for (let i = 0; i < n; i++) {
      if ((dst & this.masks[i]) >>> 0 === this.networks[i]) {
        port = this.ports[i];
        break;
      }
    }
    this.cachedAddr = dst;
    this.cachedPort = port;
    return port;
  }

  entries(): readonly Route[] {
    return this.routes;
  }
}
