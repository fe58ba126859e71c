// Share links: a simulation file (docs/simulation-file.md) in the address
// fragment, `#share=1.DATA`, DATA the file deflated (zlib, whose Adler-32
// checksum tells a damaged or cut link) and base64url-encoded without
// padding. A fragment is never sent to a server. Opening a link goes
// through importSimulation, the one validated way in.

/** What a fragment starts with to be a share link. */
export const SHARE_KEY = 'share=';
/** The format this eeplay writes and reads; a newer one gets its own number. */
export const SHARE_FORMAT = 1;
/**
 * The longest fragment Share makes, in characters: 32 KiB holds the
 * example EEs with dozens of blocks and a project (README, "Share links"),
 * and stays far below what browsers accept in an address (Chromium: 2 MB).
 */
export const SHARE_LIMIT = 32 * 1024;
/** The most a link's data may unpack to: more than any link eeplay makes holds, so that a crafted link cannot fill memory. */
export const SHARE_UNPACKED_LIMIT = 32 * 1024 * 1024;

/** What a link holds, read from its simulation file before it is opened. */
export interface ShareSummary {
  ees: number;
  blocks: number;
  /** The shards those blocks are on. */
  shards: number;
  /** The projects, by id and name. */
  projects: { id: string; name: string }[];
}

/** A share link's contents: the simulation file, and what it holds. */
export interface SharedSimulation {
  file: Uint8Array;
  summary: ShareSummary;
}

/** encodeShareFragment returns the fragment, without its #, that carries file. */
export async function encodeShareFragment(file: Uint8Array): Promise<string> {
  const packed = await pipe(file, new CompressionStream('deflate'));
  return `${SHARE_KEY}${SHARE_FORMAT}.${toBase64url(packed)}`;
}

/** isShareFragment reports whether fragment (location.hash, with or without its #) is a share link's. */
export function isShareFragment(fragment: string): boolean {
  return fragment.replace(/^#/, '').startsWith(SHARE_KEY);
}

/**
 * decodeShareFragment reads a share link's fragment (with or without its
 * #); it throws an Error beginning "share link:" that says what is wrong.
 */
export async function decodeShareFragment(fragment: string): Promise<SharedSimulation> {
  const body = fragment.replace(/^#/, '').slice(SHARE_KEY.length);
  const dot = body.indexOf('.');
  if (dot < 0) throw new Error(`share link: no format before the data: want #${SHARE_KEY}${SHARE_FORMAT}.DATA; the link was cut or mistyped`);
  const format = body.slice(0, dot);
  if (format !== String(SHARE_FORMAT)) {
    throw new Error(
      `share link: format ${JSON.stringify(format)} is not supported: this eeplay opens format ${SHARE_FORMAT} (#${SHARE_KEY}${SHARE_FORMAT}.…); the link may come from a newer eeplay`,
    );
  }
  const packed = fromBase64url(body.slice(dot + 1));
  let file: Uint8Array;
  try {
    file = await pipe(packed, new DecompressionStream('deflate'), SHARE_UNPACKED_LIMIT);
  } catch (error) {
    if (error instanceof TooLarge) throw new Error(`share link: the data unpacks to more than ${SHARE_UNPACKED_LIMIT / (1024 * 1024)} MiB: no link eeplay makes holds that much`);
    throw new Error('share link: the data is damaged or cut short: it does not decompress; copy the whole link again');
  }
  return { file, summary: summarize(file) };
}

/** describeShare says what a link holds: "3 EEs, 5 blocks on 2 shards and the project “counter”". */
export function describeShare(s: ShareSummary): string {
  const parts = [count(s.ees, 'EE'), s.blocks ? `${count(s.blocks, 'block')} on ${count(s.shards, 'shard')}` : 'no blocks'];
  const names = s.projects.map((p) => `“${p.name}”`);
  if (names.length === 1) parts.push(`the project ${names[0]}`);
  else if (names.length > 1) parts.push(`the projects ${names.join(', ')}`);
  return parts.length === 3 ? `${parts[0]}, ${parts[1]} and ${parts[2]}` : parts.join(' and ');
}

// summarize counts what the file holds; the core checks the rest of it
// when it is imported.
function summarize(file: Uint8Array): ShareSummary {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file));
  } catch {
    throw new Error('share link: the data is not a simulation file: it is not JSON');
  }
  if (!isRecord(parsed) || parsed.format !== 'eeplay-simulation') {
    throw new Error('share link: the data is not a simulation file: its format is not "eeplay-simulation"');
  }
  if (!Array.isArray(parsed.operations)) throw new Error('share link: the data is not a simulation file: it has no list of operations');
  const summary: ShareSummary = { ees: 0, blocks: 0, shards: 0, projects: [] };
  const shards = new Set<unknown>();
  for (const op of parsed.operations) {
    if (!isRecord(op)) continue;
    if (op.create_execution_environment !== undefined) summary.ees++;
    if (isRecord(op.create_shard_block)) {
      summary.blocks++;
      shards.add(op.create_shard_block.shard_index);
    }
  }
  summary.shards = shards.size;
  if (Array.isArray(parsed.projects)) {
    for (const p of parsed.projects) if (isRecord(p) && typeof p.id === 'string' && typeof p.name === 'string') summary.projects.push({ id: p.id, name: p.name });
  }
  return summary;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** toBase64url writes bytes as base64url, without padding. */
export function toBase64url(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) text += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return text;
}

/** fromBase64url reads base64url without padding; it throws a share link's message for anything else. */
export function fromBase64url(text: string): Uint8Array {
  if (text === '') throw new Error(`share link: no data after #${SHARE_KEY}${SHARE_FORMAT}.: the link was cut short`);
  const bad = text.search(/[^A-Za-z0-9_-]/);
  if (bad >= 0) {
    throw new Error(
      `share link: the data is damaged: character ${bad + 1} of it is ${JSON.stringify(text[bad])}, which base64url does not use (A-Z, a-z, 0-9, - and _)`,
    );
  }
  if (text.length % 4 === 1) {
    throw new Error(`share link: the data is damaged or cut short: ${text.length.toLocaleString('en-US')} base64url characters do not make whole bytes`);
  }
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const ch of text) {
    value = (value << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 0xff;
    }
  }
  return bytes;
}

class TooLarge extends Error {}

// pipe runs bytes through a (de)compression stream; past limit bytes out, it
// stops with TooLarge.
async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Errors surface on the reading side; the writer's own are the same ones.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
