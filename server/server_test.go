package server_test

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/servertest"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/server"
)

type response struct {
	status int
	header http.Header
	body   string
}

func do(t *testing.T, method, url, body string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(b)}
}

// post posts body to base+path and fails the test unless the answer is
// wantStatus with body wantBody exactly.
func post(t *testing.T, base, path, body string, wantStatus int, wantBody string) {
	t.Helper()
	got := do(t, http.MethodPost, base+path, body)
	if got.status != wantStatus || got.body != wantBody {
		t.Fatalf("POST %s %.200s:\ngot  %d %.2000s\nwant %d %.2000s", path, body, got.status, got.body, wantStatus, wantBody)
	}
	if ct := got.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("POST %s: Content-Type %q, want application/json", path, ct)
	}
}

func errorBody(message string) string {
	b, err := json.Marshal(message)
	if err != nil {
		panic(err)
	}
	return `{"error":` + string(b) + `}`
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// rootB64 is the base64 of a root whose first byte is first, the rest 0.
func rootB64(first byte) string {
	var r core.Root
	r[0] = first
	return b64(r[:])
}

func TestEndpointsAnswerTheOriginalsJSON(t *testing.T) {
	base := servertest.Serve(t, server.NewHandler(servertest.NewSimulation(t), server.Config{}))
	counter, trivial := testee.Wasm("counter"), testee.Wasm("trivial")
	zero := "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
	if zero != rootB64(0) {
		t.Fatalf("zero root is %s", rootB64(0))
	}
	six := "BgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="

	post(t, base, "/create-execution-environment", `{"ee":{"initial_state":"`+zero+`","wasm_code":"`+b64(counter)+`"}}`, 200, `0`)
	// Whitespace and any field order are fine.
	post(t, base, "/create-execution-environment", "\n{ \"ee\" : { \"wasm_code\" : \""+b64(trivial)+"\",\n\t\"initial_state\": \""+rootB64(9)+"\" } }\n", 200, `1`)

	post(t, base, "/create-shard-block", `{"shard_index":3,"shard_block":{"transactions":[{"data":[1,2,3],"ee_index":0}]}}`, 200, `0`)
	post(t, base, "/create-shard-block", `{"shard_index":3,"shard_block":{"transactions":[{"data":[],"ee_index":0},{"data":[ 255 , 0,7 ],"ee_index":0}]}}`, 200, `1`)
	post(t, base, "/create-shard-block", `{"shard_index":3,"shard_block":{"transactions":[]}}`, 200, `2`)
	post(t, base, "/create-shard-block", `{"shard_index":63,"shard_block":{"transactions":[{"ee_index":1,"data":[0]}]}}`, 200, `0`)

	post(t, base, "/get-execution-environment", `{"ee_index":0}`, 200, `{"initial_state":"`+zero+`","wasm_code":"`+b64(counter)+`"}`)
	post(t, base, "/get-execution-environment", `{"ee_index":1}`, 200, `{"initial_state":"CQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","wasm_code":"`+b64(trivial)+`"}`)
	post(t, base, "/get-execution-environment-state", `{"ee_index":0,"shard_index":3}`, 200, `"`+six+`"`)
	post(t, base, "/get-execution-environment-state", `{"shard_index":4,"ee_index":0}`, 200, `"`+zero+`"`)
	post(t, base, "/get-shard-block", `{"shard_index":3,"shard_slot_index":0}`, 200, `{"transactions":[{"data":[1,2,3],"ee_index":0}]}`)
	post(t, base, "/get-shard-block", `{"shard_index":3,"shard_slot_index":1}`, 200, `{"transactions":[{"data":[],"ee_index":0},{"data":[255,0,7],"ee_index":0}]}`)
	post(t, base, "/get-shard-block", `{"shard_index":3,"shard_slot_index":2}`, 200, `{"transactions":[]}`)
	post(t, base, "/get-shard-state", `{"shard_index":3}`, 200, `{"execution_environment_states":["`+six+`","`+rootB64(9)+`"]}`)
	post(t, base, "/get-shard-state", `{"shard_index":0}`, 200, `{"execution_environment_states":["`+zero+`","`+rootB64(9)+`"]}`)
	// A key is its characters, however escaped.
	post(t, base, "/get-shard-state", `{"shard\u005Findex":0}`, 200, `{"execution_environment_states":["`+zero+`","`+rootB64(9)+`"]}`)
}

func TestEmptySimulation(t *testing.T) {
	base := servertest.Serve(t, server.NewHandler(servertest.NewSimulation(t), server.Config{}))
	post(t, base, "/get-shard-state", `{"shard_index":0}`, 200, `{"execution_environment_states":[]}`)
}

// TestBadRequests checks each class of error with its exact status and
// message, against a simulation with one counter EE (index 0) and one block
// on shard 0, and checks that none of them changed it.
func TestBadRequests(t *testing.T) {
	sim := servertest.NewSimulation(t)
	ctx := context.Background()
	if _, err := sim.CreateExecutionEnvironment(ctx, testee.Wasm("counter"), core.Root{}); err != nil {
		t.Fatal(err)
	}
	if _, err := sim.CreateShardBlock(ctx, 0, []core.ShardTransaction{{Data: []byte{1}}}); err != nil {
		t.Fatal(err)
	}
	changes := 0
	base := servertest.Serve(t, server.NewHandler(sim, server.Config{OnChange: func() error { changes++; return nil }}))
	zero := rootB64(0)
	const uint64Want = "want a non-negative integer"
	const dataWant = "want an array of integers from 0 to 255"
	const rootWant = "want a base64 string of 32 bytes (standard alphabet, with padding)"
	const endpoints = "the endpoints are /create-execution-environment, /create-shard-block, /get-execution-environment, /get-execution-environment-state, /get-shard-block and /get-shard-state, each taking POST"
	block := func(txs string) string { return `{"shard_index":1,"shard_block":{"transactions":[` + txs + `]}}` }

	tests := []struct {
		name    string
		method  string // POST if empty
		path    string
		body    string
		status  int
		message string
	}{
		// Routing.
		{"unknown path", "", "/create-block", `{}`, 404, "no endpoint /create-block: " + endpoints},
		{"root path", "GET", "/", ``, 404, "no endpoint /: " + endpoints},
		{"trailing slash", "", "/get-shard-state/", `{"shard_index":0}`, 404, "no endpoint /get-shard-state/: " + endpoints},
		{"GET", "GET", "/get-shard-state", ``, 405, "method GET is not allowed on /get-shard-state: use POST"},
		{"PUT", "PUT", "/create-shard-block", block(``), 405, "method PUT is not allowed on /create-shard-block: use POST"},

		// Not one JSON object.
		{"empty body", "", "/get-shard-state", ``, 400, "request body is empty: want a JSON object"},
		{"truncated JSON", "", "/get-shard-state", `{"shard_index":`, 400, "request body is not valid JSON: it ends in the middle of a value"},
		{"invalid JSON", "", "/get-shard-state", `{"shard_index": x}`, 400, "request body is not valid JSON: invalid character 'x' looking for beginning of value (at byte 17)"},
		{"single quotes", "", "/get-shard-state", `{'shard_index': 0}`, 400, "request body is not valid JSON: invalid character '\\'' looking for beginning of object key string (at byte 2)"},
		{"array body", "", "/get-shard-state", `[0]`, 400, "request body: want an object with shard_index, got array"},
		{"number body", "", "/create-shard-block", `7`, 400, "request body: want an object with shard_index and shard_block, got number 7"},
		{"two objects", "", "/get-shard-state", `{"shard_index":0} {"shard_index":1}`, 400, "request body has more after the JSON object: want one JSON object"},
		{"trailing garbage", "", "/get-shard-state", `{"shard_index":0}}`, 400, "request body has more after the JSON object: want one JSON object"},

		// Numbers.
		{"string for a number", "", "/get-shard-state", `{"shard_index":"1"}`, 400, `field "shard_index": ` + uint64Want + ", got string"},
		{"negative number", "", "/get-shard-state", `{"shard_index":-1}`, 400, `field "shard_index": ` + uint64Want + ", got number -1"},
		{"fraction", "", "/get-shard-state", `{"shard_index":1.5}`, 400, `field "shard_index": ` + uint64Want + ", got number 1.5"},
		{"exponent", "", "/get-shard-state", `{"shard_index":1e1}`, 400, `field "shard_index": ` + uint64Want + ", got number 1e1"},
		{"over uint64", "", "/get-shard-state", `{"shard_index":18446744073709551616}`, 400, `field "shard_index": ` + uint64Want + ", got number 18446744073709551616"},
		{"boolean for a number", "", "/get-execution-environment", `{"ee_index":true}`, 400, `field "ee_index": ` + uint64Want + ", got boolean"},
		{"negative ee_index in a block", "", "/create-shard-block", block(`{"data":[],"ee_index":-1}`), 400, `field "shard_block.transactions[0].ee_index": ` + uint64Want + ", got number -1"},

		// Missing, null and unknown fields.
		{"missing field", "", "/get-shard-state", `{}`, 400, `missing field "shard_index": ` + uint64Want},
		{"null field", "", "/get-shard-state", `{"shard_index":null}`, 400, `missing field "shard_index": ` + uint64Want},
		{"missing second field", "", "/get-execution-environment-state", `{"ee_index":0}`, 400, `missing field "shard_index": ` + uint64Want},
		{"missing shard_slot_index", "", "/get-shard-block", `{"shard_index":0}`, 400, `missing field "shard_slot_index": ` + uint64Want},
		{"unknown field", "", "/get-shard-state", `{"shard_index":0,"shard":1}`, 400, `field "shard": unknown field: want "shard_index"`},
		{"unknown nested field", "", "/create-shard-block", block(`{"data":[],"ee_index":0,"gas":1}`), 400, `field "shard_block.transactions[0].gas": unknown field: want "data" or "ee_index"`},
		{"Rust's name for the block index", "", "/get-shard-block", `{"shard_index":0,"block_index":0}`, 400, `field "block_index": unknown field: want "shard_index" or "shard_slot_index"`},

		// Keys are matched exactly, once each, as serde matches them.
		{"a key in capitals", "", "/get-shard-state", `{"shard_index":0,"SHARD_INDEX":70}`, 400, `field "SHARD_INDEX": unknown field; field names are matched exactly: did you mean "shard_index"?`},
		{"a key in capitals alone", "", "/get-shard-state", `{"Shard_Index":0}`, 400, `field "Shard_Index": unknown field; field names are matched exactly: did you mean "shard_index"?`},
		{"a nested key in capitals", "", "/create-shard-block", block(`{"data":[1],"EE_INDEX":0}`), 400, `field "shard_block.transactions[0].EE_INDEX": unknown field; field names are matched exactly: did you mean "ee_index"?`},
		{"a key given twice", "", "/get-shard-state", `{"shard_index":0,"shard_index":70}`, 400, `field "shard_index": given twice: each field may appear only once`},
		{"a nested key given twice", "", "/create-execution-environment", `{"ee":{"initial_state":"` + zero + `","wasm_code":"","wasm_code":"AAAA"}}`, 400, `field "ee.wasm_code": given twice: each field may appear only once`},

		// /create-execution-environment.
		{"no ee", "", "/create-execution-environment", `{}`, 400, `missing field "ee": want an object with initial_state and wasm_code`},
		{"ee not an object", "", "/create-execution-environment", `{"ee":"AGFzbQ=="}`, 400, `field "ee": want an object with initial_state and wasm_code, got string`},
		{"no initial_state", "", "/create-execution-environment", `{"ee":{"wasm_code":"AGFzbQ=="}}`, 400, `missing field "ee.initial_state": ` + rootWant},
		{"no wasm_code", "", "/create-execution-environment", `{"ee":{"initial_state":"` + zero + `"}}`, 400, `missing field "ee.wasm_code": want a base64 string (standard alphabet, with padding)`},
		{"short initial_state", "", "/create-execution-environment", `{"ee":{"initial_state":"AAAA","wasm_code":""}}`, 400, `field "ee.initial_state": ` + rootWant + ", got base64 of 3 bytes"},
		{"hex initial_state", "", "/create-execution-environment", `{"ee":{"initial_state":"0x` + strings.Repeat("00", 32) + `","wasm_code":""}}`, 400, `field "ee.initial_state": ` + rootWant + ", got invalid base64 (illegal base64 data at input byte 64)"},
		{"initial_state of 33 bytes", "", "/create-execution-environment", `{"ee":{"initial_state":"` + b64(make([]byte, 33)) + `","wasm_code":""}}`, 400, `field "ee.initial_state": ` + rootWant + ", got base64 of 33 bytes"},
		{"initial_state as numbers", "", "/create-execution-environment", `{"ee":{"initial_state":[0,0],"wasm_code":""}}`, 400, `field "ee.initial_state": ` + rootWant + ", got array"},
		{"unpadded wasm_code", "", "/create-execution-environment", `{"ee":{"initial_state":"` + zero + `","wasm_code":"AGFzbQ"}}`, 400, `field "ee.wasm_code": want a base64 string (standard alphabet, with padding), got invalid base64 (illegal base64 data at input byte 4)`},
		{"wasm_code with a line break", "", "/create-execution-environment", `{"ee":{"initial_state":"` + zero + `","wasm_code":"AGFz\nbQ=="}}`, 400, `field "ee.wasm_code": want a base64 string (standard alphabet, with padding), got invalid base64 (illegal base64 data at input byte 4)`},
		{"initial_state with a line break", "", "/create-execution-environment", `{"ee":{"initial_state":"` + zero[:40] + `\r\n` + zero[40:] + `","wasm_code":""}}`, 400, `field "ee.initial_state": ` + rootWant + `, got invalid base64 (illegal base64 data at input byte 40)`},
		{"a long initial_state", "", "/create-execution-environment", `{"ee":{"initial_state":"` + strings.Repeat("A", 1000) + `","wasm_code":""}}`, 400, `field "ee.initial_state": ` + rootWant + `, got a string of more than 128 characters`},
		{"URL-safe wasm_code", "", "/create-execution-environment", `{"ee":{"initial_state":"` + zero + `","wasm_code":"-_-_"}}`, 400, `field "ee.wasm_code": want a base64 string (standard alphabet, with padding), got invalid base64 (illegal base64 data at input byte 0)`},
		{"wasm_code as numbers", "", "/create-execution-environment", `{"ee":{"initial_state":"` + zero + `","wasm_code":[0,97,115,109]}}`, 400, `field "ee.wasm_code": want a base64 string (standard alphabet, with padding), got array`},
		{"code that does not compile", "", "/create-execution-environment", `{"ee":{"initial_state":"` + zero + `","wasm_code":"AAAA"}}`, 422, compileError(t, []byte{0, 0, 0})},
		{"code without main", "", "/create-execution-environment", `{"ee":{"initial_state":"` + zero + `","wasm_code":"` + b64(testee.Wasm("no_main")) + `"}}`, 422, compileError(t, testee.Wasm("no_main"))},

		// /create-shard-block.
		{"no shard_index", "", "/create-shard-block", `{"shard_block":{"transactions":[]}}`, 400, `missing field "shard_index": ` + uint64Want},
		{"no shard_block", "", "/create-shard-block", `{"shard_index":0}`, 400, `missing field "shard_block": want an object with transactions`},
		{"no transactions", "", "/create-shard-block", `{"shard_index":0,"shard_block":{}}`, 400, `missing field "shard_block.transactions": want an array of transactions`},
		{"transactions not an array", "", "/create-shard-block", `{"shard_index":0,"shard_block":{"transactions":{}}}`, 400, `field "shard_block.transactions": want an array of transactions, got object`},
		{"transaction not an object", "", "/create-shard-block", block(`{"data":[],"ee_index":0},3`), 400, `field "shard_block.transactions[1]": want an object with data and ee_index, got number 3`},
		{"no data", "", "/create-shard-block", block(`{"data":[],"ee_index":0},{"ee_index":0}`), 400, `missing field "shard_block.transactions[1].data": ` + dataWant},
		{"no ee_index", "", "/create-shard-block", block(`{"data":[1]}`), 400, `missing field "shard_block.transactions[0].ee_index": ` + uint64Want},
		{"null transaction", "", "/create-shard-block", block(`null`), 400, `field "shard_block.transactions[0]": want an object with data and ee_index, got null`},
		{"data element 256", "", "/create-shard-block", block(`{"data":[1,2,256],"ee_index":0}`), 400, `field "shard_block.transactions[0].data": ` + dataWant + ", got number 256 at index 2"},
		{"data element -1", "", "/create-shard-block", block(`{"data":[-1],"ee_index":0}`), 400, `field "shard_block.transactions[0].data": ` + dataWant + ", got number -1 at index 0"},
		{"data element 1.5", "", "/create-shard-block", block(`{"data":[ 1.5 ],"ee_index":0}`), 400, `field "shard_block.transactions[0].data": ` + dataWant + ", got number 1.5 at index 0"},
		{"data element 1e2", "", "/create-shard-block", block(`{"data":[0, 1e2],"ee_index":0}`), 400, `field "shard_block.transactions[0].data": ` + dataWant + ", got number 1e2 at index 1"},
		{"data element null", "", "/create-shard-block", block(`{"data":[null],"ee_index":0}`), 400, `field "shard_block.transactions[0].data": ` + dataWant + ", got null at index 0"},
		{"data element string", "", "/create-shard-block", block(`{"data":["1"],"ee_index":0}`), 400, `field "shard_block.transactions[0].data": ` + dataWant + ", got string at index 0"},
		{"data as base64", "", "/create-shard-block", block(`{"data":"aGk=","ee_index":0}`), 400, `field "shard_block.transactions[0].data": ` + dataWant + ", got string"},
		{"data as hex", "", "/create-shard-block", block(`{"data":"0x6869","ee_index":0}`), 400, `field "shard_block.transactions[0].data": ` + dataWant + ", got string"},
		{"shard out of range", "", "/create-shard-block", `{"shard_index":64,"shard_block":{"transactions":[]}}`, 422, "create shard block: shard 64 does not exist: ShardCount is 64"},
		{"unknown EE", "", "/create-shard-block", block(`{"data":[1],"ee_index":0},{"data":[],"ee_index":7}`), 422, "create shard block on shard 1: transaction 1 (execution environment 7): no such execution environment: 1 exist"},

		// Missing things in the get- endpoints.
		{"no such EE", "", "/get-execution-environment", `{"ee_index":1}`, 404, "get execution environment: no execution environment 1: 1 exist"},
		{"no such EE state", "", "/get-execution-environment-state", `{"ee_index":1,"shard_index":0}`, 404, "get execution environment state: no execution environment 1: 1 exist"},
		{"no such shard for an EE state", "", "/get-execution-environment-state", `{"ee_index":0,"shard_index":64}`, 404, "get execution environment state: shard 64 does not exist: ShardCount is 64"},
		{"no such block", "", "/get-shard-block", `{"shard_index":0,"shard_slot_index":1}`, 404, "get shard block: shard 0 has no block 1: it has 1"},
		{"no such shard for a block", "", "/get-shard-block", `{"shard_index":64,"shard_slot_index":0}`, 404, "get shard block: shard 64 does not exist: ShardCount is 64"},
		{"no such shard", "", "/get-shard-state", `{"shard_index":18446744073709551615}`, 404, "get shard state: shard 18446744073709551615 does not exist: ShardCount is 64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = http.MethodPost
			}
			got := do(t, method, base+tt.path, tt.body)
			if want := errorBody(tt.message); got.status != tt.status || got.body != want {
				t.Errorf("%s %s %s:\ngot  %d %s\nwant %d %s", method, tt.path, tt.body, got.status, got.body, tt.status, want)
			}
			if ct := got.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q, want application/json", ct)
			}
			if allow := got.header.Get("Allow"); (tt.status == 405) != (allow == "POST") {
				t.Errorf("status %d with Allow %q", got.status, allow)
			}
		})
	}
	if changes != 0 {
		t.Errorf("onChange called %d times, want 0", changes)
	}
	if n := sim.ExecutionEnvironmentCount(); n != 1 {
		t.Errorf("%d EEs, want 1", n)
	}
	if slot := sim.Slot(); slot != 1 {
		t.Errorf("%d blocks, want 1", slot)
	}
}

// compileError is the core's message for code that does not compile.
func compileError(t *testing.T, code []byte) string {
	_, err := servertest.NewSimulation(t).CreateExecutionEnvironment(context.Background(), code, core.Root{})
	if err == nil {
		t.Fatal("the code compiles")
	}
	return err.Error()
}

// TestCoreLimits sends requests that fit the body caps but not the core's
// limits: they are rejected with 422 and the limit's name.
func TestCoreLimits(t *testing.T) {
	sim := servertest.NewSimulation(t)
	if _, err := sim.CreateExecutionEnvironment(context.Background(), testee.Wasm("counter"), core.Root{}); err != nil {
		t.Fatal(err)
	}
	base := servertest.Serve(t, server.NewHandler(sim, server.Config{}))

	code := make([]byte, core.MaxWasmCodeSize+1)
	post(t, base, "/create-execution-environment", `{"ee":{"initial_state":"`+rootB64(0)+`","wasm_code":"`+b64(code)+`"}}`, 422,
		errorBody("create execution environment: wasm code of 262145 bytes exceeds MaxWasmCodeSize (262144 bytes)"))
	code = make([]byte, core.MaxWasmCodeSize+3)
	post(t, base, "/create-execution-environment", `{"ee":{"initial_state":"`+rootB64(0)+`","wasm_code":"`+b64(code)+`"}}`, 422,
		errorBody(`field "ee.wasm_code": more than 349528 characters of base64 exceed MaxWasmCodeSize (262144 bytes)`))

	data := strings.TrimSuffix(strings.Repeat("0,", core.MaxTransactionDataSize+1), ",")
	post(t, base, "/create-shard-block", `{"shard_index":5,"shard_block":{"transactions":[{"data":[`+data+`],"ee_index":0}]}}`, 422,
		errorBody(`field "shard_block.transactions[0].data": more than 262144 numbers exceed MaxTransactionDataSize (262144 bytes)`))

	txs := strings.TrimSuffix(strings.Repeat(`{"data":[],"ee_index":0},`, core.MaxTransactionsPerBlock+1), ",")
	post(t, base, "/create-shard-block", `{"shard_index":5,"shard_block":{"transactions":[`+txs+`]}}`, 422,
		errorBody(`field "shard_block.transactions": more than 1024 transactions exceed MaxTransactionsPerBlock (1024)`))

	// The largest code and data the core takes pass.
	post(t, base, "/create-shard-block", `{"shard_index":5,"shard_block":{"transactions":[{"data":[`+strings.Repeat("255,", core.MaxTransactionDataSize-1)+`255],"ee_index":0}]}}`, 200, `0`)
	post(t, base, "/create-shard-block", `{"shard_index":5,"shard_block":{"transactions":[`+strings.TrimSuffix(strings.Repeat(`{"data":[],"ee_index":0},`, core.MaxTransactionsPerBlock), ",")+`]}}`, 200, `1`)
	code = make([]byte, core.MaxWasmCodeSize)
	post(t, base, "/create-execution-environment", `{"ee":{"initial_state":"`+rootB64(0)+`","wasm_code":"`+b64(code)+`"}}`, 422, errorBody(compileError(t, code)))
	if n := sim.ExecutionEnvironmentCount(); n != 1 {
		t.Errorf("%d EEs, want 1", n)
	}
}

// TestLimitsStopTheBody checks that a request stops at the first element
// past a limit of the core: the client sends the body up to there and then
// nothing more, and must get its answer without ending the body.
func TestLimitsStopTheBody(t *testing.T) {
	base := servertest.Serve(t, server.NewHandler(servertest.NewSimulation(t), server.Config{OnChange: func() error {
		t.Error("onChange called")
		return nil
	}}))
	tests := []struct {
		name    string
		path    string
		prefix  string
		message string
	}{
		{"data past MaxTransactionDataSize", "/create-shard-block",
			`{"shard_index":0,"shard_block":{"transactions":[{"ee_index":0,"data":[` + strings.Repeat("1,", core.MaxTransactionDataSize) + `1`,
			`field "shard_block.transactions[0].data": more than 262144 numbers exceed MaxTransactionDataSize (262144 bytes)`},
		{"transactions past MaxTransactionsPerBlock", "/create-shard-block",
			`{"shard_index":0,"shard_block":{"transactions":[` + strings.Repeat(`{"data":[],"ee_index":0},`, core.MaxTransactionsPerBlock) + `{`,
			`field "shard_block.transactions": more than 1024 transactions exceed MaxTransactionsPerBlock (1024)`},
		{"code past MaxWasmCodeSize", "/create-execution-environment",
			`{"ee":{"initial_state":"` + rootB64(0) + `","wasm_code":"` + strings.Repeat("A", 349529),
			`field "ee.wasm_code": more than 349528 characters of base64 exceed MaxWasmCodeSize (262144 bytes)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stalled := make(chan struct{})
			defer close(stalled)
			head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: test\r\nContent-Length: %d\r\n\r\n", tt.path, len(tt.prefix)+1000)
			resp := rawRequest(t, base, head, io.MultiReader(strings.NewReader(tt.prefix), stallReader(stalled)))
			b, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if want := errorBody(tt.message); resp.StatusCode != 422 || string(b) != want {
				t.Errorf("got  %d %s\nwant 422 %s", resp.StatusCode, b, want)
			}
		})
	}
}

// stallReader blocks until done is closed, as a client that stops sending.
type stallReader chan struct{}

func (r stallReader) Read([]byte) (int, error) {
	<-r
	return 0, io.EOF
}

func TestRejectedBlockChangesNothing(t *testing.T) {
	sim := servertest.NewSimulation(t)
	changes := 0
	base := servertest.Serve(t, server.NewHandler(sim, server.Config{OnChange: func() error { changes++; return nil }}))
	post(t, base, "/create-execution-environment", `{"ee":{"initial_state":"`+rootB64(0)+`","wasm_code":"`+b64(testee.Wasm("counter"))+`"}}`, 200, `0`)
	post(t, base, "/create-execution-environment", `{"ee":{"initial_state":"`+rootB64(0)+`","wasm_code":"`+b64(testee.Wasm("traps"))+`"}}`, 200, `1`)
	post(t, base, "/create-shard-block", `{"shard_index":2,"shard_block":{"transactions":[{"data":[1],"ee_index":0}]}}`, 200, `0`)

	// The counter's transaction runs, then the trap rejects the block.
	coreSim := servertest.NewSimulation(t)
	for _, name := range []string{"counter", "traps"} {
		if _, err := coreSim.CreateExecutionEnvironment(context.Background(), testee.Wasm(name), core.Root{}); err != nil {
			t.Fatal(err)
		}
	}
	txs := []core.ShardTransaction{{Data: []byte{1, 2}, EEIndex: 0}, {Data: []byte{3}, EEIndex: 1}}
	_, err := coreSim.CreateShardBlock(context.Background(), 2, txs)
	var txErr *core.TransactionError
	if !errors.As(err, &txErr) || txErr.Position != 1 {
		t.Fatalf("core: %v", err)
	}
	if !strings.HasPrefix(err.Error(), "create shard block on shard 2: transaction 1 (execution environment 1): ") {
		t.Fatalf("core's message: %v", err)
	}
	post(t, base, "/create-shard-block", `{"shard_index":2,"shard_block":{"transactions":[{"data":[1,2],"ee_index":0},{"data":[3],"ee_index":1}]}}`, 422, errorBody(err.Error()))

	post(t, base, "/get-execution-environment-state", `{"ee_index":0,"shard_index":2}`, 200, `"`+rootB64(1)+`"`)
	post(t, base, "/get-shard-block", `{"shard_index":2,"shard_slot_index":1}`, 404, errorBody("get shard block: shard 2 has no block 1: it has 1"))
	if changes != 3 {
		t.Errorf("onChange called %d times, want 3", changes)
	}
	if slot := sim.Slot(); slot != 1 {
		t.Errorf("slot %d, want 1", slot)
	}
}

// rawRequest writes head and then body on a new connection to base,
// without waiting for the server to read them, and returns the response.
func rawRequest(t *testing.T, base, head string, body io.Reader) *http.Response {
	t.Helper()
	return startRawRequest(t, base, head, body)()
}

// startRawRequest writes head and starts writing body on a new connection
// to base; the function it returns reads the response.
func startRawRequest(t *testing.T, base, head string, body io.Reader) func() *http.Response {
	t.Helper()
	conn := dial(t, base)
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	go io.Copy(conn, body) // stops when the server closes the connection
	return func() *http.Response {
		t.Helper()
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
}

// TestOversizedBodies checks that a body over its endpoint's cap is refused
// with 413, without the server reading it all: the client sends only part
// of the body and never ends it.
func TestOversizedBodies(t *testing.T) {
	base := servertest.Serve(t, server.NewHandler(servertest.NewSimulation(t), server.Config{OnChange: func() error {
		t.Error("onChange called")
		return nil
	}}))
	eeMessage := fmt.Sprintf("request body too large: /create-execution-environment takes at most %d bytes (MaxWasmCodeSize bytes of code in base64, with room for whitespace)", server.MaxCreateExecutionEnvironmentBody)
	blockMessage := fmt.Sprintf("request body too large: /create-shard-block takes at most %d bytes (MaxTransactionsPerBlock transactions of MaxTransactionDataSize bytes as numbers, with room for whitespace)", server.MaxCreateShardBlockBody)
	queryMessage := fmt.Sprintf("request body too large: /get-shard-state takes at most %d bytes (a query)", server.MaxQueryBody)
	if server.MaxCreateExecutionEnvironmentBody != 415150 || server.MaxCreateShardBlockBody != 1073852486 || server.MaxQueryBody != 65536 {
		t.Errorf("caps %d, %d, %d", server.MaxCreateExecutionEnvironmentBody, server.MaxCreateShardBlockBody, server.MaxQueryBody)
	}

	// An endless body that is valid JSON so far: the server must stop at its cap.
	endless := func(prefix string, fill byte) io.Reader {
		return io.MultiReader(strings.NewReader(prefix), &repeatReader{fill})
	}
	tests := []struct {
		name    string
		path    string
		length  string // the Content-Length header; chunked if empty
		body    io.Reader
		message string
	}{
		{"declared length over the EE cap", "/create-execution-environment", fmt.Sprint(server.MaxCreateExecutionEnvironmentBody + 1), endless(`{"ee":{"initial_state":"`, 'A'), eeMessage},
		{"declared length over the block cap", "/create-shard-block", "10000000000", endless(`{"shard_index":0,"shard_block":{"transactions":[{"ee_index":0,"data":[`, '1'), blockMessage},
		{"declared length over the query cap", "/get-shard-state", "65537", endless(`{"shard_index":0`, ' '), queryMessage},
		{"chunked body over the EE cap", "/create-execution-environment", "", endless(`{"ee":`, ' '), eeMessage},
		{"chunked body over the query cap", "/get-shard-state", "", endless(`{"shard_index":0`, ' '), queryMessage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head := "POST " + tt.path + " HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
			body := tt.body
			if tt.length != "" {
				head += "Content-Length: " + tt.length + "\r\n\r\n"
			} else {
				head += "Transfer-Encoding: chunked\r\n\r\n"
				body = &chunkedReader{r: body}
			}
			resp := rawRequest(t, base, head, body)
			b, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if want := errorBody(tt.message); resp.StatusCode != 413 || string(b) != want {
				t.Errorf("got  %d %s\nwant 413 %s", resp.StatusCode, b, want)
			}
		})
	}
}

// repeatReader reads fill forever.
type repeatReader struct{ fill byte }

func (r *repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.fill
	}
	return len(p), nil
}

// chunkedReader frames r in HTTP/1.1 chunks of up to 32 KiB, never ending.
type chunkedReader struct {
	r   io.Reader
	buf []byte
}

func (c *chunkedReader) Read(p []byte) (int, error) {
	if len(c.buf) == 0 {
		chunk := make([]byte, 32<<10)
		n, err := c.r.Read(chunk)
		if n == 0 {
			return 0, err
		}
		c.buf = fmt.Appendf(nil, "%x\r\n%s\r\n", n, chunk[:n])
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

// TestOnChange checks that onChange is called once after each successful
// change, seeing it, and that its failure answers 500 though the change
// stays made.
func TestOnChange(t *testing.T) {
	sim := servertest.NewSimulation(t)
	type seen struct{ ees, slot uint64 }
	var calls []seen
	var fail error
	base := servertest.Serve(t, server.NewHandler(sim, server.Config{OnChange: func() error {
		calls = append(calls, seen{sim.ExecutionEnvironmentCount(), sim.Slot()})
		return fail
	}}))
	createEE := `{"ee":{"initial_state":"` + rootB64(0) + `","wasm_code":"` + b64(testee.Wasm("counter")) + `"}}`
	createBlock := `{"shard_index":1,"shard_block":{"transactions":[{"data":[1],"ee_index":0}]}}`

	post(t, base, "/create-execution-environment", createEE, 200, `0`)
	post(t, base, "/create-shard-block", createBlock, 200, `0`)
	post(t, base, "/create-shard-block", createBlock, 200, `1`)
	post(t, base, "/get-shard-state", `{"shard_index":1}`, 200, `{"execution_environment_states":["`+rootB64(2)+`"]}`)
	do(t, http.MethodPost, base+"/create-shard-block", `{"shard_index":1,"shard_block":{"transactions":[{"data":[1],"ee_index":5}]}}`)
	do(t, http.MethodPost, base+"/create-execution-environment", `{"ee":{}}`)
	post(t, base, "/create-execution-environment", createEE, 200, `1`)
	want := []seen{{1, 0}, {1, 1}, {1, 2}, {2, 2}}
	if fmt.Sprint(calls) != fmt.Sprint(want) {
		t.Fatalf("onChange saw %v, want %v", calls, want)
	}

	fail = errors.New("write state.ssz: no space left on device")
	post(t, base, "/create-shard-block", createBlock, 500, errorBody("the change was made but could not be saved: write state.ssz: no space left on device"))
	post(t, base, "/create-execution-environment", createEE, 500, errorBody("the change was made but could not be saved: write state.ssz: no space left on device"))
	want = append(want, seen{2, 3}, seen{3, 3})
	if fmt.Sprint(calls) != fmt.Sprint(want) {
		t.Fatalf("onChange saw %v, want %v", calls, want)
	}
	fail = nil
	post(t, base, "/get-shard-block", `{"shard_index":1,"shard_slot_index":2}`, 200, `{"transactions":[{"data":[1],"ee_index":0}]}`)
	post(t, base, "/get-execution-environment-state", `{"ee_index":0,"shard_index":1}`, 200, `"`+rootB64(3)+`"`)
}

// TestWaitSaved checks that WaitSaved is called after each change that
// OnChange saved, and only then, outside the step that orders changes (a
// change can be made while another's WaitSaved waits), and that its
// failure answers 500 though the change stays made.
func TestWaitSaved(t *testing.T) {
	sim := servertest.NewSimulation(t)
	var (
		saves, waits int
		failSave     error
		failWait     error
		hold         = make(chan struct{}) // closed when WaitSaved may return
		holding      = make(chan struct{}, 1)
		holdNext     bool
	)
	base := servertest.Serve(t, server.NewHandler(sim, server.Config{
		OnChange: func() error { saves++; return failSave },
		WaitSaved: func() error {
			waits++
			if holdNext {
				holdNext = false
				holding <- struct{}{}
				<-hold
			}
			return failWait
		},
	}))
	createEE := `{"ee":{"initial_state":"` + rootB64(0) + `","wasm_code":"` + b64(testee.Wasm("counter")) + `"}}`
	createBlock := `{"shard_index":1,"shard_block":{"transactions":[{"data":[1],"ee_index":0}]}}`

	post(t, base, "/create-execution-environment", createEE, 200, `0`)
	do(t, http.MethodPost, base+"/create-shard-block", `{"shard_index":1,"shard_block":{"transactions":[{"data":[1],"ee_index":5}]}}`)
	post(t, base, "/get-shard-state", `{"shard_index":1}`, 200, `{"execution_environment_states":["`+rootB64(0)+`"]}`)
	if saves != 1 || waits != 1 {
		t.Fatalf("OnChange called %d times, WaitSaved %d; want 1 and 1", saves, waits)
	}

	// A block whose WaitSaved waits does not hold up the next block.
	holdNext = true
	held := make(chan response, 1)
	go func() { held <- do(t, http.MethodPost, base+"/create-shard-block", createBlock) }()
	<-holding
	post(t, base, "/create-shard-block", createBlock, 200, `1`)
	close(hold)
	if got := <-held; got.status != 200 || got.body != `0` {
		t.Errorf("the held block answered %d %s, want 200 0", got.status, got.body)
	}

	failWait = errors.New("sync sim.json.journal: input/output error")
	post(t, base, "/create-shard-block", createBlock, 500, errorBody("the change was made but could not be saved: sync sim.json.journal: input/output error"))
	failWait, failSave = nil, errors.New("write sim.json.journal: no space left on device")
	post(t, base, "/create-shard-block", createBlock, 500, errorBody("the change was made but could not be saved: write sim.json.journal: no space left on device"))
	if saves != 5 || waits != 4 {
		t.Errorf("OnChange called %d times, WaitSaved %d; want 5 and 4 (not after a failed OnChange)", saves, waits)
	}
	post(t, base, "/get-execution-environment-state", `{"ee_index":0,"shard_index":1}`, 200, `"`+rootB64(4)+`"`)
}

// TestConcurrentRequests sends blocks from 8 goroutines at once, each to
// its own shard, with reads in between; onChange must see every change
// alone and in order.
func TestConcurrentRequests(t *testing.T) {
	sim := servertest.NewSimulation(t)
	if _, err := sim.CreateExecutionEnvironment(context.Background(), testee.Wasm("counter"), core.Root{}); err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		slots []uint64
	)
	base := servertest.Serve(t, server.NewHandler(sim, server.Config{OnChange: func() error {
		if !mu.TryLock() {
			t.Error("onChange calls overlap")
			mu.Lock()
		}
		defer mu.Unlock()
		slots = append(slots, sim.Slot())
		return nil
	}}))
	const goroutines, blocks = 8, 20
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range blocks {
				body := fmt.Sprintf(`{"shard_index":%d,"shard_block":{"transactions":[{"data":[%d],"ee_index":0}]}}`, g, i)
				if got := do(t, http.MethodPost, base+"/create-shard-block", body); got.status != 200 || got.body != fmt.Sprint(i) {
					t.Errorf("shard %d block %d: %d %s", g, i, got.status, got.body)
				}
				if got := do(t, http.MethodPost, base+"/get-shard-block", fmt.Sprintf(`{"shard_index":%d,"shard_slot_index":%d}`, g, i)); got.body != fmt.Sprintf(`{"transactions":[{"data":[%d],"ee_index":0}]}`, i) {
					t.Errorf("shard %d block %d: %d %s", g, i, got.status, got.body)
				}
			}
		})
	}
	wg.Wait()
	for g := range uint64(goroutines) {
		if n, _ := sim.ShardBlockCount(g); n != blocks {
			t.Errorf("shard %d has %d blocks, want %d", g, n, blocks)
		}
		post(t, base, "/get-execution-environment-state", fmt.Sprintf(`{"ee_index":0,"shard_index":%d}`, g), 200, `"`+rootB64(blocks)+`"`)
	}
	if len(slots) != goroutines*blocks {
		t.Fatalf("onChange called %d times, want %d", len(slots), goroutines*blocks)
	}
	for i, slot := range slots {
		if slot != uint64(i+1) {
			t.Fatalf("onChange call %d saw slot %d, want %d", i, slot, i+1)
		}
	}
}

// TestRefusedBodyIsAnswered sends bodies much larger than the socket
// buffers, refused early on, with a plain http.Client, which reads the
// answer only once it has written the body or the server has closed the
// connection: the server must read the rest of the body, so that the
// client gets the answer rather than a connection reset.
func TestRefusedBodyIsAnswered(t *testing.T) {
	base := servertest.Serve(t, server.NewHandler(servertest.NewSimulation(t), server.Config{}))
	tail := strings.Repeat("1,", 10<<20) + "1]}]}}"
	tests := []struct {
		name, body string
		status     int
		message    string
	}{
		{"data past MaxTransactionDataSize", `{"shard_index":0,"shard_block":{"transactions":[{"ee_index":0,"data":[` + tail, 422,
			`field "shard_block.transactions[0].data": more than 262144 numbers exceed MaxTransactionDataSize (262144 bytes)`},
		{"an unknown field", `{"shard_index":0,"SHARD_BLOCK":{"transactions":[{"ee_index":0,"data":[` + tail, 400,
			`field "SHARD_BLOCK": unknown field; field names are matched exactly: did you mean "shard_block"?`},
		{"invalid JSON", `{"shard_index":0,"shard_block":{"transactions":[{"ee_index":0,"data":[x` + tail, 400,
			"request body is not valid JSON: invalid character 'x' looking for beginning of value (at byte 71)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 3 {
				post(t, base, "/create-shard-block", tt.body, tt.status, errorBody(tt.message))
			}
		})
	}
}
