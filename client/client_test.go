package client_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/eeplay/eeplay/client"
	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/servertest"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/server"
)

// counterRoot is the counter EE's state after data of n bytes in all.
func counterRoot(n byte) core.Root { return core.Root{n} }

func TestClientRoundTrip(t *testing.T) {
	ctx := context.Background()
	base := servertest.Serve(t, server.NewHandler(servertest.NewSimulation(t), server.Config{}))
	c := client.New(base+"/", nil) // a trailing slash is fine

	counter, trivial := testee.Wasm("counter"), testee.Wasm("trivial")
	initial := core.Root{0: 5, 31: 0xff}
	for i, code := range [][]byte{counter, trivial} {
		ee, err := c.CreateExecutionEnvironment(ctx, initial, code)
		if err != nil || ee != uint64(i) {
			t.Fatalf("CreateExecutionEnvironment: %d, %v; want %d", ee, err, i)
		}
	}
	ee, err := c.GetExecutionEnvironment(ctx, 0)
	if want := (core.ExecutionEnvironment{InitialState: initial, WasmCode: counter}); err != nil || !reflect.DeepEqual(ee, want) {
		t.Fatalf("GetExecutionEnvironment: %v, %v", ee, err)
	}

	txs := []core.ShardTransaction{{Data: []byte{0, 1, 255}, EEIndex: 0}, {Data: nil, EEIndex: 1}, {Data: []byte("hi"), EEIndex: 0}}
	for want := range uint64(2) {
		index, err := c.CreateShardBlock(ctx, 7, txs)
		if err != nil || index != want {
			t.Fatalf("CreateShardBlock: %d, %v; want %d", index, err, want)
		}
	}
	if index, err := c.CreateShardBlock(ctx, 8, nil); err != nil || index != 0 {
		t.Fatalf("CreateShardBlock of no transactions: %d, %v", index, err)
	}

	block, err := c.GetShardBlock(ctx, 7, 1)
	wantBlock := core.ShardBlock{Transactions: []*core.ShardTransaction{
		{Data: []byte{0, 1, 255}, EEIndex: 0}, {Data: []byte{}, EEIndex: 1}, {Data: []byte("hi"), EEIndex: 0},
	}}
	if err != nil || !reflect.DeepEqual(block, wantBlock) {
		t.Fatalf("GetShardBlock: %v, %v", block, err)
	}
	if block, err := c.GetShardBlock(ctx, 8, 0); err != nil || !reflect.DeepEqual(block, core.ShardBlock{Transactions: []*core.ShardTransaction{}}) {
		t.Fatalf("GetShardBlock of no transactions: %v, %v", block, err)
	}

	after := initial
	after[0] += 2 * 5 // two blocks with 5 bytes for the counter
	if root, err := c.GetExecutionEnvironmentState(ctx, 0, 7); err != nil || root != after {
		t.Fatalf("GetExecutionEnvironmentState: %v, %v; want %v", root, err, after)
	}
	if root, err := c.GetExecutionEnvironmentState(ctx, 0, 6); err != nil || root != initial {
		t.Fatalf("GetExecutionEnvironmentState on another shard: %v, %v; want %v", root, err, initial)
	}
	state, err := c.GetShardState(ctx, 7)
	if want := (core.ShardState{ExecutionEnvironmentStates: []core.Root{after, initial}}); err != nil || !reflect.DeepEqual(state, want) {
		t.Fatalf("GetShardState: %v, %v", state, err)
	}
}

func TestClientErrors(t *testing.T) {
	ctx := context.Background()
	sim := servertest.NewSimulation(t)
	for _, name := range []string{"counter", "traps"} {
		if _, err := sim.CreateExecutionEnvironment(ctx, testee.Wasm(name), core.Root{}); err != nil {
			t.Fatal(err)
		}
	}
	saveErr := errors.New("disk full")
	var failSave bool
	c := client.New(servertest.Serve(t, server.NewHandler(sim, server.Config{OnChange: func() error {
		if failSave {
			return saveErr
		}
		return nil
	}})), nil)
	_, trapErr := func() (uint64, error) {
		other := servertest.NewSimulation(t)
		for _, name := range []string{"counter", "traps"} {
			other.CreateExecutionEnvironment(ctx, testee.Wasm(name), core.Root{})
		}
		return other.CreateShardBlock(ctx, 3, []core.ShardTransaction{{Data: []byte{1}, EEIndex: 0}, {EEIndex: 1}})
	}()
	if trapErr == nil {
		t.Fatal("the traps EE did not fail")
	}

	tests := []struct {
		name     string
		call     func() error
		failSave bool
		status   int
		message  string
	}{
		{"no such EE", func() error { _, err := c.GetExecutionEnvironment(ctx, 2); return err }, false,
			404, "get execution environment: no execution environment 2: 2 exist"},
		{"no such EE state", func() error { _, err := c.GetExecutionEnvironmentState(ctx, 0, 64); return err }, false,
			404, "get execution environment state: shard 64 does not exist: ShardCount is 64"},
		{"no such block", func() error { _, err := c.GetShardBlock(ctx, 3, 0); return err }, false,
			404, "get shard block: shard 3 has no block 0: it has 0"},
		{"no such shard", func() error { _, err := c.GetShardState(ctx, 64); return err }, false,
			404, "get shard state: shard 64 does not exist: ShardCount is 64"},
		{"rejected block", func() error {
			_, err := c.CreateShardBlock(ctx, 3, []core.ShardTransaction{{Data: []byte{1}, EEIndex: 0}, {EEIndex: 1}})
			return err
		}, false, 422, trapErr.Error()},
		{"block on no shard", func() error { _, err := c.CreateShardBlock(ctx, 64, nil); return err }, false,
			422, "create shard block: shard 64 does not exist: ShardCount is 64"},
		{"code over the body cap", func() error {
			_, err := c.CreateExecutionEnvironment(ctx, core.Root{}, make([]byte, 320000))
			return err
		}, false, 413, fmt.Sprintf("request body too large: /create-execution-environment takes at most %d bytes (MaxWasmCodeSize bytes of code in base64, with room for whitespace)", server.MaxCreateExecutionEnvironmentBody)},
		{"code over MaxWasmCodeSize", func() error {
			_, err := c.CreateExecutionEnvironment(ctx, core.Root{}, make([]byte, core.MaxWasmCodeSize+1))
			return err
		}, false, 422, "create execution environment: wasm code of 262145 bytes exceeds MaxWasmCodeSize (262144 bytes)"},
		{"save fails", func() error { _, err := c.CreateShardBlock(ctx, 3, nil); return err }, true,
			500, "the change was made but could not be saved: disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			failSave = tt.failSave
			err := tt.call()
			var e *client.Error
			if !errors.As(err, &e) || e.StatusCode != tt.status || e.Message != tt.message {
				t.Fatalf("got %#v (%v)\nwant status %d, message %q", err, err, tt.status, tt.message)
			}
			if want := fmt.Sprintf("server: %d %s: %s", tt.status, http.StatusText(tt.status), tt.message); err.Error() != want {
				t.Errorf("Error() = %q, want %q", err.Error(), want)
			}
		})
	}
	// Only the block whose save failed was made.
	if n, _ := sim.ShardBlockCount(3); n != 1 {
		t.Errorf("shard 3 has %d blocks, want 1", n)
	}
}

func TestClientTransportErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	_, err = client.New("http://"+addr, nil).GetShardState(context.Background(), 0)
	var e *client.Error
	if err == nil || errors.As(err, &e) {
		t.Errorf("no server: got %v", err)
	}

	// A body that is not {"error": ...} becomes the message.
	plain := servertest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "upstream down", http.StatusBadGateway)
	}))
	_, err = client.New(plain, nil).GetShardState(context.Background(), 0)
	if !errors.As(err, &e) || *e != (client.Error{StatusCode: 502, Message: "upstream down"}) {
		t.Errorf("plain-text error: got %#v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	base := servertest.Serve(t, server.NewHandler(servertest.NewSimulation(t), server.Config{}))
	if _, err := client.New(base, nil).GetShardState(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v", err)
	}
}

// TestConcurrentClients runs 8 clients at once, each sending 20 blocks to
// its own shard and reading them back.
func TestConcurrentClients(t *testing.T) {
	ctx := context.Background()
	sim := servertest.NewSimulation(t)
	var changes int
	var mu sync.Mutex
	base := servertest.Serve(t, server.NewHandler(sim, server.Config{OnChange: func() error {
		mu.Lock()
		defer mu.Unlock()
		changes++
		return nil
	}}))
	if ee, err := client.New(base, nil).CreateExecutionEnvironment(ctx, core.Root{}, testee.Wasm("counter")); err != nil || ee != 0 {
		t.Fatal(ee, err)
	}
	const clients, blocks = 8, 20
	var wg sync.WaitGroup
	for g := range uint64(clients) {
		wg.Go(func() {
			c := client.New(base, &http.Client{})
			for i := range uint64(blocks) {
				txs := []core.ShardTransaction{{Data: make([]byte, g+1), EEIndex: 0}}
				if index, err := c.CreateShardBlock(ctx, g, txs); err != nil || index != i {
					t.Errorf("client %d block %d: %d, %v", g, i, index, err)
					return
				}
				if _, err := c.GetShardState(ctx, (g+1)%clients); err != nil {
					t.Errorf("client %d: %v", g, err)
				}
			}
		})
	}
	wg.Wait()
	c := client.New(base, nil)
	for g := range uint64(clients) {
		if n, _ := sim.ShardBlockCount(g); n != blocks {
			t.Errorf("shard %d has %d blocks, want %d", g, n, blocks)
		}
		if root, err := c.GetExecutionEnvironmentState(ctx, 0, g); err != nil || root != counterRoot(byte(blocks*(g+1))) {
			t.Errorf("shard %d: %v, %v; want %v", g, root, err, counterRoot(byte(blocks*(g+1))))
		}
		if block, err := c.GetShardBlock(ctx, g, blocks-1); err != nil || len(block.Transactions) != 1 || len(block.Transactions[0].Data) != int(g+1) {
			t.Errorf("shard %d's last block: %v, %v", g, block, err)
		}
	}
	if state, _ := c.GetShardState(ctx, clients); state.ExecutionEnvironmentStates[0] != (core.Root{}) {
		t.Errorf("shard %d changed: %v", clients, state)
	}
	if want := 1 + clients*blocks; changes != want || sim.Slot() != clients*blocks {
		t.Errorf("%d changes, slot %d; want %d, %d", changes, sim.Slot(), want, clients*blocks)
	}
}

// silentServer accepts connections on a loopback port and never answers;
// it returns the base URL.
func silentServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { conn.Close() })
		}
	}()
	return "http://" + ln.Addr().String()
}

// TestClientTimesOut checks that a server that accepts and never answers
// fails the call once the client's timeout has passed, saying so.
func TestClientTimesOut(t *testing.T) {
	base := silentServer(t)
	done := make(chan error, 1)
	go func() {
		_, err := client.New(base, &http.Client{Timeout: 200 * time.Millisecond}).GetShardState(context.Background(), 0)
		done <- err
	}()
	select {
	case err := <-done:
		want := "/get-shard-state: no answer from " + base + " within 200ms, the client's timeout: " +
			`Post "` + base + `/get-shard-state": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`
		if err == nil || err.Error() != want {
			t.Errorf("got  %v\nwant %s", err, want)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%v is not context.DeadlineExceeded", err)
		}
	case <-time.After(20 * time.Second): // only so that a hang fails
		t.Fatal("the client is still waiting")
	}
}
