package server

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"reflect"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/strictjson"
)

// The wire types of requests, which decode reads. Required fields are
// pointers, so that a missing (or null) field can be told from a zero one;
// every field has a json tag.

type createExecutionEnvironmentRequest struct {
	EE *executionEnvironmentRequest `json:"ee"`
}

type executionEnvironmentRequest struct {
	InitialState *root32   `json:"initial_state"`
	WasmCode     *wasmCode `json:"wasm_code"`
}

type createShardBlockRequest struct {
	ShardIndex *uint64            `json:"shard_index"`
	ShardBlock *shardBlockRequest `json:"shard_block"`
}

type shardBlockRequest struct {
	Transactions *transactions `json:"transactions"`
}

type shardTransactionRequest struct {
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

// The wire types of responses, which encoding/json writes, but for a
// block's, which getShardBlock streams.

type executionEnvironmentResponse struct {
	InitialState root32 `json:"initial_state"`
	WasmCode     []byte `json:"wasm_code"` // base64, as encoding/json writes a []byte
}

type shardStateResponse struct {
	ExecutionEnvironmentStates []root32 `json:"execution_environment_states"`
}

// transactions is a block's transactions, at most MaxTransactionsPerBlock.
type transactions []shardTransactionRequest

func (t *transactions) decodeWire(q *request, d *strictjson.Decoder, path string) error {
	err := d.Array(func(i int) error {
		if i == core.MaxTransactionsPerBlock {
			return overLimit(path, fmt.Sprintf("more than %d transactions exceed MaxTransactionsPerBlock (%d)", core.MaxTransactionsPerBlock, core.MaxTransactionsPerBlock))
		}
		*t = append(*t, shardTransactionRequest{})
		return q.value(d, strictjson.Index(path, i), reflect.ValueOf(&(*t)[i]).Elem())
	})
	if err != nil {
		return wrongType(err, path, transactionsType)
	}
	if *t == nil {
		*t = transactions{}
	}
	return nil
}

// byteArray is transaction data: an array of numbers, as serde writes a
// Rust Vec<u8>, of at most MaxTransactionDataSize bytes.
type byteArray []byte

func (b *byteArray) decodeWire(q *request, d *strictjson.Decoder, path string) error {
	data, err := d.ByteArray(core.MaxTransactionDataSize, q.share.reserve)
	if err == strictjson.ErrTooLong {
		return overLimit(path, fmt.Sprintf("more than %d numbers exceed MaxTransactionDataSize (%d bytes)", core.MaxTransactionDataSize, core.MaxTransactionDataSize))
	}
	if err != nil {
		return wrongType(err, path, byteArrayType)
	}
	*b = data
	return nil
}

// wasmCode is an EE's code: standard base64 with padding of at most
// MaxWasmCodeSize bytes.
type wasmCode []byte

func (c *wasmCode) decodeWire(q *request, d *strictjson.Decoder, path string) error {
	text, err := d.String(maxWasmCodeChars, q.share.reserve)
	if err == strictjson.ErrTooLong {
		return overLimit(path, fmt.Sprintf("more than %d characters of base64 exceed MaxWasmCodeSize (%d bytes)", maxWasmCodeChars, core.MaxWasmCodeSize))
	}
	if err != nil {
		return wrongType(err, path, wasmCodeType)
	}
	if err := q.share.reserve(base64.StdEncoding.DecodedLen(len(text))); err != nil {
		return err
	}
	decoded, err := decodeBase64(text)
	if err != nil {
		return badValue(path, wasmCodeType, err.Error())
	}
	*c = decoded
	return nil
}

// root32 is a core.Root written as a JSON string in standard base64 with
// padding.
type root32 core.Root

// MarshalText encodes r in standard base64.
func (r root32) MarshalText() ([]byte, error) {
	return []byte(base64.StdEncoding.EncodeToString(r[:])), nil
}

// maxRootChars is longer than any base64 of a root, padded or not.
const maxRootChars = 128

func (r *root32) decodeWire(q *request, d *strictjson.Decoder, path string) error {
	text, err := d.String(maxRootChars, nil)
	if err == strictjson.ErrTooLong {
		return badValue(path, root32Type, fmt.Sprintf("a string of more than %d characters", maxRootChars))
	}
	if err != nil {
		return wrongType(err, path, root32Type)
	}
	decoded, err := decodeBase64(text)
	if err != nil {
		return badValue(path, root32Type, err.Error())
	}
	if len(decoded) != len(r) {
		return badValue(path, root32Type, fmt.Sprintf("base64 of %d bytes", len(decoded)))
	}
	copy(r[:], decoded)
	return nil
}

// decodeBase64 decodes standard base64 with padding, as the reference's
// base64 crate does: strictly, with no stray trailing bits and no line
// breaks, which encoding/base64 would skip. Its error says what was got.
func decodeBase64(text []byte) ([]byte, error) {
	if i := bytes.IndexAny(text, "\r\n"); i >= 0 {
		return nil, fmt.Errorf("invalid base64 (%v)", base64.CorruptInputError(i))
	}
	decoded := make([]byte, base64.StdEncoding.DecodedLen(len(text)))
	n, err := base64.StdEncoding.Strict().Decode(decoded, text)
	if err != nil {
		return nil, fmt.Errorf("invalid base64 (%v)", err)
	}
	return decoded[:n], nil
}

var (
	uint64Type       = reflect.TypeFor[uint64]()
	wasmCodeType     = reflect.TypeFor[wasmCode]()
	root32Type       = reflect.TypeFor[root32]()
	byteArrayType    = reflect.TypeFor[byteArray]()
	transactionsType = reflect.TypeFor[transactions]()
)
