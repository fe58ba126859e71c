// The messages between the page (compiler.ts) and the compiler's worker
// (web/src/compiler/worker.ts). Kept apart so the worker imports no DOM types.
import type { Diagnostic, Language } from './api';

/** A compile for the worker, checked by checkCompileInput: the language's source files only. */
export interface CompileRequest {
  /** Answered by the reply with the same id. */
  id: number;
  language: Language;
  files: Record<string, string>;
  entry: string;
}

/**
 * The worker's answer to a request: the module when the compile succeeded,
 * the diagnostics either way. A compiler that fails in a way of its own
 * answers with an error diagnostic too, never with nothing.
 */
export interface CompileReply {
  id: number;
  wasm?: Uint8Array;
  diagnostics: Diagnostic[];
}
