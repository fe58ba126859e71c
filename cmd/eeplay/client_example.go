package main

import (
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/eeplay/eeplay/client"
	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/cliflags"
	"github.com/eeplay/eeplay/scripts"
)

// clientExampleUsage writes the client-example command's help.
func clientExampleUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: eeplay client-example [--base_url URL] [--timeout DURATION]

Client-example tries a running simulation server (eeplay serve, or the
reference quilt/simulation), as the reference's example client does: it
creates the hashchain EE of scripts/, submits a block on shard 0 whose one
transaction hashes "hello" into it, and checks that the EE's state became
SHA-256(zero root || "hello"). It exits with code 1 if the state is not
that, and 2 if the server cannot be used, or does not answer a request
within --timeout.

Flags:
`)
	fs := newFlagSet("client-example")
	addClientExampleFlags(fs)
	printDefaults(w, fs)
}

// clientExampleFlags are the flags of the client-example command.
type clientExampleFlags struct {
	baseURL string
	timeout time.Duration
}

func addClientExampleFlags(fs *flag.FlagSet) *clientExampleFlags {
	f := &clientExampleFlags{}
	fs.StringVar(&f.baseURL, "base_url", "http://127.0.0.1:8999", "the server's `URL`")
	fs.DurationVar(&f.timeout, "timeout", client.DefaultTimeout, "give up on a request the server has not answered within `duration`")
	return f
}

// runClientExample is the client-example command.
func runClientExample(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("client-example")
	flags := addClientExampleFlags(fs)
	if ok, code := parseFlags(fs, args, cliflags.NoArguments, stdout, stderr, clientExampleUsage); !ok {
		return code
	}
	if flags.timeout <= 0 {
		usageError(stderr, fs.Name(), fmt.Sprintf("-timeout must be positive, got %s", flags.timeout))
		return exitUsage
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
		return exitUsage
	}

	ctx := context.Background()
	c := client.New(flags.baseURL, &http.Client{Timeout: flags.timeout})
	var zero core.Root
	ee, err := c.CreateExecutionEnvironment(ctx, zero, scripts.Hashchain)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "created EE %d (hashchain) at %s\n", ee, flags.baseURL)

	const shard = 0
	data := []byte("hello")
	block, err := c.CreateShardBlock(ctx, shard, []core.ShardTransaction{{EEIndex: ee, Data: data}})
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "created block %d on shard %d: EE %d hashes %q\n", block, shard, ee, data)

	got, err := c.GetExecutionEnvironmentState(ctx, ee, shard)
	if err != nil {
		return fail(err)
	}
	want := core.Root(sha256.Sum256(append(zero[:], data...)))
	if got != want {
		fmt.Fprintf(stdout, "EE %d on shard %d: %s, want %s: FAIL\n", ee, shard, got, want)
		return exitFailed
	}
	fmt.Fprintf(stdout, "EE %d on shard %d: %s, as expected: ok\n", ee, shard, got)
	return exitOK
}
