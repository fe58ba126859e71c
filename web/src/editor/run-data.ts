// The data a "Deploy and run" gives its transaction, typed beside the
// editor: hex, text, or "auto", which reads 0x-prefixed input as hex and
// anything else as text, so both "hello" and "0x68656c6c6f" do what they
// look like.

import { fromHex } from '../core/bytes';

/** How the data field is read. */
export type DataMode = 'auto' | 'hex' | 'text';

/** The bytes, and how they were read. */
export interface RunData {
  bytes: Uint8Array;
  as: 'hex' | 'text';
}

/** Reads the data field; hex that is not hex throws an Error saying why. */
export function parseRunData(value: string, mode: DataMode): RunData {
  const as = mode === 'auto' ? (/^\s*0x/i.test(value) ? 'hex' : 'text') : mode;
  if (as === 'text') return { bytes: new TextEncoder().encode(value), as };
  const digits = value.replace(/\s+/g, '');
  if (digits === '' || /^0x$/i.test(digits)) return { bytes: new Uint8Array(0), as };
  try {
    return { bytes: fromHex(digits), as };
  } catch (e) {
    throw new Error(`the data is not valid hex: ${(e as Error).message}`);
  }
}
