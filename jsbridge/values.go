//go:build js && wasm

package jsbridge

import (
	"syscall/js"

	"github.com/eeplay/eeplay/core"
)

// The makers below turn core values into what js.ValueOf accepts: the
// API's field names, roots as hex strings, bytes as Uint8Array.

func uint8Array(b []byte) js.Value {
	array := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(array, b)
	return array
}

func byteStrings[B ~[]byte](list []B) []any {
	out := make([]any, len(list))
	for i, b := range list {
		out[i] = uint8Array(b)
	}
	return out
}

func roots(list []core.Root) []any {
	out := make([]any, len(list))
	for i, r := range list {
		out[i] = r.String()
	}
	return out
}

func stringValues(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

func transactionValues(txs []*core.ShardTransaction) []any {
	out := make([]any, len(txs))
	for i, tx := range txs {
		out[i] = map[string]any{"eeIndex": tx.EEIndex, "data": uint8Array(tx.Data)}
	}
	return out
}

func receiptValue(r core.Receipt) map[string]any {
	return map[string]any{
		"preState":  r.PreState.String(),
		"postState": r.PostState.String(),
		"ticks":     r.Ticks,
		"deposits":  byteStrings(r.Deposits),
		"logs":      byteStrings(r.Logs),
		"debug":     stringValues(r.Debug),
		"modules":   childModuleValues(r.Modules),
	}
}

// childModuleValues gives each child module as {slot, size, sha256,
// calls, callbacks}; an empty list when there are none, as the other
// lists of a receipt are.
func childModuleValues(modules []core.ChildModule) []any {
	out := make([]any, len(modules))
	for i, m := range modules {
		out[i] = map[string]any{
			"slot":      m.Slot,
			"size":      m.Size,
			"sha256":    m.SHA256.String(),
			"calls":     m.Calls,
			"callbacks": m.Callbacks,
		}
	}
	return out
}
