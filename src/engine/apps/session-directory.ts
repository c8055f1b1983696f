/**
 * Simulator bookkeeping that lets the two ends of an application find their shared statistics:
 * the client registers its session under its own address and port, the server looks it up
 * from the connection's remote end. Keys are numbers (address · 65536 + port, exact in a double).
 */
export class SessionDirectory<T> {
  private readonly sessions = new Map<number, T>();

  set(address: number, port: number, session: T): void {
    this.sessions.set(address * 65_536 + port, session);
  }

  get(address: number, port: number): T | undefined {
    return this.sessions.get(address * 65_536 + port);
  }

  delete(address: number, port: number): void {
    this.sessions.delete(address * 65_536 + port);
  }
}
