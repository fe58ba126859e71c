package tracetext

import (
	"bytes"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
)

func TestLines(t *testing.T) {
	result := uint32(7)
	trace := core.Trace{
		Calls: []core.HostCall{
			{Function: "eth2_callModule", Args: []core.HostCallArg{{Name: "slot", Value: 2}, {Name: "namePtr", Value: 0x100, Pointer: true}},
				Result: &result, Ticks: 3,
				Read: []core.MemoryBytes{{Offset: 0x100, Bytes: []byte("run")}},
				Calls: []core.HostCall{
					{Function: "eth2_argument", Args: []core.HostCallArg{{Name: "destPtr", Pointer: true}, {Name: "destLength", Value: 40}},
						Written: []core.MemoryBytes{{Offset: 0, Bytes: bytes.Repeat([]byte{0xab}, 40)}}},
				}},
			{Function: "eth2_useTicks", Args: []core.HostCallArg{{Name: "ticks", Value: 9}}, Ticks: 3, Error: "tick budget exhausted"},
		},
		Cut: "the trace stops after 100000 host calls (MaxTraceCalls); the transaction ran on",
	}
	want := strings.Join([]string{
		`eth2_callModule(slot=2, namePtr=0x100) -> 7  ticks 3`,
		`  read 3 bytes at 0x100: 0x72756e "run"`,
		`  eth2_argument(destPtr=0x0, destLength=40)  ticks 0`,
		`    wrote 40 bytes at 0x0:`,
		`      ` + strings.Repeat("ab", 32),
		`      ` + strings.Repeat("ab", 8),
		`eth2_useTicks(ticks=9) failed: tick budget exhausted  ticks 3`,
		`(the trace stops after 100000 host calls (MaxTraceCalls); the transaction ran on)`,
	}, "\n")
	if got := strings.Join(Lines(trace), "\n"); got != want {
		t.Errorf("Lines =\n%s\nwant\n%s", got, want)
	}
}
