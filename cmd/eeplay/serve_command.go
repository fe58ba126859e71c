package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/eeplay/eeplay/core"
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

With --state, the simulation is loaded from FILE at start, if it exists,
and saved to it after every change, so a restart loses nothing. SIGINT or
SIGTERM shuts the server down cleanly, after the requests in flight.

Flags:
`)
	fs := newFlagSet("serve")
	addServeFlags(fs)
	printDefaults(w, fs)
}

// serveFlags are the flags of the serve command.
type serveFlags struct {
	bind   string
	state  string
	engine *engineFlags
}

func addServeFlags(fs *flag.FlagSet) *serveFlags {
	f := &serveFlags{}
	fs.StringVar(&f.bind, "bind", "127.0.0.1:8999", "listen on `HOST:PORT`")
	fs.StringVar(&f.state, "state", "", "load the simulation from `FILE` and save it there after every change")
	f.engine = addEngineFlags(fs)
	return f
}

// shutdownGrace is how long requests in flight get to finish at shutdown.
const shutdownGrace = 10 * time.Second

// runServe is the serve command.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve")
	flags := addServeFlags(fs)
	if ok, code := parseFlags(fs, args, stdout, stderr, serveUsage); !ok {
		return code
	}
	if fs.NArg() > 0 {
		usageError(stderr, fs.Name(), fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
		return exitUsage
	}
	config, err := flags.engine.config(nil)
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
	defer engine.Close(context.Background())
	sim, err := loadState(ctx, flags.state, engine)
	if err != nil {
		return fail(exitUsage, err)
	}
	sim.SetTimeLimit(flags.engine.timeout)
	var onChange func() error
	if flags.state != "" {
		onChange = func() error { return saveState(flags.state, sim) }
	}

	listener, err := net.Listen("tcp", flags.bind)
	if err != nil {
		return fail(exitUsage, err)
	}
	srv := &http.Server{Handler: server.NewHandler(sim, server.Config{OnChange: onChange}), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(listener) }()
	fmt.Fprintf(stdout, "serving the simulation (%d EEs, slot %d) at http://%s\n", sim.ExecutionEnvironmentCount(), sim.Slot(), listener.Addr())

	select {
	case err := <-served:
		return fail(exitFailed, err)
	case <-ctx.Done():
	}
	fmt.Fprintln(stdout, "shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fail(exitFailed, fmt.Errorf("shut down: %w", err))
	}
	return exitOK
}

// loadState returns the simulation in the file at path, or an empty one if
// path is "" or there is no such file yet.
func loadState(ctx context.Context, path string, engine core.Engine) (*core.Simulation, error) {
	if path == "" {
		return core.NewSimulation(engine), nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return core.NewSimulation(engine), nil
	}
	if err != nil {
		return nil, err
	}
	sim, err := core.ReadSimulationFile(ctx, engine, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return sim, nil
}

// saveState writes sim to path whole or not at all: to a temporary file
// beside it, then renamed over it.
func saveState(path string, sim *core.Simulation) error {
	data, err := core.MarshalSimulationFile(sim)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
