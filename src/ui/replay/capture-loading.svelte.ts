import { FILE_PREFIX, SAMPLE_PREFIX, sampleNamed, type CaptureSample } from './capture-samples';
import { captureShelf, type LoadedCapture } from './capture-shelf';
import { loadCapture } from './load-capture';

/** The longest file name a run's key keeps (the name is shown, never interpreted). */
const MAX_NAME_CHARS = 64;

/**
 * Reading a capture for the page: a file the user dropped or picked, or a shipped sample
 * fetched when chosen. Keeps what the page shows while it reads — the name and share read —
 * and why the last one failed. A failure never touches the run on screen.
 */
export class CaptureLoading {
  /** The capture being read: its name and the share read (null when the size is unknown). */
  current = $state<{ name: string; share: number | null } | null>(null);
  /** Why the last capture could not be loaded, or ''. */
  error = $state('');
  /** The user's file on the shelf (the picker offers it), or null. */
  loadedFile = $state<{ key: string; name: string } | null>(null);
  private generation = 0;

  /** A file from the picker or a drop: its key is `file:` + its name. */
  file(file: File): Promise<LoadedCapture | null> {
    const name = file.name.slice(0, MAX_NAME_CHARS) || 'capture';
    return this.read(`${FILE_PREFIX}${name}`, name, () =>
      Promise.resolve({ stream: file.stream(), size: file.size }),
    );
  }

  /** A shipped sample, fetched from samples/ next to the page (once; then from the shelf). */
  sample(key: string): Promise<LoadedCapture | null> {
    const sample = sampleNamed(key);
    if (sample === undefined) {
      this.error = `no sample capture "${key.slice(SAMPLE_PREFIX.length)}"`;
      return Promise.resolve(null);
    }
    const shelved = captureShelf.get(key);
    if (shelved !== undefined) return Promise.resolve(shelved);
    return this.read(key, sample.file, () => fetchSample(sample));
  }

  private async read(
    key: string,
    name: string,
    open: () => Promise<{ stream: ReadableStream<Uint8Array>; size: number | null }>,
  ): Promise<LoadedCapture | null> {
    const generation = ++this.generation;
    this.error = '';
    this.current = { name, share: 0 };
    try {
      const { stream, size } = await open();
      const capture = await loadCapture(key, name, stream, size, (read, total) => {
        if (generation === this.generation) {
          this.current = { name, share: total === null || total === 0 ? null : read / total };
        }
      });
      if (generation !== this.generation) return null; // another load started since
      captureShelf.put(capture);
      if (key.startsWith(FILE_PREFIX)) this.loadedFile = { key, name };
      return capture;
    } catch (error) {
      if (generation === this.generation) {
        this.error = error instanceof Error ? error.message : String(error);
      }
      return null;
    } finally {
      if (generation === this.generation) this.current = null;
    }
  }
}

async function fetchSample(
  sample: CaptureSample,
): Promise<{ stream: ReadableStream<Uint8Array>; size: number | null }> {
  const response = await fetch(new URL(`samples/${sample.file}`, document.baseURI));
  if (!response.ok || response.body === null) {
    throw new Error(`cannot fetch ${sample.file}: HTTP ${response.status}`);
  }
  const length = Number(response.headers.get('content-length'));
  return { stream: response.body, size: Number.isFinite(length) && length > 0 ? length : null };
}
