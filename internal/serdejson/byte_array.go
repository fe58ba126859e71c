// Package serdejson writes JSON as Rust's serde does where encoding/json
// differs, for the reference simulation's HTTP API (packages server and
// client).
package serdejson

import (
	"io"
	"strconv"
)

// ByteArray returns b as serde writes a Vec<u8>: a JSON array of numbers
// (encoding/json would write a base64 string). nil is [].
func ByteArray(b []byte) []byte {
	out := make([]byte, 0, 2+4*len(b))
	out = append(out, '[')
	out = appendNumbers(out, b, true)
	return append(out, ']')
}

// chunk is how many bytes WriteByteArray formats at a time.
const chunk = 4096

// WriteByteArray writes b to w as ByteArray returns it, holding a few
// kilobytes of the output at a time rather than all of it: a block's data
// can be 256 MiB, written as 1 GiB of numbers.
func WriteByteArray(w io.Writer, b []byte) error {
	out := make([]byte, 0, 1+4*chunk)
	out = append(out, '[')
	for start := 0; start < len(b); start += chunk {
		out = appendNumbers(out, b[start:min(start+chunk, len(b))], start == 0)
		if _, err := w.Write(out); err != nil {
			return err
		}
		out = out[:0]
	}
	_, err := w.Write(append(out, ']'))
	return err
}

// appendNumbers appends b's bytes as numbers separated by commas, with a
// comma first unless first.
func appendNumbers(out, b []byte, first bool) []byte {
	for i, v := range b {
		if i > 0 || !first {
			out = append(out, ',')
		}
		out = strconv.AppendUint(out, uint64(v), 10)
	}
	return out
}
