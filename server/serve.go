package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"

	"github.com/eeplay/eeplay/core"
)

// Serve serves sim on ln, configured by config, until ctx is done, and then
// shuts down: it stops accepting connections, closes idle ones, and lets
// the requests in flight finish for up to config.ShutdownGrace. Past it, it
// cancels the requests still running (a block stops and changes nothing)
// and closes every connection left: a client that trickles a body or never
// reads its response cannot hold it up. It returns how many connections it
// closed so, once every request has returned, so that the caller may close
// sim's engine. Its error is the listener's, if it fails first.
func Serve(ctx context.Context, ln net.Listener, sim *core.Simulation, config Config) (closed int, err error) {
	config = config.withDefaults()
	h := newHandler(sim, config)
	requests, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	var conns connections
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: config.ClientTimeout,
		IdleTimeout:       config.ClientTimeout,
		// The body's and the response's deadlines are the handler's, set
		// when it starts reading the body and writing the response: a
		// server-wide ReadTimeout or WriteTimeout would also count the
		// block's run.
		BaseContext: func(net.Listener) context.Context { return requests },
		ConnState:   conns.track,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return 0, err
	case <-ctx.Done():
	}

	grace, cancel := context.WithTimeout(context.Background(), config.ShutdownGrace)
	defer cancel()
	err = srv.Shutdown(grace)
	if err == nil {
		return 0, nil
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		return 0, err
	}
	cancelRequests()
	closed = conns.open()
	srv.Close()
	h.inFlight.wait()
	return closed, nil
}

// connections counts the server's open connections, whatever their state.
type connections struct {
	mu    sync.Mutex
	conns map[net.Conn]bool
}

// track is http.Server.ConnState.
func (c *connections) track(conn net.Conn, state http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch state {
	case http.StateNew:
		if c.conns == nil {
			c.conns = map[net.Conn]bool{}
		}
		c.conns[conn] = true
	case http.StateClosed, http.StateHijacked:
		delete(c.conns, conn)
	}
}

func (c *connections) open() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.conns)
}
