import { CaptureReader, PortInference, concatCaptureChunks } from '../../engine';
import type { LoadedCapture } from './capture-shelf';

/** The largest capture the page replays: it holds the file's bytes for as long as it runs it. */
export const MAX_CAPTURE_FILE_BYTES = 256 * 1024 * 1024;
const MAX_MB = MAX_CAPTURE_FILE_BYTES / (1024 * 1024);

/** Bytes read and the total when known, for a progress bar. */
export type LoadProgress = (readBytes: number, totalBytes: number | null) => void;

/**
 * Reads a capture from a stream (a dropped file, a fetched sample) and checks it whole before
 * anything uses it: every packet is decoded once, as the bytes arrive, to find a broken file
 * (the error names the byte) and to guess the router's ports. Between chunks it gives the page
 * a turn, so a big file shows its progress and the page stays responsive.
 */
export async function loadCapture(
  key: string,
  fileName: string,
  stream: ReadableStream<Uint8Array>,
  totalBytes: number | null,
  onProgress: LoadProgress = () => {},
): Promise<LoadedCapture> {
  if (totalBytes !== null && totalBytes > MAX_CAPTURE_FILE_BYTES) {
    throw new Error(
      `${fileName}: ${totalBytes} bytes, more than the ${MAX_MB} MiB the app replays`,
    );
  }
  const reader = new CaptureReader();
  const inference = new PortInference();
  const chunks: Uint8Array[] = [];
  let readBytes = 0;
  let firstUs: number | null = null;
  let latestUs = 0;
  const drain = () => {
    for (let p = reader.next(); p !== null; p = reader.next()) {
      inference.observe(p);
      if (p.timeUs === null) continue;
      firstUs ??= p.timeUs;
      latestUs = Math.max(latestUs, p.timeUs);
    }
  };
  const source = stream.getReader();
  try {
    for (let r = await source.read(); !r.done; r = await source.read()) {
      readBytes += r.value.length;
      if (readBytes > MAX_CAPTURE_FILE_BYTES) throw new Error(`more than ${MAX_MB} MiB`);
      chunks.push(r.value);
      reader.push(r.value);
      drain();
      onProgress(readBytes, totalBytes);
    }
    reader.end();
    drain();
  } catch (error) {
    await source.cancel().catch(() => {});
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`${fileName}: ${why}`, { cause: error });
  }
  if (inference.empty) {
    const s = reader.summary();
    throw new Error(
      `${fileName}: no IPv4 packet to replay (${s.frames} frames: ${s.networks.ipv6} IPv6, ${s.frames - s.packets} not IP)`,
    );
  }
  return {
    key,
    fileName,
    bytes: concatCaptureChunks(chunks),
    ports: inference.ports(),
    summary: reader.summary(),
    spanUs: firstUs === null ? 0 : latestUs - firstUs,
  };
}
