package wasmhost

import (
	"fmt"
	"strconv"
	"strings"
)

// EngineKind selects how wazero runs EE code.
type EngineKind string

const (
	// Compiler compiles EE code to machine code: fast, but not on every
	// platform (never on GOOS=js).
	Compiler EngineKind = "compiler"
	// Interpreter interprets EE code: runs everywhere, including in the
	// browser.
	Interpreter EngineKind = "interpreter"
	// Browser runs EE code on the WebAssembly of the JavaScript host that
	// runs Go as js/wasm (a browser, or Node.js): fast, but only there.
	// wazero still checks each module, so both accept the same EEs.
	Browser EngineKind = "browser"
)

// ParseEngineKind parses "compiler", "interpreter" or "browser".
func ParseEngineKind(s string) (EngineKind, error) {
	switch kind := EngineKind(s); kind {
	case Compiler, Interpreter, Browser:
		return kind, nil
	}
	return "", UnknownEngineError(s, []string{string(Compiler), string(Interpreter), string(Browser)})
}

// UnknownEngineError is the one message, for every layer that takes an
// engine's name (this package, the command line, the page), that name is
// none of want: `unknown engine "jit": want "a", "b" or "c"`.
func UnknownEngineError(name string, want []string) error {
	return fmt.Errorf("unknown engine %q: want %s", name, QuoteChoices(want))
}

// QuoteChoices lists names quoted, as a choice: `"a"`, `"a" or "b"`,
// `"a", "b" or "c"`.
func QuoteChoices(names []string) string {
	quoted := make([]string, len(names))
	for i, name := range names {
		quoted[i] = strconv.Quote(name)
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}

// AvailableEngineKinds lists the engines that run on this platform.
func AvailableEngineKinds() []EngineKind {
	var kinds []EngineKind
	if compilerSupported() {
		kinds = append(kinds, Compiler)
	}
	kinds = append(kinds, Interpreter)
	if browserSupported() {
		kinds = append(kinds, Browser)
	}
	return kinds
}

// DefaultEngineKind is Compiler where wazero supports it, Interpreter
// elsewhere.
func DefaultEngineKind() EngineKind {
	if compilerSupported() {
		return Compiler
	}
	return Interpreter
}

// Defaults for the zero fields of Config.
const (
	// DefaultMaxMemoryPages caps guest memory at 16 MiB.
	DefaultMaxMemoryPages = 256
	// DefaultTickBudget is Scout's per-transaction tick budget.
	DefaultTickBudget = 10_000_000
	// DefaultMaxReceiptBytes bounds what one transaction can add to its
	// receipt through deposits, logs and debug output: 1 MiB.
	DefaultMaxReceiptBytes = 1 << 20
	// DefaultMaxBufferEntries bounds the entries of a transaction's buffer
	// frames: 65,536 of 64 bytes, 4 MiB of keys and values.
	DefaultMaxBufferEntries = 1 << 16
	// DefaultMaxChildModules bounds the child modules one transaction
	// loads.
	DefaultMaxChildModules = 16
	// DefaultMaxCallDepth bounds the calls between an EE and its child
	// modules under way at once.
	DefaultMaxCallDepth = 64
)

// Config configures an Engine. The zero value uses the defaults.
type Config struct {
	// Engine is Compiler, Interpreter or Browser; empty means
	// DefaultEngineKind().
	Engine EngineKind
	// MaxMemoryPages caps each EE instance's memory, in 64 KiB pages; 0
	// means DefaultMaxMemoryPages; at most 65536. A module whose memory
	// starts above the cap is rejected when it is created; memory.grow past
	// the cap returns -1 to the EE, whatever maximum the module declares.
	MaxMemoryPages uint32
	// TickBudget is how many ticks one transaction may use through
	// eth2_useTicks; 0 means DefaultTickBudget.
	TickBudget uint64
	// MaxReceiptBytes bounds a transaction's deposits, logs and debug
	// lines together, counting each entry's length plus 4; 0 means
	// DefaultMaxReceiptBytes.
	MaxReceiptBytes int
	// MaxBufferEntries bounds how many key-value entries a transaction's
	// buffer frames (eth2_bufferSet, eth2_bufferMerge) hold at once, in all
	// frames together; 0 means DefaultMaxBufferEntries.
	MaxBufferEntries int
	// MaxChildModules bounds how many child modules one transaction loads
	// (eth2_loadModule); 0 means DefaultMaxChildModules. Each is capped at
	// core.MaxWasmCodeSize bytes of code and, like the EE, at MaxMemoryPages
	// of memory.
	MaxChildModules int
	// MaxCallDepth bounds how many calls between the EE and its child
	// modules (eth2_callModule, eth2_call) may be under way at once; 0 means
	// DefaultMaxCallDepth.
	MaxCallDepth int
	// Libraries are wasm modules that EEs may import functions from, under
	// the library's name, as Scout's beacon_state.libraries provide.
	Libraries []Library
}

// Library is a wasm module whose exported functions EEs can import from
// module Name. It imports nothing and gets a fresh instance per transaction.
type Library struct {
	Name string
	Code []byte
}

func (c Config) withDefaults() Config {
	if c.Engine == "" {
		c.Engine = DefaultEngineKind()
	}
	if c.MaxMemoryPages == 0 {
		c.MaxMemoryPages = DefaultMaxMemoryPages
	}
	if c.TickBudget == 0 {
		c.TickBudget = DefaultTickBudget
	}
	if c.MaxReceiptBytes == 0 {
		c.MaxReceiptBytes = DefaultMaxReceiptBytes
	}
	if c.MaxBufferEntries == 0 {
		c.MaxBufferEntries = DefaultMaxBufferEntries
	}
	if c.MaxChildModules == 0 {
		c.MaxChildModules = DefaultMaxChildModules
	}
	if c.MaxCallDepth == 0 {
		c.MaxCallDepth = DefaultMaxCallDepth
	}
	return c
}
