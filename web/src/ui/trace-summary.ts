// What a trace did, in a line and as rows: the calls, nested ones after
// their parent, and a summary that groups them by what they do.

import type { HostCall, Trace } from '../core/api';

/** A host call in the trace's order, with its depth: 0 for the EE's own calls, 1 for those made while one of them ran, and so on. */
export interface TraceRow {
  call: HostCall;
  depth: number;
  /** Its position in the trace, counting nested calls: 0 for the first. */
  index: number;
}

/** flatten lists every call of trace in order, each nested call after the call it ran in. */
export function flatten(trace: Trace): TraceRow[] {
  const rows: TraceRow[] = [];
  // A stack rather than recursion: nesting is as deep as the EE makes it.
  const stack: { calls: HostCall[]; next: number; depth: number }[] = [{ calls: trace.calls, next: 0, depth: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.next === top.calls.length) {
      stack.pop();
      continue;
    }
    const call = top.calls[top.next++];
    rows.push({ call, depth: top.depth, index: rows.length });
    if (call.calls.length) stack.push({ calls: call.calls, next: 0, depth: top.depth + 1 });
  }
  return rows;
}

/** A group of functions the summary counts together, and how it words them. */
interface Group {
  matches(fn: string): boolean;
  /** calls: how many; read and written: the bytes they moved; ticks: what their ticks arguments add up to. */
  words(calls: number, read: number, written: number, ticks: number): string;
}

const GROUPS: Group[] = [
  { matches: (fn) => fn === 'eth2_loadPreStateRoot', words: (n) => `loaded pre-state${times(n)}` },
  {
    matches: (fn) => fn === 'eth2_blockDataSize' || fn === 'eth2_blockDataCopy',
    words: (n, _read, written) => `read ${count(written, 'byte')} of block data in ${count(n, 'call')}`,
  },
  { matches: (fn) => fn.startsWith('bignum_'), words: (n) => `${count(n, 'bignum call')}` },
  { matches: (fn) => fn.startsWith('eth2_buffer'), words: (n, read, written) => `${count(n, 'buffer call')} (${count(read, 'byte')} in, ${count(written, 'byte')} out)` },
  { matches: (fn) => fn === 'eth2_loadModule', words: (n, read) => `loaded ${count(n, 'child module')} (${count(read, 'byte')})` },
  { matches: (fn) => fn === 'eth2_callModule', words: (n) => `${count(n, 'child module call')}` },
  { matches: (fn) => fn === 'eth2_emitLog', words: (n, read) => `emitted ${count(n, 'log')} (${count(read, 'byte')})` },
  { matches: (fn) => fn === 'eth2_pushNewDeposit', words: (n, read) => `pushed ${count(n, 'deposit')} (${count(read, 'byte')})` },
  { matches: (fn) => fn.startsWith('debug_') || fn === 'print', words: (n) => `${count(n, 'debug call')}` },
  { matches: (fn) => fn === 'eth2_useTicks', words: (n, _read, _written, ticks) => `used ${count(ticks, 'tick')} in ${count(n, 'call')}` },
  { matches: (fn) => fn === 'eth2_savePostStateRoot', words: (n) => `saved post-state${times(n)}` },
];

/**
 * summarize says what a trace did in one line, grouping its calls, nested
 * ones included, in the order each group first appears: "loaded pre-state,
 * read 593 bytes of block data in 2 calls, 227 bignum calls, saved
 * post-state". A function no group holds is counted by name; a failure
 * ends the line.
 */
export function summarize(trace: Trace): string {
  const rows = flatten(trace);
  if (!rows.length) return 'no host calls';
  const tallies = new Map<Group | string, { calls: number; read: number; written: number; ticks: number }>();
  let failed: string | undefined;
  for (const { call } of rows) {
    const key = GROUPS.find((g) => g.matches(call.function)) ?? call.function;
    const tally = tallies.get(key) ?? { calls: 0, read: 0, written: 0, ticks: 0 };
    tally.calls++;
    for (const a of call.args) if (a.name === 'ticks') tally.ticks += Number(a.value);
    tally.read += moved(call.read);
    tally.written += moved(call.written);
    tallies.set(key, tally);
    if (call.error !== undefined) failed = call.function;
  }
  const parts = [...tallies].map(([key, t]) => (typeof key === 'string' ? count(t.calls, `${key} call`) : key.words(t.calls, t.read, t.written, t.ticks)));
  if (failed !== undefined) parts.push(`failed in ${failed}`);
  return parts.join(', ');
}

/** The bytes a list of pieces moved. */
export function moved(pieces: { bytes: Uint8Array }[]): number {
  return pieces.reduce((sum, p) => sum + p.bytes.length, 0);
}

function times(n: number): string {
  return n === 1 ? '' : ` ${n.toLocaleString('en-US')} times`;
}

function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : `${word}s`}`;
}

/** The call as it reads in code: `eth2_blockDataCopy(outputOffset=0x10, offset=0, length=5)`, pointers in hex. */
export function callText(call: HostCall): string {
  const args = call.args.map((a) => `${a.name}=${a.pointer ? `0x${a.value.toString(16)}` : a.value.toString()}`);
  return `${call.function}(${args.join(', ')})`;
}

/** Whether a row's function matches what the search box holds: a part of its name, any case; everything matches an empty query. */
export function matches(row: TraceRow, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || row.call.function.toLowerCase().includes(q);
}

/** Lines of hex, 32 bytes each, so that a 32-byte root takes a line of its own. */
export function hexLines(bytes: Uint8Array, perLine = 32): string[] {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += perLine) {
    let line = '';
    for (const b of bytes.subarray(i, i + perLine)) line += b.toString(16).padStart(2, '0');
    lines.push(line);
  }
  return lines;
}
