import { CaptureError } from '../../capture/capture-error';
import { readCapture } from '../../capture/read-capture';

/** Test helper: the CaptureError reading `bytes` must throw (any other outcome fails the test). */
export function errorOf(bytes: Uint8Array): CaptureError {
  try {
    readCapture(bytes);
  } catch (error) {
    if (error instanceof CaptureError) return error;
    throw error;
  }
  throw new Error('no error');
}
