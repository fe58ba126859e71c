//go:build js && wasm

package jsbridge

import (
	"fmt"
	"strings"
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

// bytesParam reads a Uint8Array or a 0x-prefixed hex string.
func bytesParam(obj js.Value, name string) ([]byte, error) {
	v := obj.Get(name)
	switch {
	case v.InstanceOf(js.Global().Get("Uint8Array")):
		b := make([]byte, v.Length())
		js.CopyBytesToGo(b, v)
		return b, nil
	case v.Type() == js.TypeString && (strings.HasPrefix(v.String(), "0x") || strings.HasPrefix(v.String(), "0X")):
		b, err := core.ParseHex(v.String())
		if err != nil {
			return nil, badParameter("%s: %w", name, err)
		}
		return b, nil
	}
	return nil, badParameter("%s: want a Uint8Array or a 0x-prefixed hex string, got %s", name, describe(v))
}

// rootParam reads 32 bytes as bytesParam does; absent means the zero root.
func rootParam(obj js.Value, name string) (core.Root, error) {
	var root core.Root
	if obj.Get(name).IsUndefined() {
		return root, nil
	}
	b, err := bytesParam(obj, name)
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

// transactionsParam reads an array of {eeIndex, data}.
func transactionsParam(obj js.Value, name string) ([]core.ShardTransaction, error) {
	var txs []core.ShardTransaction
	err := arrayParam(obj, name, func(element js.Value, name string) error {
		if element.Type() != js.TypeObject {
			return badParameter("%s: want {eeIndex, data}, got %s", name, describe(element))
		}
		eeIndex, err := indexParam(element, "eeIndex")
		if err != nil {
			return fmt.Errorf("%s.%w", name, err)
		}
		data, err := bytesParam(element, "data")
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
		s := v.String()
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
