// Package server serves a core.Simulation over HTTP with the endpoints and
// JSON of the original Rust simulation's server (quilt/simulation), so that
// scripts written against it work unchanged.
//
// Every endpoint takes POST with a JSON object and answers 200 with JSON.
// Byte strings are standard base64 with padding, except transaction data,
// which is an array of numbers from 0 to 255 (serde's Vec<u8>):
//
//	POST /create-execution-environment
//	    {"ee": {"initial_state": <base64 of 32 bytes>, "wasm_code": <base64>}}
//	    → the new EE's index, a number: 0
//	POST /create-shard-block
//	    {"shard_index": N, "shard_block": {"transactions": [{"data": [104, 105], "ee_index": N}]}}
//	    → the new block's index on that shard, a number
//	POST /get-execution-environment        {"ee_index": N}
//	    → {"initial_state": <base64>, "wasm_code": <base64>}
//	POST /get-execution-environment-state  {"ee_index": N, "shard_index": N}
//	    → the EE's state on that shard, a base64 string
//	POST /get-shard-block                  {"shard_index": N, "shard_slot_index": N}
//	    → {"transactions": [{"data": [...], "ee_index": N}]}, where
//	      shard_slot_index is the block's index on the shard
//	POST /get-shard-state                  {"shard_index": N}
//	    → {"execution_environment_states": [<base64>, ...]}
//
// Every field is required; numbers are non-negative integers; unknown
// fields are rejected. A failure answers with a JSON body
// {"error": "<message>"} and one of these statuses:
//
//   - 400 Bad Request: the body is not one JSON object of the endpoint's
//     shape: invalid JSON, a field of the wrong type (the message names the
//     field and what it must hold), a missing or null field, an unknown
//     field, or data after the object.
//   - 404 Not Found: an unknown path; or, from the get- endpoints, an EE,
//     shard or block that does not exist (the core's message).
//   - 405 Method Not Allowed, with Allow: POST: a method other than POST.
//   - 413 Content Too Large: a body over the endpoint's cap
//     (MaxCreateExecutionEnvironmentBody, MaxCreateShardBlockBody or
//     MaxQueryBody), which is not read further.
//   - 422 Unprocessable Content: the simulation rejected a well-formed
//     create request: code that does not compile, a limit exceeded, a shard
//     that does not exist, a failing transaction (the core's message, such
//     as a core.TransactionError's). Nothing changed.
//   - 500 Internal Server Error: the change was made but the onChange
//     callback (which saves the simulation) failed.
//   - 503 Service Unavailable: the request was cancelled (the client went
//     away) while its change ran; nothing changed.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/eeplay/eeplay/core"
)

// bodySlack is the room each body cap leaves beyond the largest compact
// request, for whitespace and such.
const bodySlack = 64 << 10

// The caps on request bodies: each admits the largest valid request,
// written compactly, with 64 KiB to spare.
const (
	// MaxCreateExecutionEnvironmentBody caps the body of
	// /create-execution-environment: MaxWasmCodeSize bytes of code and a
	// 32-byte state in base64 (4 characters per 3 bytes).
	MaxCreateExecutionEnvironmentBody = len(`{"ee":{"initial_state":"","wasm_code":""}}`) +
		4*((32+2)/3) + 4*((core.MaxWasmCodeSize+2)/3) + bodySlack
	// MaxCreateShardBlockBody caps the body of /create-shard-block:
	// MaxTransactionsPerBlock transactions of MaxTransactionDataSize bytes
	// each, up to 4 characters a byte ("255,"). It is about 1 GiB.
	MaxCreateShardBlockBody = len(`{"shard_index":18446744073709551615,"shard_block":{"transactions":[]}}`) +
		core.MaxTransactionsPerBlock*(len(`{"data":[],"ee_index":18446744073709551615},`)+4*core.MaxTransactionDataSize) +
		bodySlack
	// MaxQueryBody caps the body of the get- endpoints, which hold only
	// indices.
	MaxQueryBody = bodySlack
)

// endpoint is one path's body cap and handler.
type endpoint struct {
	maxBody int
	capNote string // what the cap allows, for the 413 message
	serve   func(h *handler, r *http.Request) (status int, response any, err error)
}

var endpoints = map[string]endpoint{
	"/create-execution-environment": {
		maxBody: MaxCreateExecutionEnvironmentBody,
		capNote: "MaxWasmCodeSize bytes of code in base64, with room for whitespace",
		serve:   (*handler).createExecutionEnvironment,
	},
	"/create-shard-block": {
		maxBody: MaxCreateShardBlockBody,
		capNote: "MaxTransactionsPerBlock transactions of MaxTransactionDataSize bytes as numbers, with room for whitespace",
		serve:   (*handler).createShardBlock,
	},
	"/get-execution-environment":       {maxBody: MaxQueryBody, capNote: "a query", serve: (*handler).getExecutionEnvironment},
	"/get-execution-environment-state": {maxBody: MaxQueryBody, capNote: "a query", serve: (*handler).getExecutionEnvironmentState},
	"/get-shard-block":                 {maxBody: MaxQueryBody, capNote: "a query", serve: (*handler).getShardBlock},
	"/get-shard-state":                 {maxBody: MaxQueryBody, capNote: "a query", serve: (*handler).getShardState},
}

// endpointList names the endpoints, for the 404 message.
const endpointList = "/create-execution-environment, /create-shard-block, /get-execution-environment, " +
	"/get-execution-environment-state, /get-shard-block and /get-shard-state"

type handler struct {
	sim      *core.Simulation
	onChange func() error
	// changeMu makes each change and its onChange call one step, so that
	// onChange runs once per change, in order, seeing that change and no
	// later one.
	changeMu sync.Mutex
}

// NewHandler returns a handler that serves sim with the endpoints of the
// package documentation. onChange, if not nil, is called after every
// successful change (a created EE or block), one call at a time and before
// the next change is made, so that the caller can save the simulation; if
// it fails, the request answers 500 with "the change was made but could not
// be saved: " and its error.
func NewHandler(sim *core.Simulation, onChange func() error) http.Handler {
	return &handler{sim: sim, onChange: onChange}
}

// ServeHTTP routes r to its endpoint.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ep, ok := endpoints[r.URL.Path]
	if !ok {
		writeJSON(w, http.StatusNotFound, errorResponse{fmt.Sprintf("no endpoint %s: the endpoints are %s, each taking POST", r.URL.Path, endpointList)})
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeJSON(w, http.StatusMethodNotAllowed, errorResponse{fmt.Sprintf("method %s is not allowed on %s: use POST", r.Method, r.URL.Path)})
		return
	}
	if r.ContentLength > int64(ep.maxBody) {
		// Answer at once, without reading the body; the connection
		// cannot be reused.
		w.Header().Set("Connection", "close")
		writeJSON(w, http.StatusRequestEntityTooLarge, errorResponse{tooLarge(r.URL.Path, ep)})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, int64(ep.maxBody))
	status, response, err := ep.serve(h, r)
	if err != nil {
		var tooLargeErr *http.MaxBytesError
		if errors.As(err, &tooLargeErr) {
			status, err = http.StatusRequestEntityTooLarge, errors.New(tooLarge(r.URL.Path, ep))
		}
		writeJSON(w, status, errorResponse{err.Error()})
		return
	}
	writeJSON(w, status, response)
}

func tooLarge(path string, ep endpoint) string {
	return fmt.Sprintf("request body too large: %s takes at most %d bytes (%s)", path, ep.maxBody, ep.capNote)
}

// writeJSON writes v as the JSON body, with no trailing newline.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body, _ = json.Marshal(errorResponse{"encode response: " + err.Error()})
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

// decode reads r's body, one JSON object, into v, which points to a
// request struct. Its error is for a 400 response (or a 413 one, when it
// wraps *http.MaxBytesError).
func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return describeDecodeError(err)
	}
	var extra json.RawMessage
	switch err := dec.Decode(&extra); {
	case err == io.EOF:
		return nil
	case err == nil:
		return errors.New("request body has more after the JSON object: want one JSON object")
	default:
		var tooLargeErr *http.MaxBytesError
		if errors.As(err, &tooLargeErr) {
			return err
		}
		return errors.New("request body has more after the JSON object: want one JSON object")
	}
}

func describeDecodeError(err error) error {
	var (
		syntaxErr    *json.SyntaxError
		typeErr      *json.UnmarshalTypeError
		tooLargeErr  *http.MaxBytesError
		unknownField = "json: unknown field "
	)
	switch {
	case errors.As(err, &tooLargeErr):
		return err
	case err == io.EOF:
		return errors.New("request body is empty: want a JSON object")
	case err == io.ErrUnexpectedEOF:
		return errors.New("request body is not valid JSON: it ends in the middle of a value")
	case errors.As(err, &syntaxErr):
		return fmt.Errorf("request body is not valid JSON: %v (at byte %d)", syntaxErr, syntaxErr.Offset)
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return fmt.Errorf("request body: want %s, got %s", want(typeErr.Type), typeErr.Value)
		}
		return fmt.Errorf("field %q: want %s, got %s", typeErr.Field, want(typeErr.Type), typeErr.Value)
	case strings.HasPrefix(err.Error(), unknownField):
		return fmt.Errorf("request body has an unknown field %s", strings.TrimPrefix(err.Error(), unknownField))
	}
	return fmt.Errorf("read request body: %v", err)
}

// missing is the error for a required field that is absent or null.
func missing(field, what string) error {
	return fmt.Errorf("missing field %q: want %s", field, what)
}

// change runs f, a change to the simulation, then onChange, as one step.
func (h *handler) change(ctx context.Context, f func() (uint64, error)) (int, any, error) {
	h.changeMu.Lock()
	defer h.changeMu.Unlock()
	index, err := f()
	if err != nil {
		if ctx.Err() != nil {
			return http.StatusServiceUnavailable, nil, fmt.Errorf("request cancelled, nothing changed: %w", err)
		}
		return http.StatusUnprocessableEntity, nil, err
	}
	if h.onChange != nil {
		if err := h.onChange(); err != nil {
			return http.StatusInternalServerError, nil, fmt.Errorf("the change was made but could not be saved: %w", err)
		}
	}
	return http.StatusOK, index, nil
}

func (h *handler) createExecutionEnvironment(r *http.Request) (int, any, error) {
	var req createExecutionEnvironmentRequest
	if err := decode(r, &req); err != nil {
		return http.StatusBadRequest, nil, err
	}
	switch {
	case req.EE == nil:
		return http.StatusBadRequest, nil, missing("ee", "an object with initial_state and wasm_code")
	case req.EE.InitialState == nil:
		return http.StatusBadRequest, nil, missing("ee.initial_state", want(root32Type))
	case req.EE.WasmCode == nil:
		return http.StatusBadRequest, nil, missing("ee.wasm_code", want(base64BytesType))
	}
	return h.change(r.Context(), func() (uint64, error) {
		return h.sim.CreateExecutionEnvironment(r.Context(), *req.EE.WasmCode, core.Root(*req.EE.InitialState))
	})
}

func (h *handler) createShardBlock(r *http.Request) (int, any, error) {
	var req createShardBlockRequest
	if err := decode(r, &req); err != nil {
		return http.StatusBadRequest, nil, err
	}
	switch {
	case req.ShardIndex == nil:
		return http.StatusBadRequest, nil, missing("shard_index", want(uint64Type))
	case req.ShardBlock == nil:
		return http.StatusBadRequest, nil, missing("shard_block", "an object with transactions")
	case req.ShardBlock.Transactions == nil:
		return http.StatusBadRequest, nil, missing("shard_block.transactions", "an array of transactions")
	}
	wire := *req.ShardBlock.Transactions
	transactions := make([]core.ShardTransaction, len(wire))
	for i, tx := range wire {
		switch {
		case tx.Data == nil:
			return http.StatusBadRequest, nil, missing(fmt.Sprintf("shard_block.transactions[%d].data", i), want(byteArrayType))
		case tx.EEIndex == nil:
			return http.StatusBadRequest, nil, missing(fmt.Sprintf("shard_block.transactions[%d].ee_index", i), want(uint64Type))
		}
		transactions[i] = core.ShardTransaction{Data: *tx.Data, EEIndex: *tx.EEIndex}
	}
	return h.change(r.Context(), func() (uint64, error) {
		return h.sim.CreateShardBlock(r.Context(), *req.ShardIndex, transactions)
	})
}

func (h *handler) getExecutionEnvironment(r *http.Request) (int, any, error) {
	var req getExecutionEnvironmentRequest
	if err := decode(r, &req); err != nil {
		return http.StatusBadRequest, nil, err
	}
	if req.EEIndex == nil {
		return http.StatusBadRequest, nil, missing("ee_index", want(uint64Type))
	}
	ee, err := h.sim.GetExecutionEnvironment(*req.EEIndex)
	if err != nil {
		return http.StatusNotFound, nil, err
	}
	return http.StatusOK, executionEnvironmentResponse{InitialState: root32(ee.InitialState), WasmCode: ee.WasmCode}, nil
}

func (h *handler) getExecutionEnvironmentState(r *http.Request) (int, any, error) {
	var req getExecutionEnvironmentStateRequest
	if err := decode(r, &req); err != nil {
		return http.StatusBadRequest, nil, err
	}
	switch {
	case req.EEIndex == nil:
		return http.StatusBadRequest, nil, missing("ee_index", want(uint64Type))
	case req.ShardIndex == nil:
		return http.StatusBadRequest, nil, missing("shard_index", want(uint64Type))
	}
	state, err := h.sim.GetExecutionEnvironmentState(*req.EEIndex, *req.ShardIndex)
	if err != nil {
		return http.StatusNotFound, nil, err
	}
	return http.StatusOK, root32(state), nil
}

func (h *handler) getShardBlock(r *http.Request) (int, any, error) {
	var req getShardBlockRequest
	if err := decode(r, &req); err != nil {
		return http.StatusBadRequest, nil, err
	}
	switch {
	case req.ShardIndex == nil:
		return http.StatusBadRequest, nil, missing("shard_index", want(uint64Type))
	case req.ShardSlotIndex == nil:
		return http.StatusBadRequest, nil, missing("shard_slot_index", want(uint64Type))
	}
	record, err := h.sim.GetShardBlock(*req.ShardIndex, *req.ShardSlotIndex)
	if err != nil {
		return http.StatusNotFound, nil, err
	}
	response := shardBlockResponse{Transactions: make([]shardTransactionWire, len(record.Block.Transactions))}
	for i, tx := range record.Block.Transactions {
		data, eeIndex := byteArray(tx.Data), tx.EEIndex
		response.Transactions[i] = shardTransactionWire{Data: &data, EEIndex: &eeIndex}
	}
	return http.StatusOK, response, nil
}

func (h *handler) getShardState(r *http.Request) (int, any, error) {
	var req getShardStateRequest
	if err := decode(r, &req); err != nil {
		return http.StatusBadRequest, nil, err
	}
	if req.ShardIndex == nil {
		return http.StatusBadRequest, nil, missing("shard_index", want(uint64Type))
	}
	state, err := h.sim.GetShardState(*req.ShardIndex)
	if err != nil {
		return http.StatusNotFound, nil, err
	}
	response := shardStateResponse{ExecutionEnvironmentStates: make([]root32, len(state.ExecutionEnvironmentStates))}
	for i, root := range state.ExecutionEnvironmentStates {
		response.ExecutionEnvironmentStates[i] = root32(root)
	}
	return http.StatusOK, response, nil
}
