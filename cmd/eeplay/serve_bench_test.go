package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

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

// BenchmarkServeLargeBlocks sends 200 blocks of one 256 KiB transaction,
// one after another, to eeplay serve --state as a process of its own, and
// reports the mean time of a block among the first 20 and among the last
// 20, rewrites of the state file included: with the whole state file rewritten after every change, the second
// grew with the history (issue 19: 33 ms at block 0, 1.1 s from block
// 200); appended to the journal, it stays that of the first.
//
//	go test -run '^$' -bench ServeLargeBlocks -benchtime 1x ./cmd/eeplay
func BenchmarkServeLargeBlocks(b *testing.B) {
	const blocks, window = 200, 20
	data := make([]byte, 256<<10)
	for i := range data {
		data[i] = byte(i * 7)
	}
	for range b.N {
		b.StopTimer()
		p := startServeProcess(b, "--state", filepath.Join(b.TempDir(), "sim.json"))
		c := client.New(p.url, nil)
		ctx := context.Background()
		if _, err := c.CreateExecutionEnvironment(ctx, core.Root{}, testee.Wasm("counter")); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		times := make([]time.Duration, blocks)
		for i := range blocks {
			start := time.Now()
			if _, err := c.CreateShardBlock(ctx, 0, []core.ShardTransaction{{EEIndex: 0, Data: data}}); err != nil {
				b.Fatal(err)
			}
			times[i] = time.Since(start)
		}
		b.StopTimer()
		p.cmd.Process.Kill()
		p.cmd.Wait()
		mean := func(d []time.Duration) float64 {
			var sum time.Duration
			for _, t := range d {
				sum += t
			}
			return float64(sum) / float64(len(d)) / float64(time.Millisecond)
		}
		b.ReportMetric(mean(times[:window]), "ms/first-block")
		b.ReportMetric(mean(times[blocks-window:]), "ms/last-block")
	}
}
