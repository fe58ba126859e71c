package server

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/serdejson"
)

// The wire types. Required fields are pointers, so that a missing (or null)
// field can be told from a zero one.

type createExecutionEnvironmentRequest struct {
	EE *executionEnvironmentRequest `json:"ee"`
}

type executionEnvironmentRequest struct {
	InitialState *root32      `json:"initial_state"`
	WasmCode     *base64Bytes `json:"wasm_code"`
}

type createShardBlockRequest struct {
	ShardIndex *uint64            `json:"shard_index"`
	ShardBlock *shardBlockRequest `json:"shard_block"`
}

type shardBlockRequest struct {
	Transactions *[]shardTransactionWire `json:"transactions"`
}

// shardTransactionWire is a transaction in a request (both fields required)
// and in a response (both always set).
type shardTransactionWire struct {
	Data    *byteArray `json:"data"`
	EEIndex *uint64    `json:"ee_index"`
}

type getExecutionEnvironmentRequest struct {
	EEIndex *uint64 `json:"ee_index"`
}

type getExecutionEnvironmentStateRequest struct {
	EEIndex    *uint64 `json:"ee_index"`
	ShardIndex *uint64 `json:"shard_index"`
}

type getShardBlockRequest struct {
	ShardIndex     *uint64 `json:"shard_index"`
	ShardSlotIndex *uint64 `json:"shard_slot_index"`
}

type getShardStateRequest struct {
	ShardIndex *uint64 `json:"shard_index"`
}

type executionEnvironmentResponse struct {
	InitialState root32      `json:"initial_state"`
	WasmCode     base64Bytes `json:"wasm_code"`
}

type shardBlockResponse struct {
	Transactions []shardTransactionWire `json:"transactions"`
}

type shardStateResponse struct {
	ExecutionEnvironmentStates []root32 `json:"execution_environment_states"`
}

type errorResponse struct {
	Error string `json:"error"`
}

// base64Bytes is a byte string written as a JSON string in standard base64
// with padding. Encoding/json writes a []byte that way already; decoding is
// stricter than its default: only a string, and no stray trailing bits.
type base64Bytes []byte

// UnmarshalJSON decodes a base64 JSON string.
func (b *base64Bytes) UnmarshalJSON(data []byte) error {
	decoded, err := decodeBase64(data, base64BytesType)
	if err != nil {
		return err
	}
	*b = decoded
	return nil
}

// root32 is a core.Root written as a JSON string in standard base64 with
// padding.
type root32 core.Root

// MarshalText encodes r in standard base64.
func (r root32) MarshalText() ([]byte, error) {
	return []byte(base64.StdEncoding.EncodeToString(r[:])), nil
}

// UnmarshalJSON decodes a base64 JSON string of exactly 32 bytes.
func (r *root32) UnmarshalJSON(data []byte) error {
	decoded, err := decodeBase64(data, root32Type)
	if err != nil {
		return err
	}
	if len(decoded) != len(r) {
		return &json.UnmarshalTypeError{Value: fmt.Sprintf("base64 of %d bytes", len(decoded)), Type: root32Type}
	}
	copy(r[:], decoded)
	return nil
}

// decodeBase64 decodes the JSON string data, reporting a failure as an
// *json.UnmarshalTypeError for t, to which the decoder adds the field.
func decodeBase64(data []byte, t reflect.Type) ([]byte, error) {
	if len(data) == 0 || data[0] != '"' {
		return nil, &json.UnmarshalTypeError{Value: jsonKind(data), Type: t}
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, err
	}
	decoded, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil {
		return nil, &json.UnmarshalTypeError{Value: fmt.Sprintf("invalid base64 (%v)", err), Type: t}
	}
	return decoded, nil
}

// byteArray is a byte string written as a JSON array of numbers, as serde
// writes a Rust Vec<u8>.
type byteArray []byte

// MarshalJSON writes b as an array of numbers; nil as [].
func (b byteArray) MarshalJSON() ([]byte, error) {
	return serdejson.ByteArray(b), nil
}

// UnmarshalJSON reads an array of integers from 0 to 255. The decoder has
// checked that data is one valid JSON value.
func (b *byteArray) UnmarshalJSON(data []byte) error {
	if len(data) == 0 || data[0] != '[' {
		return &json.UnmarshalTypeError{Value: jsonKind(data), Type: byteArrayType}
	}
	out := make([]byte, 0, len(data)/2)
	i := skipSpace(data, 1)
	if data[i] != ']' {
		for {
			start := i
			if c := data[i]; c != '-' && (c < '0' || c > '9') {
				return &json.UnmarshalTypeError{Value: fmt.Sprintf("%s at index %d", jsonKind(data[i:]), len(out)), Type: byteArrayType}
			}
			for i < len(data) && isNumberByte(data[i]) {
				i++
			}
			token := data[start:i]
			v, err := strconv.ParseUint(string(token), 10, 8)
			if err != nil {
				return &json.UnmarshalTypeError{Value: fmt.Sprintf("number %s at index %d", abbreviate(token), len(out)), Type: byteArrayType}
			}
			out = append(out, byte(v))
			i = skipSpace(data, i)
			if data[i] == ']' {
				break
			}
			i = skipSpace(data, i+1) // past the comma
		}
	}
	*b = out
	return nil
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

func isNumberByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

// jsonKind names the kind of the JSON value that data starts with, for an
// error message: "string", "number 1.5", ...
func jsonKind(data []byte) string {
	if len(data) == 0 {
		return "nothing"
	}
	switch data[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	end := 0
	for end < len(data) && isNumberByte(data[end]) {
		end++
	}
	return "number " + abbreviate(data[:end])
}

// abbreviate shortens a token for an error message.
func abbreviate(token []byte) string {
	const max = 30
	if len(token) <= max {
		return string(token)
	}
	return string(token[:max]) + "..."
}

var (
	uint64Type      = reflect.TypeFor[uint64]()
	base64BytesType = reflect.TypeFor[base64Bytes]()
	root32Type      = reflect.TypeFor[root32]()
	byteArrayType   = reflect.TypeFor[byteArray]()
)

// want says what a field of type t must hold.
func want(t reflect.Type) string {
	switch t {
	case uint64Type:
		return "a non-negative integer"
	case base64BytesType:
		return "a base64 string (standard alphabet, with padding)"
	case root32Type:
		return "a base64 string of 32 bytes (standard alphabet, with padding)"
	case byteArrayType:
		return "an array of integers from 0 to 255"
	}
	switch t.Kind() {
	case reflect.Struct:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return t.String()
}
