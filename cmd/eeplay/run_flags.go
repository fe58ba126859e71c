package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/wasmhost"
)

// dataFlag is the repeatable -data flag: each use is the data of one more
// transaction, as hex or as @FILE, the raw bytes of a file.
type dataFlag [][]byte

func (f *dataFlag) String() string { return "" }

func (f *dataFlag) Set(s string) error {
	var data []byte
	var err error
	if path, ok := strings.CutPrefix(s, "@"); ok {
		data, err = readFileAtMost(path, core.MaxTransactionDataSize, "MaxTransactionDataSize")
	} else if digits := len(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")); digits > 2*core.MaxTransactionDataSize {
		err = fmt.Errorf("%d hex digits are more than MaxTransactionDataSize (%d bytes)", digits, core.MaxTransactionDataSize)
	} else {
		data, err = core.ParseHex(s)
	}
	if err != nil {
		return err
	}
	*f = append(*f, data)
	return nil
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
