// Bytes as 0x-prefixed lowercase hex, as the core writes them.

/** toHex returns bytes as 0x-prefixed lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  let hex = '0x';
  for (const b of bytes) {
    hex += b.toString(16).padStart(2, '0');
  }
  return hex;
}

/** fromHex parses hex, with or without 0x; it throws an Error saying what is wrong. */
export function fromHex(text: string): Uint8Array {
  const digits = text.startsWith('0x') || text.startsWith('0X') ? text.slice(2) : text;
  if (digits.length % 2 !== 0) {
    throw new Error(`hex has an odd number of digits (${digits.length})`);
  }
  const bad = digits.search(/[^0-9a-fA-F]/);
  if (bad >= 0) {
    throw new Error(`hex has a non-hex character ${JSON.stringify(digits[bad])} at position ${bad}`);
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  }
  return bytes;
}

/** equalBytes reports whether a and b hold the same bytes. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
