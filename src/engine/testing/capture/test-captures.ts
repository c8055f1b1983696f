/**
 * Test helper (not part of the API): pcap and pcapng files built record by record and block by
 * block, in the byte order under test.
 */
import { Bytes, text } from './test-bytes';

export * from './test-bytes';
export * from './test-frames';

export interface PcapRecord {
  seconds?: number;
  fraction?: number;
  data: Uint8Array;
  /** Default: the data's length (the helper cuts data longer than the snaplen itself). */
  originalBytes?: number;
  /** Overrides the captured length field (the data written stays as given). */
  capturedBytes?: number;
}

export function pcapFile(o: {
  littleEndian?: boolean;
  nanoseconds?: boolean;
  linkType?: number;
  snapLength?: number;
  version?: [number, number];
  records: PcapRecord[];
}): Uint8Array {
  const out = new Bytes(o.littleEndian ?? false);
  const snapLength = o.snapLength ?? 262144;
  out.u32(o.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4);
  out.u16(o.version?.[0] ?? 2).u16(o.version?.[1] ?? 4);
  out
    .u32(0)
    .u32(0)
    .u32(snapLength)
    .u32(o.linkType ?? 1);
  for (const r of o.records) {
    const data = r.data.subarray(0, Math.min(r.data.length, snapLength));
    out.u32(r.seconds ?? 1_700_000_000).u32(r.fraction ?? 0);
    out.u32(r.capturedBytes ?? data.length).u32(r.originalBytes ?? r.data.length);
    out.bytes(data);
  }
  return out.finish();
}

/** A pcapng option: code, length, value padded to 32 bits. */
export interface Option {
  code: number;
  value: ArrayLike<number>;
}

function options(out: Bytes, list: Option[], end = true): void {
  for (const o of list) out.u16(o.code).u16(o.value.length).bytes(o.value).pad4();
  if (end && list.length > 0) out.u16(0).u16(0);
}

/** Any pcapng block: type, total length, body (padded), total length again. */
export function block(
  littleEndian: boolean,
  type: number,
  body: Uint8Array,
  total?: number,
): Uint8Array {
  const padded = body.length + ((4 - (body.length % 4)) % 4);
  const length = total ?? 12 + padded;
  return new Bytes(littleEndian).u32(type).u32(length).bytes(body).pad4().u32(length).finish();
}

export function shb(
  littleEndian: boolean,
  o: { options?: Option[]; version?: [number, number] } = {},
): Uint8Array {
  const body = new Bytes(littleEndian)
    .u32(0x1a2b3c4d)
    .u16(o.version?.[0] ?? 1)
    .u16(o.version?.[1] ?? 0);
  body.u32(0xffffffff).u32(0xffffffff); // section length: unknown
  options(body, o.options ?? []);
  return block(littleEndian, 0x0a0d0d0a, body.finish());
}

export function idb(
  littleEndian: boolean,
  o: {
    linkType?: number;
    snapLength?: number;
    tsresol?: number;
    tsoffset?: bigint;
    name?: string;
    options?: Option[];
  } = {},
): Uint8Array {
  const body = new Bytes(littleEndian)
    .u16(o.linkType ?? 1)
    .u16(0)
    .u32(o.snapLength ?? 0);
  const list: Option[] = [...(o.options ?? [])];
  if (o.name !== undefined) list.push({ code: 2, value: text(o.name) });
  if (o.tsresol !== undefined) list.push({ code: 9, value: [o.tsresol] });
  if (o.tsoffset !== undefined) {
    list.push({ code: 14, value: new Bytes(littleEndian).u64(o.tsoffset).finish() });
  }
  options(body, list);
  return block(littleEndian, 1, body.finish());
}

export function epb(
  littleEndian: boolean,
  o: {
    interfaceId?: number;
    units?: bigint;
    data: Uint8Array;
    originalBytes?: number;
    capturedBytes?: number;
    options?: Option[];
  },
): Uint8Array {
  const units = o.units ?? 1_700_000_000_000_000n;
  const body = new Bytes(littleEndian).u32(o.interfaceId ?? 0);
  body.u32(Number(units >> 32n)).u32(Number(BigInt.asUintN(32, units)));
  body.u32(o.capturedBytes ?? o.data.length).u32(o.originalBytes ?? o.data.length);
  body.bytes(o.data).pad4();
  options(body, o.options ?? []);
  return block(littleEndian, 6, body.finish());
}

/** The obsolete packet block (type 2): a 16-bit interface id and a drops count. */
export function opb(
  littleEndian: boolean,
  o: { interfaceId?: number; units?: bigint; data: Uint8Array },
): Uint8Array {
  const units = o.units ?? 1_700_000_000_000_000n;
  const body = new Bytes(littleEndian).u16(o.interfaceId ?? 0).u16(0);
  body.u32(Number(units >> 32n)).u32(Number(BigInt.asUintN(32, units)));
  body.u32(o.data.length).u32(o.data.length).bytes(o.data);
  return block(littleEndian, 2, body.finish());
}

export function spb(
  littleEndian: boolean,
  o: { data: Uint8Array; originalBytes?: number },
): Uint8Array {
  const body = new Bytes(littleEndian).u32(o.originalBytes ?? o.data.length).bytes(o.data);
  return block(littleEndian, 3, body.finish());
}
