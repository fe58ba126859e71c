// The host interface of an eeplay execution environment (EE).
//
// An EE is a WebAssembly module exporting `main: () -> ()` and `memory`. It
// runs once per transaction and may import only the functions below, all from
// the wasm module "env". Every `usize` parameter is a pointer into the EE's
// own memory; lengths and offsets are in bytes, 256-bit numbers are 32 bytes
// big-endian.

// ---- State and block data --------------------------------------------------

/** Size of a state root in bytes. */
export const ROOT_SIZE = 32;

/** Writes the EE's 32-byte state root from before this transaction to `ptr`. */
@external("env", "eth2_loadPreStateRoot")
export declare function eth2_loadPreStateRoot(ptr: usize): void;

/**
 * Reads 32 bytes at `ptr` as the EE's new state root. If never called, the
 * state is left unchanged.
 */
@external("env", "eth2_savePostStateRoot")
export declare function eth2_savePostStateRoot(ptr: usize): void;

/** Returns the length of this transaction's data. */
@external("env", "eth2_blockDataSize")
export declare function eth2_blockDataSize(): i32;

/**
 * Copies `length` bytes of the transaction data, starting at `offset`, to
 * `ptr`. Reading past the end of the data fails the transaction.
 */
@external("env", "eth2_blockDataCopy")
export declare function eth2_blockDataCopy(ptr: usize, offset: i32, length: i32): void;

/** Pushes the `length` bytes at `ptr` as a new deposit to the beacon chain. */
@external("env", "eth2_pushNewDeposit")
export declare function eth2_pushNewDeposit(ptr: usize, length: i32): void;

/**
 * Charges `ticks` to this transaction's budget of 10,000,000. Exhausting the
 * budget fails the transaction.
 */
@external("env", "eth2_useTicks")
export declare function eth2_useTicks(ticks: i32): void;

/** Appends the `length` bytes at `ptr` to the transaction receipt's logs. */
@external("env", "eth2_emitLog")
export declare function eth2_emitLog(ptr: usize, length: i32): void;

// ---- Buffer frames (quilt's ewasm-rt): 32-byte keys to 32-byte values ------
// in frames 0-255, empty at the start of every transaction.

/** Copies the value of the 32-byte key at `keyPtr` in `frame` to `valuePtr` and returns 0; returns 1 if the frame lacks the key. */
@external("env", "eth2_bufferGet")
export declare function eth2_bufferGet(frame: i32, keyPtr: usize, valuePtr: usize): i32;

/** Stores the 32-byte value at `valuePtr` under the 32-byte key at `keyPtr` in `frame`. */
@external("env", "eth2_bufferSet")
export declare function eth2_bufferSet(frame: i32, keyPtr: usize, valuePtr: usize): void;

/** Copies every entry of `frameB` into `frameA`; `frameB`'s values win. */
@external("env", "eth2_bufferMerge")
export declare function eth2_bufferMerge(frameA: i32, frameB: i32): void;

/** Empties `frame`. */
@external("env", "eth2_bufferClear")
export declare function eth2_bufferClear(frame: i32): void;

// ---- Child modules (quilt's ewasm-rt): wasm the EE loads from its memory ---
// and calls. A child imports only eth2_call, eth2_argument, eth2_return,
// print and debug_*, and exports memory.

/** Compiles the `codeLength` bytes of wasm at `codePtr` and instantiates them as child module `slot` (an unused slot). */
@external("env", "eth2_loadModule")
export declare function eth2_loadModule(slot: i32, codePtr: usize, codeLength: i32): void;

/** Calls child `slot`'s export named by the UTF-8 at `namePtr` (type `() -> i32`) with the argument at `argPtr` and the return buffer at `retPtr`; returns the export's result. */
@external("env", "eth2_callModule")
export declare function eth2_callModule(slot: i32, namePtr: usize, nameLength: i32, argPtr: usize, argLength: i32, retPtr: usize, retLength: i32): i32;

/** Lets child modules call this EE's export named by the UTF-8 at `namePtr` (type `() -> i32`) through `eth2_call`. */
@external("env", "eth2_expose")
export declare function eth2_expose(namePtr: usize, nameLength: i32): void;

/** In a child: calls the EE's exposed export named at `namePtr` with the argument at `argPtr` and the return buffer at `retPtr`; returns its result. */
@external("env", "eth2_call")
export declare function eth2_call(namePtr: usize, nameLength: i32, argPtr: usize, argLength: i32, retPtr: usize, retLength: i32): i32;

/** In a called function: copies min(`destLength`, argument length) bytes of the caller's argument to `destPtr`; returns the argument's length. */
@external("env", "eth2_argument")
export declare function eth2_argument(destPtr: usize, destLength: i32): i32;

/** In a called function: copies min(`srcLength`, return buffer length) bytes at `srcPtr` to the start of the caller's return buffer; returns the buffer's length. */
@external("env", "eth2_return")
export declare function eth2_return(srcPtr: usize, srcLength: i32): i32;

// ---- Debugging: lines in the receipt's debug output; they change no state ---

/** Prints a 32-bit integer. */
@external("env", "debug_print32")
export declare function debug_print32(value: i32): void;

/** Prints a 64-bit integer. */
@external("env", "debug_print64")
export declare function debug_print64(value: i64): void;

/** Prints `length` bytes at `ptr` as UTF-8 text (invalid bytes show as U+FFFD). */
@external("env", "debug_printMem")
export declare function debug_printMem(ptr: usize, length: i32): void;

/** Prints `length` bytes at `ptr` as hex. */
@external("env", "debug_printMemHex")
export declare function debug_printMemHex(ptr: usize, length: i32): void;

/** Prints the `length` bytes of UTF-8 text at `ptr` as one line. */
@external("env", "debug_log")
export declare function debug_log(ptr: usize, length: i32): void;

/** As `debug_log`, under the name quilt's ewasm-rt gives it: adds `print: <text>`. */
@external("env", "print")
export declare function print(ptr: usize, length: i32): void;

// ---- 256-bit arithmetic: c = a op b ----------------------------------------

/** c = a + b (mod 2^256). */
@external("env", "bignum_add256")
export declare function bignum_add256(a: usize, b: usize, c: usize): void;

/** c = a - b (mod 2^256). */
@external("env", "bignum_sub256")
export declare function bignum_sub256(a: usize, b: usize, c: usize): void;

/** c = a * b (mod 2^256). */
@external("env", "bignum_mul256")
export declare function bignum_mul256(a: usize, b: usize, c: usize): void;

/** c = a / b, rounded down. Dividing by zero fails the transaction. */
@external("env", "bignum_div256")
export declare function bignum_div256(a: usize, b: usize, c: usize): void;

/** r = a * b mod n, using the full 512-bit product. n = 0 fails the transaction. */
@external("env", "bignum_mulMod")
export declare function bignum_mulMod(a: usize, b: usize, n: usize, r: usize): void;

// ---- Helpers ----------------------------------------------------------------

/** Prints `message` as one line of text (AssemblyScript strings are UTF-16). */
export function log(message: string): void {
  const utf8 = String.UTF8.encode(message);
  debug_log(changetype<usize>(utf8), utf8.byteLength);
}
