/**
 * A checkpointed payload is not what its decoder expected: it ends too early, holds a value
 * out of range, or has bytes left over. Recovery catches it per record, so one damaged part
 * costs one connection's module state, not the whole reassembly. `offset` is the byte offset
 * in the payload where reading went wrong; `detail` is the message without it.
 */
export class RecordFormatError extends Error {
  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {
    super(`at offset ${offset}: ${detail}`);
    this.name = 'RecordFormatError';
  }
}
