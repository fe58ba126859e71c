// Package serdejson writes JSON as Rust's serde does where encoding/json
// differs, for the reference simulation's HTTP API (packages server and
// client).
package serdejson

import "strconv"

// ByteArray returns b as serde writes a Vec<u8>: a JSON array of numbers
// (encoding/json would write a base64 string). nil is [].
func ByteArray(b []byte) []byte {
	out := make([]byte, 0, 2+4*len(b))
	out = append(out, '[')
	for i, v := range b {
		if i > 0 {
			out = append(out, ',')
		}
		out = strconv.AppendUint(out, uint64(v), 10)
	}
	return append(out, ']')
}
