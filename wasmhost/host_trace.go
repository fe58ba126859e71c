package wasmhost

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/eeplay/eeplay/core"
)

// hostTrace records a transaction's host calls as a core.Trace, within
// core.MaxTraceCalls and core.MaxTraceBytes. invoke feeds it, so every
// engine records the same trace.
type hostTrace struct {
	trace core.Trace
	// open are the lists the calls under way record their nested calls in,
	// innermost last; the first is trace.Calls. A call's entry stays put
	// while it is open, since its list grows only once it has ended.
	open         []*[]core.HostCall
	calls, bytes int
}

func newHostTrace() *hostTrace {
	t := &hostTrace{trace: core.Trace{Calls: []core.HostCall{}}}
	t.open = []*[]core.HostCall{&t.trace.Calls}
	return t
}

// begin records the start of a call of f, whose params stack holds, and
// returns its entry and mem, wrapped to record what the call moves; or nil
// and mem as it is, once the trace is cut.
func (t *hostTrace) begin(f *hostFunction, mem guestMemory, stack []uint64) (*core.HostCall, guestMemory) {
	if t.trace.Cut != "" {
		return nil, mem
	}
	if t.calls == core.MaxTraceCalls {
		t.trace.Cut = fmt.Sprintf("the trace stops after %d host calls (MaxTraceCalls); the transaction ran on", core.MaxTraceCalls)
		return nil, mem
	}
	t.calls++
	args := make([]core.HostCallArg, len(f.params))
	for i, typ := range f.params {
		value := stack[i]
		if typ == i32 {
			value = uint64(uint32(value))
		}
		args[i] = core.HostCallArg{Name: f.paramNames[i], Value: value, Pointer: f.isPointer(i)}
	}
	list := t.open[len(t.open)-1]
	*list = append(*list, core.HostCall{Function: f.name, Args: args})
	call := &(*list)[len(*list)-1]
	t.open = append(t.open, &call.Calls)
	return call, &recordingMemory{guestMemory: mem, trace: t, call: call}
}

// end records how call, begun by begin, ended: with err, or with f's result
// in stack; ticks is the transaction's count.
func (t *hostTrace) end(call *core.HostCall, f *hostFunction, stack []uint64, ticks uint64, err error) {
	if call == nil {
		return
	}
	t.open = t.open[:len(t.open)-1]
	call.Ticks = ticks
	var hostErr *hostError
	switch {
	case errors.As(err, &hostErr):
		call.Error = hostErr.err.Error() // Function names the function
	case err != nil:
		call.Error = err.Error()
	case len(f.results) == 1:
		result := uint32(stack[0])
		call.Result = &result
	}
}

// record adds b, at offset, to list, unless that would pass
// core.MaxTraceBytes, which cuts the trace.
func (t *hostTrace) record(list *[]core.MemoryBytes, offset uint32, b []byte) {
	if t.trace.Cut != "" {
		return
	}
	if len(b) > core.MaxTraceBytes-t.bytes {
		t.trace.Cut = fmt.Sprintf("the trace stops where the bytes moved between the EE and the host would pass %d (MaxTraceBytes); the transaction ran on", core.MaxTraceBytes)
		return
	}
	t.bytes += len(b)
	*list = append(*list, core.MemoryBytes{Offset: offset, Bytes: bytes.Clone(b)})
}

// recordingMemory is guest memory that records in a trace what a host call
// reads and writes.
type recordingMemory struct {
	guestMemory
	trace *hostTrace
	call  *core.HostCall
}

func (m *recordingMemory) Read(offset, byteCount uint32) ([]byte, bool) {
	b, ok := m.guestMemory.Read(offset, byteCount)
	if ok {
		m.trace.record(&m.call.Read, offset, b)
	}
	return b, ok
}

func (m *recordingMemory) Write(offset uint32, v []byte) bool {
	ok := m.guestMemory.Write(offset, v)
	if ok {
		m.trace.record(&m.call.Written, offset, v)
	}
	return ok
}

// isPointer says param i of f is an address in the caller's memory: a
// name the declarations give pointers (ptr, keyPtr, …), bignum's operands,
// or abort's two strings.
func (f *hostFunction) isPointer(i int) bool {
	name := f.paramNames[i]
	return name == "ptr" || strings.HasSuffix(name, "Ptr") ||
		strings.HasPrefix(f.name, "bignum_") || (f.name == "abort" && i < 2)
}
