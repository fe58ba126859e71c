// Package servertest starts HTTP servers over real simulations for the
// tests of server and client, so that both set them up the same way. Only
// tests import it.
package servertest

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/wasmhost"
)

// NewSimulation returns an empty simulation on a fresh engine with the
// default config, closed when the test ends.
func NewSimulation(tb testing.TB) *core.Simulation {
	tb.Helper()
	return NewSimulationWithConfig(tb, wasmhost.Config{})
}

// NewSimulationWithConfig is NewSimulation on an engine made with config.
func NewSimulationWithConfig(tb testing.TB, config wasmhost.Config) *core.Simulation {
	tb.Helper()
	ctx := context.Background()
	engine, err := wasmhost.New(ctx, config)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { engine.Close(ctx) })
	return core.NewSimulation(engine)
}

// Serve serves h on a loopback port until the test ends and returns its
// base URL. Unlike httptest.Server, whose Close waits for the requests in
// flight, it drops them at the end: some tests leave a request stalled.
func Serve(tb testing.TB, h http.Handler) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	tb.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}
