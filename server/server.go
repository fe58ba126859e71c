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
// Every field is required; numbers are non-negative integers. Keys are
// matched exactly, as serde matches them: "SHARD_INDEX" is not
// "shard_index", a key given twice and an unknown key are rejected
// (package strictjson). A failure answers with a JSON body
// {"error": "<message>"} and one of these statuses:
//
//   - 400 Bad Request: the body is not one JSON object of the endpoint's
//     shape: invalid JSON, a field of the wrong type (the message names the
//     field, such as "shard_block.transactions[2].data", and what it must
//     hold), a missing or null field, an unknown or repeated field, or data
//     after the object.
//   - 404 Not Found: an unknown path; or, from the get- endpoints, an EE,
//     shard or block that does not exist (the core's message).
//   - 405 Method Not Allowed, with Allow: POST: a method other than POST.
//   - 408 Request Timeout: the body did not arrive within
//     Config.ClientTimeout of the handler starting to read it.
//   - 413 Content Too Large: a body over the endpoint's cap
//     (MaxCreateExecutionEnvironmentBody, MaxCreateShardBlockBody or
//     MaxQueryBody), which is not read further.
//   - 422 Unprocessable Content: the simulation rejected a well-formed
//     create request: code that does not compile, a limit exceeded, a shard
//     that does not exist, a failing transaction (the core's message, such
//     as a core.TransactionError's). Nothing changed. The limits on sizes
//     are checked while the body is read, so a request stops at the first
//     transaction past MaxTransactionsPerBlock, the first data number past
//     MaxTransactionDataSize or the first character of code past what
//     MaxWasmCodeSize bytes take in base64.
//   - 500 Internal Server Error: the change was made but Config.OnChange
//     or Config.WaitSaved (which save the simulation) failed.
//   - 503 Service Unavailable: the request was cancelled (the client went
//     away, or the server shut down) while its change ran, and nothing
//     changed; or, with Retry-After: 1, the server was busy: see Memory.
//
// A body refused for what it holds before its end (a limit, a key, bad
// JSON) is read and dropped after the answer, within its cap and the
// client timeout, so that a client still sending it gets the answer rather
// than a connection reset. A body refused for the way it arrives (over its
// cap, too slowly) is not: its connection is closed.
//
// # Memory
//
// A body is decoded as it arrives, never held whole, and every byte a
// request holds for its data (decoded block data and code, its read buffer,
// its response or the block it streams) is counted against one budget
// shared by all requests in flight, Config.MemoryBudget (512 MiB by default: two of the
// largest blocks). A request that would go over it fails at once with 503
// and Retry-After: 1, freeing what it held, rather than wait: requests
// waiting for each other's memory could wait forever. The largest valid
// block, 1,024 transactions of 262,144 bytes, holds 256 MiB while it is
// decoded and run.
//
// # Time
//
// Serve bounds how long a client may take: Config.ClientTimeout for the
// headers, for the body once the handler reads it, for writing the
// response, and for a keep-alive connection to stay idle. A block's own
// time is the simulation's time limit (core.Simulation.SetTimeLimit), which
// the body's timeout does not count. At shutdown, requests in flight get
// Config.ShutdownGrace to finish; then the ones left are cancelled (a block
// running stops and changes nothing) and their connections closed.
package server

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/eeplay/eeplay/core"
)

// bodySlack is the room each body cap leaves beyond the largest compact
// request, for whitespace and such.
const bodySlack = 64 << 10

// The caps on request bodies: each admits the largest valid request,
// written compactly, with 64 KiB to spare. Decoding stops at the limits of
// the core long before a body that breaks them reaches its cap, so the caps
// bound only how long a body may be read, not what it may hold.
const (
	// MaxCreateExecutionEnvironmentBody caps the body of
	// /create-execution-environment: MaxWasmCodeSize bytes of code and a
	// 32-byte state in base64 (4 characters per 3 bytes).
	MaxCreateExecutionEnvironmentBody = len(`{"ee":{"initial_state":"","wasm_code":""}}`) +
		4*((32+2)/3) + maxWasmCodeChars + bodySlack
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

// maxWasmCodeChars is how many characters of base64 MaxWasmCodeSize bytes
// of code take.
const maxWasmCodeChars = 4 * ((core.MaxWasmCodeSize + 2) / 3)

// Config configures a handler and Serve. The zero value is the defaults.
type Config struct {
	// OnChange, if not nil, is called after every successful change (a
	// created EE or block), one call at a time and before the next change
	// is made, so that the caller can save the simulation; if it fails,
	// the request answers 500 with "the change was made but could not be
	// saved: " and its error.
	OnChange func() error
	// WaitSaved, if not nil, is called after OnChange succeeded, once the
	// next change may start, and before the response: it returns once
	// the changes OnChange saved so far are durable (synced to the disk),
	// so that changes made while one sync runs share the next (group
	// commit) instead of each waiting for its own. If it fails, the
	// request answers 500 as when OnChange fails.
	WaitSaved func() error
	// MemoryBudget is how many bytes of data the requests in flight may
	// hold at once (see Memory in the package documentation); 0 means
	// DefaultMemoryBudget.
	MemoryBudget int64
	// ClientTimeout bounds how long a client may take to send a request's
	// headers, to send its body, to read the response, and how long a
	// keep-alive connection may stay idle; 0 means DefaultClientTimeout.
	ClientTimeout time.Duration
	// ShutdownGrace is how long Serve lets requests in flight finish once
	// its context is done; 0 means DefaultShutdownGrace.
	ShutdownGrace time.Duration
}

// The defaults of Config.
const (
	// DefaultMemoryBudget holds two of the largest blocks.
	DefaultMemoryBudget = 2 * core.MaxTransactionsPerBlock * core.MaxTransactionDataSize
	// DefaultClientTimeout lets a client send the largest body, 1 GiB, at
	// 36 MB/s; the server listens on loopback unless told otherwise.
	DefaultClientTimeout = 30 * time.Second
	// DefaultShutdownGrace lets a block running at the default time limit
	// of eeplay serve finish.
	DefaultShutdownGrace = 10 * time.Second
)

// withDefaults returns c with its zero fields set to the defaults.
func (c Config) withDefaults() Config {
	if c.MemoryBudget == 0 {
		c.MemoryBudget = DefaultMemoryBudget
	}
	if c.ClientTimeout == 0 {
		c.ClientTimeout = DefaultClientTimeout
	}
	if c.ShutdownGrace == 0 {
		c.ShutdownGrace = DefaultShutdownGrace
	}
	return c
}

// endpoint is one path's body cap and handler.
type endpoint struct {
	maxBody int
	capNote string // what the cap allows, for the 413 message
	serve   func(h *handler, q *request) (response any, err error)
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
	sim    *core.Simulation
	config Config
	budget budget
	// changeMu makes each change and its OnChange call one step, so that
	// OnChange runs once per change, in order, seeing that change and no
	// later one.
	changeMu sync.Mutex
	inFlight inFlight
}

// NewHandler returns a handler that serves sim with the endpoints of the
// package documentation, configured by config (ShutdownGrace, which is
// Serve's, aside).
func NewHandler(sim *core.Simulation, config Config) http.Handler {
	return newHandler(sim, config)
}

func newHandler(sim *core.Simulation, config Config) *handler {
	config = config.withDefaults()
	return &handler{sim: sim, config: config, budget: budget{max: config.MemoryBudget}}
}

// ServeHTTP routes r to its endpoint.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.inFlight.start()
	defer h.inFlight.done()
	q := h.newRequest(w, r)
	defer q.share.release()
	ep, ok := endpoints[r.URL.Path]
	if !ok {
		q.fail(&httpError{http.StatusNotFound, fmt.Errorf("no endpoint %s: the endpoints are %s, each taking POST", r.URL.Path, endpointList)})
		return
	}
	q.endpoint = ep
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		q.fail(&httpError{http.StatusMethodNotAllowed, fmt.Errorf("method %s is not allowed on %s: use POST", r.Method, r.URL.Path)})
		return
	}
	if r.ContentLength > int64(ep.maxBody) {
		// Answer at once, without reading the body.
		q.fail(q.tooLarge())
		return
	}
	response, err := ep.serve(h, q)
	if err != nil {
		q.fail(err)
	} else {
		q.reply(response)
	}
	q.share.release()
	q.drain()
}

// change runs f, a change to the simulation, then OnChange, as one step,
// then WaitSaved, outside that step, so that the next change need not wait
// for this one's sync.
func (h *handler) change(ctx context.Context, f func(context.Context) (uint64, error)) (any, error) {
	index, err := h.changeAndSave(ctx, f)
	if err != nil {
		return nil, err
	}
	if h.config.WaitSaved != nil {
		if err := h.config.WaitSaved(); err != nil {
			return nil, unsaved(err)
		}
	}
	return index, nil
}

// changeAndSave runs f, then OnChange, as one step.
func (h *handler) changeAndSave(ctx context.Context, f func(context.Context) (uint64, error)) (uint64, error) {
	h.changeMu.Lock()
	defer h.changeMu.Unlock()
	index, err := f(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return 0, &httpError{http.StatusServiceUnavailable, fmt.Errorf("request cancelled, nothing changed: %w", err)}
		}
		return 0, &httpError{http.StatusUnprocessableEntity, err}
	}
	if h.config.OnChange != nil {
		if err := h.config.OnChange(); err != nil {
			return 0, unsaved(err)
		}
	}
	return index, nil
}

// unsaved is the error of a change made but not saved.
func unsaved(err error) error {
	return &httpError{http.StatusInternalServerError, fmt.Errorf("the change was made but could not be saved: %w", err)}
}

// inFlight counts the requests being served, so that Serve can wait for
// the last to return before the simulation's engine is closed.
type inFlight struct {
	mu   sync.Mutex
	n    int
	none *sync.Cond // signalled when n drops to 0
}

func (f *inFlight) start() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
}

func (f *inFlight) done() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n--
	if f.n == 0 && f.none != nil {
		f.none.Broadcast()
	}
}

// wait returns once no request is being served.
func (f *inFlight) wait() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.none == nil {
		f.none = sync.NewCond(&f.mu)
	}
	for f.n > 0 {
		f.none.Wait()
	}
}
