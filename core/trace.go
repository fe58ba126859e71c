package core

// The bounds of a Trace: past either, recording stops and Trace.Cut says
// so, while the transaction runs on. A token transaction of a few hundred
// transfers makes tens of thousands of host calls.
const (
	// MaxTraceCalls bounds the host calls a trace records, nested ones
	// included.
	MaxTraceCalls = 100_000
	// MaxTraceBytes bounds the bytes a trace records as moved between the
	// EE and the host, read and written together.
	MaxTraceBytes = 16 << 20
)

// Trace is what one transaction did through the host functions, call by
// call, in order.
type Trace struct {
	// Calls are the host calls the EE made; each holds those made while it
	// ran (by a child module the EE called, say).
	Calls []HostCall `json:"calls"`
	// Cut says why the trace stops before the transaction's end, when it
	// does: it reached MaxTraceCalls or MaxTraceBytes.
	Cut string `json:"cut,omitempty"`
}
