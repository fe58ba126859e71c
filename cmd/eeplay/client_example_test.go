package main

import (
	"net"
	"strings"
	"testing"
	"time"
)

// TestClientExampleTimeout runs client-example against a server that
// accepts and never answers: it must give up after --timeout.
func TestClientExampleTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			defer conn.Close()
		}
	}()
	url := "http://" + ln.Addr().String()

	var stdout, stderr strings.Builder
	exit := make(chan int, 1)
	go func() {
		exit <- run([]string{"client-example", "--base_url", url, "--timeout", "300ms"}, &stdout, &stderr)
	}()
	select {
	case code := <-exit:
		want := "eeplay client-example: /create-execution-environment: no answer from " + url + " within 300ms, the client's timeout: " +
			`Post "` + url + `/create-execution-environment": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` + "\n"
		if code != exitUsage || stdout.Len() > 0 || stderr.String() != want {
			t.Errorf("exit %d\nstdout %q\nstderr %q\nwant exit 2, stderr %q", code, stdout.String(), stderr.String(), want)
		}
	case <-time.After(20 * time.Second): // only so that a hang fails
		t.Fatal("client-example is still waiting")
	}
}

func TestClientExampleUsageErrors(t *testing.T) {
	var stdout, stderr strings.Builder
	code := run([]string{"client-example", "--timeout", "0"}, &stdout, &stderr)
	if want := "eeplay client-example: -timeout must be positive, got 0s\nRun 'eeplay client-example -h' for usage.\n"; code != exitUsage || stderr.String() != want {
		t.Errorf("exit %d, stderr %q\nwant exit 2, stderr %q", code, stderr.String(), want)
	}
}
