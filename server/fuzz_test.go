package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/servertest"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/server"
	"github.com/eeplay/eeplay/wasmhost"
)

// FuzzRequests posts arbitrary bodies to every endpoint, with a small
// memory budget: each must be answered with one of the documented statuses
// and JSON, an {"error": ...} with a message unless it is a 200; never a
// panic.
func FuzzRequests(f *testing.F) {
	paths := []string{"/create-execution-environment", "/create-shard-block", "/get-execution-environment",
		"/get-execution-environment-state", "/get-shard-block", "/get-shard-state"}
	seeds := []string{
		`{"ee":{"initial_state":"` + rootB64(0) + `","wasm_code":"` + b64(testee.Wasm("counter")) + `"}}`,
		`{"shard_index":1,"shard_block":{"transactions":[{"data":[1,2,3],"ee_index":0}]}}`,
		`{"ee_index":0}`, `{"ee_index":0,"shard_index":1}`, `{"shard_index":1,"shard_slot_index":0}`, `{"shard_index":1}`,
		`{"shard_index":0,"SHARD_INDEX":1}`, `{"shard_block":{"transactions":[null,{"data":"x"}]}}`, `[{"a":`, ``,
	}
	for i, seed := range seeds {
		f.Add(uint8(i), seed)
	}
	sim := servertest.NewSimulationWithConfig(f, wasmhost.Config{TickBudget: 10_000})
	if _, err := sim.CreateExecutionEnvironment(context.Background(), testee.Wasm("counter"), core.Root{}); err != nil {
		f.Fatal(err)
	}
	h := server.NewHandler(sim, server.Config{MemoryBudget: 1 << 20})
	documented := map[int]bool{200: true, 400: true, 404: true, 408: true, 413: true, 422: true, 500: true, 503: true}

	f.Fuzz(func(t *testing.T, endpoint uint8, body string) {
		path := paths[int(endpoint)%len(paths)]
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, path, strings.NewReader(body)))
		if !documented[w.Code] {
			t.Fatalf("POST %s %q: status %d", path, body, w.Code)
		}
		if w.Code == 200 {
			if !json.Valid(w.Body.Bytes()) {
				t.Fatalf("POST %s %q: 200 with %q", path, body, w.Body)
			}
			return
		}
		var e struct {
			Error string `json:"error"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
			t.Fatalf("POST %s %q: %d with %q", path, body, w.Code, w.Body)
		}
	})
}
