package core

// HostCall is one call of a host function, as a Trace records it.
type HostCall struct {
	// Function is the host function's name under module env, whatever
	// name the module imported it by.
	Function string `json:"function"`
	// Args are the call's arguments, named as docs/host-functions.md
	// names them.
	Args []HostCallArg `json:"args"`
	// Result is the function's i32 result, if it has one and returned.
	Result *uint32 `json:"result,omitempty"`
	// Read are the bytes of the caller's memory the host read, in order.
	Read []MemoryBytes `json:"read,omitempty"`
	// Written are the bytes the host wrote into the caller's memory, in
	// order.
	Written []MemoryBytes `json:"written,omitempty"`
	// Ticks is the transaction's tick count once the call returned.
	Ticks uint64 `json:"ticks"`
	// Error is why the call failed, failing the transaction; the trace
	// ends with it.
	Error string `json:"error,omitempty"`
	// Calls are the host calls made while this one ran: by the child
	// module that eth2_callModule called, or by the EE's export that
	// eth2_call called.
	Calls []HostCall `json:"calls,omitempty"`
}

// HostCallArg is one argument of a host call.
type HostCallArg struct {
	Name string `json:"name"`
	// Value is the argument, an i32 (as unsigned) or, for debug_print64,
	// an i64.
	Value uint64 `json:"value"`
	// Pointer says the argument is an address in the caller's memory,
	// which is best shown in hex.
	Pointer bool `json:"pointer,omitempty"`
}

// MemoryBytes are bytes at an offset of an EE's or a child module's
// memory.
type MemoryBytes struct {
	Offset uint32   `json:"offset"`
	Bytes  HexBytes `json:"bytes"`
}
