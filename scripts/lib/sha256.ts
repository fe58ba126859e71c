// SHA-256 (FIPS 180-4) over raw memory, fed incrementally:
//
//   sha256.init();
//   sha256.update(ptr, length);  // any number of times
//   sha256.finish(out);          // writes the 32-byte digest to out
//
// One hash at a time: the state lives in static memory, so no allocator is
// needed and data never has to be held in memory all at once.
//
// hash64(left, right, out) is a shortcut for hashing two 32-byte Merkle tree
// nodes. It uses the same state, so it must not be called in the middle of
// an incremental hash.

// Round constants: first 32 bits of the fractional parts of the cube roots of
// the first 64 primes.
const K = memory.data<u32>([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// Initial hash value: first 32 bits of the fractional parts of the square
// roots of the first 8 primes.
const IV = memory.data<u32>([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

const BLOCK_SIZE: usize = 64;

const H = memory.data(32); // running hash value, 8 words
const W = memory.data(256); // message schedule, 64 words
const pending = memory.data(<i32>BLOCK_SIZE); // input not yet compressed
let pendingLength: usize = 0;
let totalLength: u64 = 0;

/** Starts a new hash, discarding any previous one. */
export function init(): void {
  memory.copy(H, IV, 32);
  pendingLength = 0;
  totalLength = 0;
}

/** Hashes the `length` bytes at `ptr`. */
export function update(ptr: usize, length: usize): void {
  totalLength += length;

  // Complete a partially filled block first.
  if (pendingLength > 0) {
    const n = min(BLOCK_SIZE - pendingLength, length);
    memory.copy(pending + pendingLength, ptr, n);
    pendingLength += n;
    ptr += n;
    length -= n;
    if (pendingLength < BLOCK_SIZE) return;
    compress(pending);
    pendingLength = 0;
  }

  // Whole blocks are compressed in place, without copying.
  while (length >= BLOCK_SIZE) {
    compress(ptr);
    ptr += BLOCK_SIZE;
    length -= BLOCK_SIZE;
  }

  memory.copy(pending, ptr, length);
  pendingLength = length;
}

/** Pads the input, finishes the hash and writes the 32-byte digest to `out`. */
export function finish(out: usize): void {
  // Padding: a 1 bit, zeros up to 8 bytes short of a block boundary, then the
  // message length in bits as a big-endian u64.
  store<u8>(pending + pendingLength, 0x80);
  pendingLength++;
  if (pendingLength > BLOCK_SIZE - 8) {
    memory.fill(pending + pendingLength, 0, BLOCK_SIZE - pendingLength);
    compress(pending);
    pendingLength = 0;
  }
  memory.fill(pending + pendingLength, 0, BLOCK_SIZE - 8 - pendingLength);
  store<u64>(pending + BLOCK_SIZE - 8, bswap<u64>(totalLength << 3));
  compress(pending);

  // Wasm is little-endian; SHA-256 words are big-endian.
  for (let i: usize = 0; i < 32; i += 4) {
    store<u32>(out + i, bswap<u32>(load<u32>(H + i)));
  }
}

/**
 * Writes SHA-256(the 32 bytes at `left` || the 32 bytes at `right`) to
 * `out`, which may be `left` or `right`.
 *
 * Merkle trees hash little else, so this is the fast path: no buffering,
 * and the padding block's schedule computed once.
 */
export function hash64(left: usize, right: usize, out: usize): void {
  // Static memory declared in here, not at the top, takes no space in EEs
  // that never call hash64.
  const paddingSchedule = memory.data(256);
  if (!paddingScheduleReady) {
    // A 64-byte message's second block is all padding, the same for every
    // such message: a 1 bit, zeros, then the length in bits, 512.
    store<u32>(paddingSchedule, 0x80000000);
    store<u32>(paddingSchedule + 60, 512);
    expandSchedule(paddingSchedule);
    paddingScheduleReady = true;
  }

  for (let i: usize = 0; i < 32; i += 4) {
    store<u32>(W + i, bswap<u32>(load<u32>(left + i)));
    store<u32>(W + 32 + i, bswap<u32>(load<u32>(right + i)));
  }
  expandSchedule(W);
  memory.copy(H, IV, 32);
  unrolledRounds(W);
  unrolledRounds(paddingSchedule);
  for (let i: usize = 0; i < 32; i += 4) {
    store<u32>(out + i, bswap<u32>(load<u32>(H + i)));
  }
}

let paddingScheduleReady = false;

/** Extends the 16 words at `schedule` to a block's 64-word message schedule. */
function expandSchedule(schedule: usize): void {
  for (let i: usize = 64; i < 256; i += 4) {
    const w15 = load<u32>(schedule + i - 60);
    const w2 = load<u32>(schedule + i - 8);
    const s0 = rotr<u32>(w15, 7) ^ rotr<u32>(w15, 18) ^ (w15 >>> 3);
    const s1 = rotr<u32>(w2, 17) ^ rotr<u32>(w2, 19) ^ (w2 >>> 10);
    store<u32>(schedule + i, load<u32>(schedule + i - 64) + s0 + load<u32>(schedule + i - 28) + s1);
  }
}

/**
 * The 64 rounds over the message schedule at `schedule`, 8 at a time
 * so that the working variables change roles instead of values: half the
 * work of the rounds when interpreted.
 */
function unrolledRounds(schedule: usize): void {
  let a = load<u32>(H, 0);
  let b = load<u32>(H, 4);
  let c = load<u32>(H, 8);
  let d = load<u32>(H, 12);
  let e = load<u32>(H, 16);
  let f = load<u32>(H, 20);
  let g = load<u32>(H, 24);
  let h = load<u32>(H, 28);

  for (let i: usize = 0; i < 256; i += 32) {
    let t = h + sigma1(e) + choose(e, f, g) + load<u32>(K + i) + load<u32>(schedule + i);
    d += t;
    h = t + sigma0(a) + majority(a, b, c);
    t = g + sigma1(d) + choose(d, e, f) + load<u32>(K + i, 4) + load<u32>(schedule + i, 4);
    c += t;
    g = t + sigma0(h) + majority(h, a, b);
    t = f + sigma1(c) + choose(c, d, e) + load<u32>(K + i, 8) + load<u32>(schedule + i, 8);
    b += t;
    f = t + sigma0(g) + majority(g, h, a);
    t = e + sigma1(b) + choose(b, c, d) + load<u32>(K + i, 12) + load<u32>(schedule + i, 12);
    a += t;
    e = t + sigma0(f) + majority(f, g, h);
    t = d + sigma1(a) + choose(a, b, c) + load<u32>(K + i, 16) + load<u32>(schedule + i, 16);
    h += t;
    d = t + sigma0(e) + majority(e, f, g);
    t = c + sigma1(h) + choose(h, a, b) + load<u32>(K + i, 20) + load<u32>(schedule + i, 20);
    g += t;
    c = t + sigma0(d) + majority(d, e, f);
    t = b + sigma1(g) + choose(g, h, a) + load<u32>(K + i, 24) + load<u32>(schedule + i, 24);
    f += t;
    b = t + sigma0(c) + majority(c, d, e);
    t = a + sigma1(f) + choose(f, g, h) + load<u32>(K + i, 28) + load<u32>(schedule + i, 28);
    e += t;
    a = t + sigma0(b) + majority(b, c, d);
  }

  store<u32>(H, load<u32>(H, 0) + a, 0);
  store<u32>(H, load<u32>(H, 4) + b, 4);
  store<u32>(H, load<u32>(H, 8) + c, 8);
  store<u32>(H, load<u32>(H, 12) + d, 12);
  store<u32>(H, load<u32>(H, 16) + e, 16);
  store<u32>(H, load<u32>(H, 20) + f, 20);
  store<u32>(H, load<u32>(H, 24) + g, 24);
  store<u32>(H, load<u32>(H, 28) + h, 28);
}

// @ts-ignore: decorator
@inline
function sigma0(a: u32): u32 {
  return rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22);
}

// @ts-ignore: decorator
@inline
function sigma1(e: u32): u32 {
  return rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25);
}

// @ts-ignore: decorator
@inline
function choose(e: u32, f: u32, g: u32): u32 {
  return (e & f) ^ (~e & g);
}

// @ts-ignore: decorator
@inline
function majority(a: u32, b: u32, c: u32): u32 {
  return (a & b) ^ (a & c) ^ (b & c);
}

/** Mixes the 64-byte block at `block` into H. */
function compress(block: usize): void {
  for (let i: usize = 0; i < 64; i += 4) {
    store<u32>(W + i, bswap<u32>(load<u32>(block + i)));
  }
  expandSchedule(W);
  unrolledRounds(W);
}
