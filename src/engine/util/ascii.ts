/** Bytes of an ASCII string (SIP and SDP text, capture interface names). */
export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0x7f);
}

/** ASCII text of bytes. */
export function asciiText(bytes: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let i = offset; i < offset + length; i++) text += String.fromCharCode(bytes[i]);
  return text;
}
