package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/eeplay/eeplay/internal/cliflags"
	"github.com/eeplay/eeplay/server"
	"github.com/eeplay/eeplay/wasmhost"
)

// serveUsage writes the serve command's help.
func serveUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: eeplay serve [--bind HOST:PORT] [--state FILE] [flags]

Serve runs the simulation headless, as an HTTP server with the API of the
reference simulation (quilt/simulation): POST /create-execution-environment,
/create-shard-block, /get-execution-environment,
/get-execution-environment-state, /get-shard-block and /get-shard-state,
with the same JSON. Errors are 4xx with {"error": "..."}. Package client is
a Go client for it; eeplay client-example tries a running server.

With --state, the simulation is loaded from FILE, if it exists, and from
FILE.journal, if it exists, at start, each EE and block under --timeout as
when it was made. Every change is appended to FILE.journal and synced to
the disk before it is answered, so that a change answered survives even
kill -9; FILE, a simulation file, is rewritten whole when the journal
outgrows it, at start when there is a journal, and at shutdown, which
removes the journal. While serve runs, FILE alone may miss the latest
changes: stop it before reading FILE elsewhere.

A request body is decoded as it arrives, within limits of memory shared
by all requests (a request that would go over them is answered 503, retry
later).

A client gets --client-timeout to send a request's headers, to send its
body, and to read the answer; an idle connection is closed after as long.
SIGINT or SIGTERM shuts the server down: requests in flight get
--shutdown-grace to finish, then the ones left are cancelled (a block
running stops and changes nothing), their connections are closed, and
serve exits 0.

Flags:
`)
	fs := newFlagSet("serve")
	addServeFlags(fs)
	printDefaults(w, fs)
}

// serveFlags are the flags of the serve command.
type serveFlags struct {
	bind          string
	state         string
	clientTimeout time.Duration
	shutdownGrace time.Duration
	engine        *engineFlags
}

func addServeFlags(fs *flag.FlagSet) *serveFlags {
	f := &serveFlags{}
	fs.StringVar(&f.bind, "bind", "127.0.0.1:8999", "listen on `HOST:PORT`")
	fs.StringVar(&f.state, "state", "", "load the simulation from `FILE` and FILE.journal, and save every change there before answering it")
	fs.DurationVar(&f.clientTimeout, "client-timeout", server.DefaultClientTimeout, "close a client that takes longer than `duration` to send a request's headers or body, or to read the answer, or that stays idle as long")
	fs.DurationVar(&f.shutdownGrace, "shutdown-grace", server.DefaultShutdownGrace, "at SIGINT or SIGTERM, let requests in flight finish for up to `duration`, then close them")
	f.engine = addEngineFlags(fs)
	return f
}

// runServe is the serve command.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve")
	flags := addServeFlags(fs)
	if ok, code := parseFlags(fs, args, cliflags.NoArguments, stdout, stderr, serveUsage); !ok {
		return code
	}
	config, err := flags.engine.config(nil)
	if err == nil && flags.clientTimeout <= 0 {
		err = fmt.Errorf("-client-timeout must be positive, got %s", flags.clientTimeout)
	}
	if err == nil && flags.shutdownGrace <= 0 {
		err = fmt.Errorf("-shutdown-grace must be positive, got %s", flags.shutdownGrace)
	}
	if err != nil {
		usageError(stderr, fs.Name(), err.Error())
		return exitUsage
	}
	fail := func(code int, err error) int {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
		return code
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	engine, err := wasmhost.New(ctx, config)
	if err != nil {
		return fail(exitUsage, err)
	}
	defer closeBeforeExit(engine)
	sim := flags.engine.newSimulation(engine)
	serverConfig := server.Config{ClientTimeout: flags.clientTimeout, ShutdownGrace: flags.shutdownGrace}
	var store *stateStore
	if flags.state != "" {
		store, err = openState(ctx, flags.state, sim, stdout)
		if err != nil {
			return fail(exitUsage, err)
		}
		serverConfig.OnChange, serverConfig.WaitSaved = store.save, store.waitSaved
	}

	listener, err := net.Listen("tcp", flags.bind)
	if err != nil {
		return fail(exitUsage, err)
	}
	fmt.Fprintf(stdout, "serving the simulation (%d EEs, slot %d) at http://%s\n", sim.ExecutionEnvironmentCount(), sim.Slot(), listener.Addr())
	type result struct {
		closed int
		err    error
	}
	served := make(chan result, 1)
	go func() {
		closed, err := server.Serve(ctx, listener, sim, serverConfig)
		served <- result{closed, err}
	}()
	var r result
	select {
	case r = <-served: // the listener failed
	case <-ctx.Done():
		// Say so at once: shutting down can take the grace period.
		fmt.Fprintln(stdout, "shutting down")
		r = <-served
	}
	if store != nil {
		// No request is in flight now: Serve returned.
		if err := store.close(); err != nil {
			return fail(exitFailed, fmt.Errorf("rewrite %s at shutdown: %w; the changes are in %s, which the next start loads", flags.state, err, store.journalPath))
		}
	}
	if r.err != nil {
		return fail(exitFailed, r.err)
	}
	switch {
	case r.closed == 1:
		fmt.Fprintf(stdout, "closed 1 connection still open after the shutdown grace of %s\n", flags.shutdownGrace)
	case r.closed > 1:
		fmt.Fprintf(stdout, "closed %d connections still open after the shutdown grace of %s\n", r.closed, flags.shutdownGrace)
	}
	return exitOK
}
