//go:build js && wasm

package jsbridge

import (
	"fmt"
	"syscall/js"

	"github.com/eeplay/eeplay/core"
)

// The readers below take one named parameter from a JavaScript object and
// say which one is wrong, and how, when it is, as a *parameterError.

// parameterError is a parameter that is missing or of the wrong kind.
// Call prefixes it with the method's name; the core's own errors already
// say what failed.
type parameterError struct{ err error }

func (e *parameterError) Error() string { return e.err.Error() }
func (e *parameterError) Unwrap() error { return e.err }

func badParameter(format string, args ...any) error {
	return &parameterError{fmt.Errorf(format, args...)}
}

// indexParam reads a whole number from 0 to 2^53-1; ranges are the core's
// to check, with its messages.
func indexParam(obj js.Value, name string) (uint64, error) {
	v := obj.Get(name)
	if v.Type() != js.TypeNumber || !js.Global().Get("Number").Call("isSafeInteger", v).Bool() || v.Float() < 0 {
		return 0, badParameter("%s: want a non-negative integer, got %s", name, describe(v))
	}
	return uint64(v.Float()), nil
}

// sizeLimit bounds a bytes parameter: at most max bytes, a limit the
// message names; the zero sizeLimit bounds nothing.
type sizeLimit struct {
	max  int
	name string
}

var (
	wasmCodeLimit = sizeLimit{core.MaxWasmCodeSize, "MaxWasmCodeSize"}
	dataLimit     = sizeLimit{core.MaxTransactionDataSize, "MaxTransactionDataSize"}
	noLimit       = sizeLimit{}
)

// check fails when n bytes exceed the limit.
func (l sizeLimit) check(name string, n int) error {
	if l.max > 0 && n > l.max {
		return badParameter("%s: %d bytes exceed %s (%d bytes)", name, n, l.name, l.max)
	}
	return nil
}

// bytesParam reads a Uint8Array or a 0x-prefixed hex string of at most
// limit bytes, checked before anything is copied out of JavaScript.
func bytesParam(obj js.Value, name string, limit sizeLimit) ([]byte, error) {
	v := obj.Get(name)
	switch {
	case v.InstanceOf(js.Global().Get("Uint8Array")):
		if err := limit.check(name, v.Length()); err != nil {
			return nil, err
		}
		b := make([]byte, v.Length())
		js.CopyBytesToGo(b, v)
		return b, nil
	case v.Type() == js.TypeString && isHexPrefixed(v):
		// Two digits a byte, after the 0x; an odd count fails to parse.
		if err := limit.check(name, (stringLength(v)-1)/2); err != nil {
			return nil, err
		}
		b, err := core.ParseHex(v.String())
		if err != nil {
			return nil, badParameter("%s: %w", name, err)
		}
		return b, nil
	}
	return nil, badParameter("%s: want a Uint8Array or a 0x-prefixed hex string, got %s", name, describe(v))
}

// isHexPrefixed says whether the string v starts with 0x or 0X, without
// copying all of v out of JavaScript.
func isHexPrefixed(v js.Value) bool {
	prefix := stringStart(v, 2)
	return prefix == "0x" || prefix == "0X"
}

// stringStart returns the first n UTF-16 units of the string v, copying
// no more of it out of JavaScript.
func stringStart(v js.Value, n int) string {
	return js.Global().Get("String").Get("prototype").Get("slice").Call("call", v, 0, n).String()
}

// stringLength returns the length of the string v in UTF-16 units (a
// hex digit is one), without copying it out of JavaScript.
func stringLength(v js.Value) int {
	return js.Global().Get("Object").Invoke(v).Get("length").Int()
}

// rootParam reads 32 bytes as bytesParam does; absent means the zero root.
func rootParam(obj js.Value, name string) (core.Root, error) {
	var root core.Root
	v := obj.Get(name)
	if v.IsUndefined() {
		return root, nil
	}
	// Longer is refused before it is copied, with the same message.
	if v.InstanceOf(js.Global().Get("Uint8Array")) && v.Length() > len(root) {
		return root, badParameter("%s: want 32 bytes, got %d", name, v.Length())
	}
	if v.Type() == js.TypeString && isHexPrefixed(v) && stringLength(v) > 2+2*len(root)+1 {
		return root, badParameter("%s: want 32 bytes, got %d", name, (stringLength(v)-1)/2)
	}
	b, err := bytesParam(obj, name, noLimit)
	if err != nil {
		return root, err
	}
	if len(b) != len(root) {
		return root, badParameter("%s: want 32 bytes, got %d", name, len(b))
	}
	copy(root[:], b)
	return root, nil
}

// stringParam reads a string.
func stringParam(obj js.Value, name string) (string, error) {
	v := obj.Get(name)
	if v.Type() != js.TypeString {
		return "", badParameter("%s: want a string, got %s", name, describe(v))
	}
	return v.String(), nil
}

// arrayParam reads an array and calls each for its elements, which it
// names name[i].
func arrayParam(obj js.Value, name string, each func(element js.Value, name string) error) error {
	v := obj.Get(name)
	if !js.Global().Get("Array").Call("isArray", v).Bool() {
		return badParameter("%s: want an array, got %s", name, describe(v))
	}
	for i := range v.Length() {
		if err := each(v.Index(i), fmt.Sprintf("%s[%d]", name, i)); err != nil {
			return err
		}
	}
	return nil
}

// byteStringsParam reads an array of Uint8Array.
func byteStringsParam(obj js.Value, name string) ([][]byte, error) {
	var list [][]byte
	err := arrayParam(obj, name, func(element js.Value, name string) error {
		if !element.InstanceOf(js.Global().Get("Uint8Array")) {
			return badParameter("%s: want a Uint8Array, got %s", name, describe(element))
		}
		b := make([]byte, element.Length())
		js.CopyBytesToGo(b, element)
		list = append(list, b)
		return nil
	})
	return list, err
}

// transactionsParam reads an array of {eeIndex, data}: at most
// MaxTransactionsPerBlock, each data at most MaxTransactionDataSize bytes,
// checked before the array or the data is copied.
func transactionsParam(obj js.Value, name string) ([]core.ShardTransaction, error) {
	if v := obj.Get(name); js.Global().Get("Array").Call("isArray", v).Bool() && v.Length() > core.MaxTransactionsPerBlock {
		return nil, badParameter("%s: %d transactions exceed MaxTransactionsPerBlock (%d)", name, v.Length(), core.MaxTransactionsPerBlock)
	}
	var txs []core.ShardTransaction
	err := arrayParam(obj, name, func(element js.Value, name string) error {
		if element.Type() != js.TypeObject {
			return badParameter("%s: want {eeIndex, data}, got %s", name, describe(element))
		}
		eeIndex, err := indexParam(element, "eeIndex")
		if err != nil {
			return fmt.Errorf("%s.%w", name, err)
		}
		data, err := bytesParam(element, "data", dataLimit)
		if err != nil {
			return fmt.Errorf("%s.%w", name, err)
		}
		txs = append(txs, core.ShardTransaction{EEIndex: eeIndex, Data: data})
		return nil
	})
	return txs, err
}

// describe says what v is, briefly, for an error message.
func describe(v js.Value) string {
	switch v.Type() {
	case js.TypeUndefined:
		return "nothing"
	case js.TypeString:
		s := stringStart(v, 80) // not all of a long string
		if len(s) > 40 {
			s = s[:37] + "..."
		}
		return fmt.Sprintf("%q", s)
	case js.TypeObject:
		if js.Global().Get("Array").Call("isArray", v).Bool() {
			return "an array"
		}
		// "[object Uint16Array]" and the like: safe on any object.
		return js.Global().Get("Object").Get("prototype").Get("toString").Call("call", v).String()
	}
	return js.Global().Call("String", v).String()
}
