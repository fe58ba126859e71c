// Package tracetext writes a transaction's trace (core.Trace) as lines of
// text, for the command line and for the traces of the examples that tests
// compare: one line per host call, indented under the call it was made
// during, with the bytes it moved below it.
package tracetext

import (
	"fmt"
	"strings"

	"github.com/eeplay/eeplay/core"
)

// bytesPerLine is how many bytes a line of hex holds: a 32-byte root is
// one line.
const bytesPerLine = 32

// Lines writes trace as lines, without line ends:
//
//	eth2_blockDataCopy(ptr=0x8000, offset=0, length=5)  ticks 0
//	  wrote 5 bytes at 0x8000: 0x68656c6c6f "hello"
//	eth2_savePostStateRoot(ptr=0x40)  ticks 0
//	  read 32 bytes at 0x40: 0x…
//
// A call with a result shows it after "->"; a failed call, the error after
// "failed:". A cut trace ends with a line saying so.
func Lines(trace core.Trace) []string {
	var lines []string
	var write func(calls []core.HostCall, indent string)
	write = func(calls []core.HostCall, indent string) {
		for _, c := range calls {
			lines = append(lines, indent+callLine(c))
			for _, m := range c.Read {
				lines = append(lines, memoryLines(indent+"  ", "read", m)...)
			}
			for _, m := range c.Written {
				lines = append(lines, memoryLines(indent+"  ", "wrote", m)...)
			}
			write(c.Calls, indent+"  ")
		}
	}
	write(trace.Calls, "")
	if trace.Cut != "" {
		lines = append(lines, "("+trace.Cut+")")
	}
	return lines
}

// callLine is a call, its result or error, and the tick count after it.
func callLine(c core.HostCall) string {
	args := make([]string, len(c.Args))
	for i, a := range c.Args {
		if a.Pointer {
			args[i] = fmt.Sprintf("%s=%#x", a.Name, a.Value)
		} else {
			args[i] = fmt.Sprintf("%s=%d", a.Name, a.Value)
		}
	}
	line := c.Function + "(" + strings.Join(args, ", ") + ")"
	switch {
	case c.Error != "":
		line += " failed: " + c.Error
	case c.Result != nil:
		line += fmt.Sprintf(" -> %d", *c.Result)
	}
	return fmt.Sprintf("%s  ticks %d", line, c.Ticks)
}

// memoryLines are bytes a call moved: on one line if they fit, with their
// text if it is all printable ASCII, else the count and then the hex,
// bytesPerLine to a line.
func memoryLines(indent, verb string, m core.MemoryBytes) []string {
	unit := "bytes"
	if len(m.Bytes) == 1 {
		unit = "byte"
	}
	head := fmt.Sprintf("%s%s %d %s at %#x:", indent, verb, len(m.Bytes), unit, m.Offset)
	if len(m.Bytes) <= bytesPerLine {
		line := head + " " + m.Bytes.String()
		if text, ok := printable(m.Bytes); ok {
			line += fmt.Sprintf(" %q", text)
		}
		return []string{line}
	}
	lines := []string{head}
	for b := m.Bytes; len(b) > 0; b = b[min(len(b), bytesPerLine):] {
		lines = append(lines, indent+"  "+core.HexBytes(b[:min(len(b), bytesPerLine)]).String()[2:])
	}
	return lines
}

// printable returns b as text if it is non-empty printable ASCII.
func printable(b []byte) (string, bool) {
	if len(b) == 0 {
		return "", false
	}
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return "", false
		}
	}
	return string(b), true
}
