package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"testing"

	"github.com/eeplay/eeplay/client"
	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
)

// BenchmarkServeClients measures the run of issue 19 against eeplay serve
// as a process of its own: 50 clients send 200 requests each, at once, 3
// of every 5 a block of one transaction of 150 bytes (6,000 blocks, a
// state file of about 2 MB, as the 6,043 blocks made 2.1 MB), the
// others reads of a shard's state, with and without --state. One
// iteration is the whole run, from a new server and state file; starting
// and stopping the server are not timed. Compare the medians of several
// runs:
//
//	go test -run '^$' -bench ServeClients -benchtime 1x -count 5 ./cmd/eeplay
func BenchmarkServeClients(b *testing.B) {
	for _, withState := range []bool{false, true} {
		b.Run(fmt.Sprintf("state=%t", withState), func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				var args []string
				if withState {
					args = []string{"--state", filepath.Join(b.TempDir(), "sim.json")}
				}
				p := startServeProcess(b, args...)
				transport := &http.Transport{MaxIdleConnsPerHost: 64}
				c := client.New(p.url, &http.Client{Transport: transport})
				ctx := context.Background()
				if _, err := c.CreateExecutionEnvironment(ctx, core.Root{}, testee.Wasm("counter")); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				serveClients(b, c)
				b.StopTimer()
				p.cmd.Process.Kill()
				p.cmd.Wait()
				transport.CloseIdleConnections()
			}
		})
	}
}

// serveClients sends the requests of BenchmarkServeClients with c.
func serveClients(b *testing.B, c *client.Client) {
	const clients, requests = 50, 200
	ctx := context.Background()
	data := make([]byte, 150)
	var wg sync.WaitGroup
	for g := range clients {
		wg.Go(func() {
			for i := range requests {
				shard := uint64((g + i) % core.ShardCount)
				var err error
				if i%5 < 3 {
					_, err = c.CreateShardBlock(ctx, shard, []core.ShardTransaction{{EEIndex: 0, Data: data}})
				} else {
					_, err = c.GetShardState(ctx, shard)
				}
				if err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}
