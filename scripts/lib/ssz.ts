// Strict decoding of SSZ, the simple serialize of the consensus specs
// (https://github.com/ethereum/consensus-specs/blob/dev/ssz/simple-serialize.md),
// for transaction data already in memory.
//
// Strict means that every value has exactly one accepted serialization:
// offsets leave no gaps, lists no partial elements, bitlists no missing
// delimiter. Anything else fails the transaction with
// "malformed transaction: <field>: <problem>", worded as docs/token.md lists
// them for the token EE.

/** A run of `length` serialized bytes at `ptr`. */
export class Bytes {
  constructor(
    public ptr: usize,
    public length: u32,
  ) {}

  /** The bytes from `start` up to, not including, `end`. */
  slice(start: u32, end: u32): Bytes {
    return new Bytes(this.ptr + start, end - start);
  }
}

/**
 * The name of a part of the data in messages, such as "accounts",
 * "proof.nodes" or "branches[3].nodes". It becomes a string only for a
 * message, so that naming every part of a long list costs little.
 */
export class Name {
  private constructor(
    private parent: Name | null,
    private text: string,
    private index: i32,
  ) {}

  static of(text: string): Name {
    return new Name(null, text, -1);
  }

  /** The name of field `field` of this container. */
  dot(field: string): Name {
    return new Name(this, field, -1);
  }

  /** The name of element `index` of this list. */
  at(index: i32): Name {
    return new Name(this, "", index);
  }

  toString(): string {
    const parent = this.parent;
    if (!parent) return this.text;
    if (this.index >= 0) return `${parent.toString()}[${this.index}]`;
    return `${parent.toString()}.${this.text}`;
  }
}

/** Fails the transaction because `field` is not a valid serialization. */
function malformed(field: Name, problem: string): void {
  throw new Error(`malformed transaction: ${field.toString()}: ${problem}`);
}

/**
 * Splits the container `name` into its variable-size fields, named
 * `fields`. Its fixed part is `fixedSize` bytes and holds the fields' 4-byte
 * offsets one after another from `offsetsAt`.
 */
export function containerFields(
  bytes: Bytes,
  name: Name,
  fixedSize: u32,
  offsetsAt: u32,
  fields: Name[],
): Bytes[] {
  if (bytes.length < fixedSize) {
    malformed(name, `${bytes.length} bytes, shorter than its ${fixedSize}-byte fixed part`);
  }
  const first = load<u32>(bytes.ptr + offsetsAt);
  if (first != fixedSize) {
    malformed(fields[0], `offset ${first}, want ${fixedSize}`);
  }
  return variableParts(bytes, offsetsAt, fields.length, fields, name);
}

/**
 * Splits the list `name` of at most `max` variable-size elements, which are
 * called `noun` in messages. Its fixed part is one 4-byte offset per element,
 * so the first offset gives their number.
 */
export function listElements(bytes: Bytes, name: Name, noun: string, max: u32): Bytes[] {
  if (bytes.length == 0) return [];
  if (bytes.length < 4) {
    malformed(name, `${bytes.length} bytes, shorter than an offset`);
  }
  const first = load<u32>(bytes.ptr);
  if (first % 4 != 0 || first < 4 || first > bytes.length) {
    malformed(name.at(0), `offset ${first}, want a multiple of 4 in 4..${bytes.length}`);
  }
  const count = first / 4;
  if (count > max) {
    malformed(name, `${count} ${noun}, more than ${max}`);
  }
  return variableParts(bytes, 0, count, null, name);
}

/**
 * Returns the number of elements of the list `field` of at most `max`
 * elements of `elementSize` bytes, which are called `noun` in messages.
 */
export function fixedListLength(bytes: Bytes, field: Name, noun: string, elementSize: u32, max: u32): u32 {
  if (bytes.length % elementSize != 0) {
    malformed(field, `${bytes.length} bytes is not a multiple of ${elementSize}`);
  }
  const count = bytes.length / elementSize;
  if (count > max) {
    malformed(field, `${count} ${noun}, more than ${max}`);
  }
  return count;
}

/**
 * Returns the number of bits of the bitlist `field` of at most `max` bits.
 * Its last byte's highest set bit is the delimiter, just past the last bit
 * of the list.
 */
export function bitlistLength(bytes: Bytes, field: Name, max: u32): u32 {
  if (bytes.length == 0) {
    malformed(field, "empty, no delimiter bit");
  }
  const last = <u32>load<u8>(bytes.ptr + bytes.length - 1);
  if (last == 0) {
    malformed(field, "last byte is 0, no delimiter bit");
  }
  const length: u32 = 8 * (bytes.length - 1) + (31 - clz<u32>(last));
  if (length > max) {
    malformed(field, `${length} bits, more than ${max}`);
  }
  return length;
}

/** Whether bit `index` of the bitlist at `bytes` is set. */
export function bitlistBit(bytes: Bytes, index: u32): bool {
  return ((load<u8>(bytes.ptr + (index >> 3)) >> (index & 7)) & 1) != 0;
}

/**
 * Returns the `count` parts delimited by the offsets at `offsetsAt`, the
 * first of which is already checked: each part runs from its offset to the
 * next, the last to the end. Parts are named `fields[i]` in a container,
 * `name[i]` in a list (`fields` null).
 */
function variableParts(bytes: Bytes, offsetsAt: u32, count: u32, fields: Name[] | null, name: Name): Bytes[] {
  const parts = new Array<Bytes>(count);
  let start = load<u32>(bytes.ptr + offsetsAt);
  for (let i: u32 = 1; i < count; i++) {
    const offset = load<u32>(bytes.ptr + offsetsAt + 4 * i);
    if (offset < start || offset > bytes.length) {
      malformed(fields ? fields[i] : name.at(i), `offset ${offset} is outside ${start}..${bytes.length}`);
    }
    parts[i - 1] = bytes.slice(start, offset);
    start = offset;
  }
  parts[count - 1] = bytes.slice(start, bytes.length);
  return parts;
}
