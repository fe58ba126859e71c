//go:build js && wasm

package jsbridge

import (
	"strings"
	"syscall/js"
	"testing"

	"github.com/eeplay/eeplay/core"
)

func TestReceiptValueChildModules(t *testing.T) {
	r := core.Receipt{Modules: []core.ChildModule{
		{Slot: 0, Size: 1234, SHA256: core.Root{0xab, 0xcd}, Calls: 3, Callbacks: 1},
		{Slot: 7, Size: 8, SHA256: core.Root{}, Calls: 0, Callbacks: 0},
	}}
	modules := js.ValueOf(receiptValue(r)).Get("modules")
	keys := js.ValueOf([]any{"slot", "size", "sha256", "calls", "callbacks"})
	got := js.Global().Get("JSON").Call("stringify", modules, keys).String()
	want := `[{"slot":0,"size":1234,"sha256":"0xabcd` + strings.Repeat("0", 60) + `","calls":3,"callbacks":1},` +
		`{"slot":7,"size":8,"sha256":"0x` + strings.Repeat("0", 64) + `","calls":0,"callbacks":0}]`
	if got != want {
		t.Errorf("modules = %s\nwant      %s", got, want)
	}
	if n := js.ValueOf(receiptValue(core.Receipt{})).Get("modules").Length(); n != 0 {
		t.Errorf("a receipt without modules gives %d, want an empty list", n)
	}
}
