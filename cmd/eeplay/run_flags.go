package main

import (
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/wasmhost"
)

// dataFlag is the repeatable -data flag: each use is the data of one more
// transaction, as hex, as text:TEXT (the text's UTF-8 bytes) or as @FILE
// (the raw bytes of a file).
type dataFlag [][]byte

// dataForms names the forms -data takes, for its errors.
const dataForms = "hex (0x optional), text:TEXT for text, or @FILE for a file's bytes"

func (f *dataFlag) String() string { return "" }

func (f *dataFlag) Set(s string) error {
	data, err := parseData(s)
	if err != nil {
		return err
	}
	*f = append(*f, data)
	return nil
}

// parseData returns the transaction data s stands for in one of the
// forms of dataForms.
func parseData(s string) ([]byte, error) {
	if path, ok := strings.CutPrefix(s, "@"); ok {
		return readFileAtMost(path, core.MaxTransactionDataSize, "MaxTransactionDataSize")
	}
	if text, ok := strings.CutPrefix(s, "text:"); ok {
		if len(text) > core.MaxTransactionDataSize {
			return nil, fmt.Errorf("text of %d bytes is more than MaxTransactionDataSize (%d bytes)", len(text), core.MaxTransactionDataSize)
		}
		return []byte(text), nil
	}
	digits := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if len(digits) > 2*core.MaxTransactionDataSize {
		return nil, fmt.Errorf("%d hex digits are more than MaxTransactionDataSize (%d bytes)", len(digits), core.MaxTransactionDataSize)
	}
	data, err := hex.DecodeString(digits)
	if err != nil {
		return nil, fmt.Errorf("not hex (%w): want %s", err, dataForms)
	}
	return data, nil
}

// rootFlag is a flag holding a state root.
type rootFlag core.Root

func (f *rootFlag) String() string { return "" }

func (f *rootFlag) Set(s string) error {
	root, err := core.ParseRoot(s)
	if err != nil {
		return err
	}
	*f = rootFlag(root)
	return nil
}

// libraryFlag is the repeatable -library flag: NAME=FILE.wasm.
type libraryFlag []wasmhost.Library

func (f *libraryFlag) String() string { return "" }

func (f *libraryFlag) Set(s string) error {
	name, path, ok := strings.Cut(s, "=")
	if !ok || name == "" || path == "" {
		return fmt.Errorf("want NAME=FILE.wasm")
	}
	code, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	*f = append(*f, wasmhost.Library{Name: name, Code: code})
	return nil
}
