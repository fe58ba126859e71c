package server_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/internal/servertest"
	"github.com/eeplay/eeplay/internal/strictjson"
	"github.com/eeplay/eeplay/server"
)

// blockOf is a create-shard-block body whose one transaction, for EE 0 (of
// which the test simulation has none), holds n numbers.
func blockOf(n int) string {
	return `{"shard_index":0,"shard_block":{"transactions":[{"ee_index":0,"data":[` + strings.TrimSuffix(strings.Repeat("7,", n), ",") + `]}]}}`
}

// TestMemoryBudget checks that requests in flight share one budget: while
// a request holds part of it, waiting for the rest of its body, another
// that needs more than is left fails at once with 503 and Retry-After, and
// gets through once the first is answered.
func TestMemoryBudget(t *testing.T) {
	// Each request holds its read buffer; the first also 2,048 bytes for
	// its 2,000 numbers so far, the second would hold 8,192 for its 8,000.
	const budget = 2*strictjson.BufferSize + 8192
	base := servertest.Serve(t, server.NewHandler(servertest.NewSimulation(t), server.Config{MemoryBudget: budget}))
	noEE := errorBody("create shard block on shard 0: transaction 0 (execution environment 0): no such execution environment: 0 exist")
	busy := errorBody(fmt.Sprintf("server busy: the requests in flight already hold the %d bytes of data this server keeps at once (MemoryBudget): retry later", budget))

	// Alone, the second request fits.
	post(t, base, "/create-shard-block", blockOf(8000), 422, noEE)

	first := blockOf(3000)
	cut := strings.Index(first, strings.Repeat("7,", 2000)) + len(strings.Repeat("7,", 2000))
	rest := make(chan struct{})
	head := fmt.Sprintf("POST /create-shard-block HTTP/1.1\r\nHost: test\r\nContent-Length: %d\r\n\r\n", len(first))
	firstResponse := startRawRequest(t, base, head, io.MultiReader(strings.NewReader(first[:cut]), stallReader(rest), strings.NewReader(first[cut:])))

	// The first request's numbers reach the server at some point; until
	// then the second may still fit.
	for attempt := 0; ; attempt++ {
		got := do(t, http.MethodPost, base+"/create-shard-block", blockOf(8000))
		if got.status == http.StatusServiceUnavailable {
			if got.body != busy || got.header.Get("Retry-After") != "1" {
				t.Fatalf("got %d %s, Retry-After %q\nwant 503 %s, Retry-After 1", got.status, got.body, got.header.Get("Retry-After"), busy)
			}
			break
		}
		if got.status != 422 || got.body != noEE || attempt == 10000 {
			t.Fatalf("got %d %s while the first request holds its part", got.status, got.body)
		}
	}
	// A request that needs little still fits.
	post(t, base, "/get-shard-state", `{"shard_index":0}`, 200, `{"execution_environment_states":[]}`)

	close(rest)
	resp := firstResponse()
	if b, err := io.ReadAll(resp.Body); err != nil || resp.StatusCode != 422 || string(b) != noEE {
		t.Fatalf("first request: %d %s, %v", resp.StatusCode, b, err)
	}
	// Its memory is back: the second fits again, every time.
	for range 3 {
		post(t, base, "/create-shard-block", blockOf(8000), 422, noEE)
	}
}
