// Package client calls an eeplay server (package server), or the original
// Rust simulation's server (quilt/simulation), over HTTP. Its methods
// mirror core.Simulation's. Byte strings travel as standard base64 with
// padding (encoding/json's []byte), transaction data as arrays of numbers.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/serdejson"
)

// Client calls the server at one base URL. It is safe for concurrent use.
type Client struct {
	baseURL    string
	httpClient *http.Client
}

// DefaultTimeout is how long a request may take, answer included, when New
// is given no http.Client: long enough for the largest block at eeplay
// serve's defaults (30 s to send it, 10 s to run it), short enough that a
// server that never answers does not hang the caller.
const DefaultTimeout = 60 * time.Second

// New returns a client of the server at baseURL, such as
// "http://127.0.0.1:8999", that sends its requests with httpClient, or,
// when httpClient is nil, with an http.Client whose Timeout is
// DefaultTimeout.
func New(baseURL string, httpClient *http.Client) *Client {
	if httpClient == nil {
		httpClient = &http.Client{Timeout: DefaultTimeout}
	}
	return &Client{baseURL: strings.TrimSuffix(baseURL, "/"), httpClient: httpClient}
}

// Error is a failure the server reported: an HTTP status of 400 or more,
// with the message of its {"error": ...} body.
type Error struct {
	// StatusCode is the HTTP status, such as 422.
	StatusCode int
	// Message is the server's message, or the body (or status text) when
	// the body is not {"error": ...}.
	Message string
}

// Error returns "server: <status code> <status text>: <message>".
func (e *Error) Error() string {
	return fmt.Sprintf("server: %d %s: %s", e.StatusCode, http.StatusText(e.StatusCode), e.Message)
}

// CreateExecutionEnvironment creates an EE that runs wasmCode, starting in
// initialState on every shard, and returns its index.
func (c *Client) CreateExecutionEnvironment(ctx context.Context, initialState core.Root, wasmCode []byte) (uint64, error) {
	request := map[string]any{"ee": map[string]any{
		"initial_state": initialState[:],
		"wasm_code":     wasmCode,
	}}
	var index uint64
	if err := c.call(ctx, "/create-execution-environment", request, &index); err != nil {
		return 0, err
	}
	return index, nil
}

// CreateShardBlock runs transactions as the next block of shard shardIndex
// and returns the block's index on that shard.
func (c *Client) CreateShardBlock(ctx context.Context, shardIndex uint64, transactions []core.ShardTransaction) (uint64, error) {
	wire := make([]transaction, len(transactions))
	for i, tx := range transactions {
		wire[i] = transaction{Data: tx.Data, EEIndex: tx.EEIndex}
	}
	request := map[string]any{
		"shard_index": shardIndex,
		"shard_block": map[string]any{"transactions": wire},
	}
	var index uint64
	if err := c.call(ctx, "/create-shard-block", request, &index); err != nil {
		return 0, err
	}
	return index, nil
}

// GetExecutionEnvironment returns EE eeIndex.
func (c *Client) GetExecutionEnvironment(ctx context.Context, eeIndex uint64) (core.ExecutionEnvironment, error) {
	var response struct {
		InitialState []byte `json:"initial_state"`
		WasmCode     []byte `json:"wasm_code"`
	}
	if err := c.call(ctx, "/get-execution-environment", map[string]any{"ee_index": eeIndex}, &response); err != nil {
		return core.ExecutionEnvironment{}, err
	}
	initialState, err := toRoot(response.InitialState)
	if err != nil {
		return core.ExecutionEnvironment{}, fmt.Errorf("get execution environment: initial_state: %w", err)
	}
	return core.ExecutionEnvironment{InitialState: initialState, WasmCode: response.WasmCode}, nil
}

// GetExecutionEnvironmentState returns the state of EE eeIndex on shard
// shardIndex.
func (c *Client) GetExecutionEnvironmentState(ctx context.Context, eeIndex, shardIndex uint64) (core.Root, error) {
	var state []byte
	if err := c.call(ctx, "/get-execution-environment-state", map[string]any{"ee_index": eeIndex, "shard_index": shardIndex}, &state); err != nil {
		return core.Root{}, err
	}
	root, err := toRoot(state)
	if err != nil {
		return core.Root{}, fmt.Errorf("get execution environment state: %w", err)
	}
	return root, nil
}

// GetShardBlock returns block blockIndex of shard shardIndex (the
// original's shard_slot_index).
func (c *Client) GetShardBlock(ctx context.Context, shardIndex, blockIndex uint64) (core.ShardBlock, error) {
	var response struct {
		Transactions []transaction `json:"transactions"`
	}
	if err := c.call(ctx, "/get-shard-block", map[string]any{"shard_index": shardIndex, "shard_slot_index": blockIndex}, &response); err != nil {
		return core.ShardBlock{}, err
	}
	block := core.ShardBlock{Transactions: make([]*core.ShardTransaction, len(response.Transactions))}
	for i, tx := range response.Transactions {
		data := tx.Data
		if data == nil {
			data = []byte{}
		}
		block.Transactions[i] = &core.ShardTransaction{Data: data, EEIndex: tx.EEIndex}
	}
	return block, nil
}

// GetShardState returns the state of shard shardIndex: every EE's state
// there, indexed by EE index.
func (c *Client) GetShardState(ctx context.Context, shardIndex uint64) (core.ShardState, error) {
	var response struct {
		States [][]byte `json:"execution_environment_states"`
	}
	if err := c.call(ctx, "/get-shard-state", map[string]any{"shard_index": shardIndex}, &response); err != nil {
		return core.ShardState{}, err
	}
	state := core.ShardState{ExecutionEnvironmentStates: make([]core.Root, len(response.States))}
	for i, b := range response.States {
		root, err := toRoot(b)
		if err != nil {
			return core.ShardState{}, fmt.Errorf("get shard state: execution environment %d: %w", i, err)
		}
		state.ExecutionEnvironmentStates[i] = root
	}
	return state, nil
}

// transaction is a transaction on the wire: its data as an array of
// numbers, as serde writes a Rust Vec<u8>.
type transaction struct {
	Data    numbers `json:"data"`
	EEIndex uint64  `json:"ee_index"`
}

// numbers is a byte string that JSON writes as an array of numbers.
// Decoding needs nothing of its own: encoding/json reads an array into a
// []byte.
type numbers []byte

// MarshalJSON writes b as an array of numbers; nil as [].
func (b numbers) MarshalJSON() ([]byte, error) {
	return serdejson.ByteArray(b), nil
}

func toRoot(b []byte) (core.Root, error) {
	var root core.Root
	if len(b) != len(root) {
		return root, fmt.Errorf("want a root of 32 bytes, got %d", len(b))
	}
	copy(root[:], b)
	return root, nil
}

// maxErrorBody caps how much of an error response is read.
const maxErrorBody = 64 << 10

// call posts request as JSON to path and decodes the JSON response into
// response; a status of 400 or more is an *Error.
func (c *Client) call(ctx context.Context, path string, request, response any) error {
	body, err := json.Marshal(request)
	if err != nil {
		return fmt.Errorf("%s: encode request: %w", path, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+path, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.httpClient.Do(req)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) && urlErr.Timeout() && ctx.Err() == nil {
			return fmt.Errorf("%s: no answer from %s within %s, the client's timeout: %w", path, c.baseURL, c.httpClient.Timeout, err)
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		var e struct {
			Error *string `json:"error"`
		}
		message := strings.TrimSpace(string(b))
		if json.Unmarshal(b, &e) == nil && e.Error != nil {
			message = *e.Error
		} else if message == "" {
			message = http.StatusText(resp.StatusCode)
		}
		return &Error{StatusCode: resp.StatusCode, Message: message}
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: unexpected status %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(response); err != nil {
		return fmt.Errorf("%s: decode response: %w", path, err)
	}
	return nil
}
