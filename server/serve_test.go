package server_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/eeplay/eeplay/internal/servertest"
	"github.com/eeplay/eeplay/server"
)

// serve runs server.Serve with config on a loopback port and returns its
// base URL, and a function that cancels its context and returns what Serve
// returned.
func serve(t *testing.T, config server.Config) (base string, stop func() (int, error)) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	type result struct {
		closed int
		err    error
	}
	done := make(chan result, 1)
	go func() {
		closed, err := server.Serve(ctx, ln, servertest.NewSimulation(t), config)
		done <- result{closed, err}
	}()
	stopped := false
	stop = func() (int, error) {
		t.Helper()
		cancel()
		stopped = true
		select {
		case r := <-done:
			return r.closed, r.err
		case <-time.After(20 * time.Second): // only so that a hang fails
			t.Fatal("Serve did not return")
			return 0, nil
		}
	}
	t.Cleanup(func() {
		if !stopped {
			stop()
		}
	})
	return "http://" + ln.Addr().String(), stop
}

// dial connects to base, with a deadline that only keeps a hang from
// lasting forever.
func dial(t *testing.T, base string) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	return conn
}

// trickle writes one byte of fill to conn every 20 ms until conn fails.
func trickle(conn net.Conn, fill byte) {
	go func() {
		for {
			if _, err := conn.Write([]byte{fill}); err != nil {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
}

// assertClosedByServer fails the test unless the server closes conn
// (before the deadline dial set), once r has read what it sent.
func assertClosedByServer(t *testing.T, r io.Reader) {
	t.Helper()
	_, err := io.ReadAll(r)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatal("the server did not close the connection")
	}
}

// TestSlowBodyTimesOut sends a body one byte every 20 ms: the server must
// answer 408 once ClientTimeout has passed and close the connection.
func TestSlowBodyTimesOut(t *testing.T) {
	base, _ := serve(t, server.Config{ClientTimeout: 300 * time.Millisecond})
	conn := dial(t, base)
	io.WriteString(conn, "POST /get-shard-state HTTP/1.1\r\nHost: test\r\nContent-Length: 60000\r\n\r\n{\"shard_index\":")
	trickle(conn, ' ')
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	want := errorBody("request body not received within the client timeout of 300ms: the client sent it too slowly")
	if resp.StatusCode != http.StatusRequestTimeout || string(b) != want {
		t.Errorf("got  %d %s\nwant 408 %s", resp.StatusCode, b, want)
	}
	assertClosedByServer(t, r)
}

// TestSlowClientsAreClosed checks that ClientTimeout closes a connection
// that never sends a request, one that trickles its headers, and one left
// idle after a request.
func TestSlowClientsAreClosed(t *testing.T) {
	base, _ := serve(t, server.Config{ClientTimeout: 300 * time.Millisecond})

	silent := dial(t, base)

	slowHeaders := dial(t, base)
	io.WriteString(slowHeaders, "POST /get-shard-state HTTP/1.1\r\nHost: test\r\nX-Slow: ")
	trickle(slowHeaders, 'a')

	idle := dial(t, base)
	io.WriteString(idle, "POST /get-shard-state HTTP/1.1\r\nHost: test\r\nContent-Length: 17\r\n\r\n{\"shard_index\":0}")
	r := bufio.NewReader(idle)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(resp.Body); resp.StatusCode != 200 || string(b) != `{"execution_environment_states":[]}` {
		t.Fatalf("got %d %s", resp.StatusCode, b)
	}

	for name, r := range map[string]io.Reader{"silent": silent, "slow headers": slowHeaders, "idle": r} {
		t.Run(name, func(t *testing.T) { assertClosedByServer(t, r) })
	}
}

// TestShutdownClosesWhatIsLeft checks that Serve, once its context is
// done, closes an idle connection at once, and one whose body is still
// trickling in once ShutdownGrace has passed, and then returns.
func TestShutdownClosesWhatIsLeft(t *testing.T) {
	base, stop := serve(t, server.Config{ClientTimeout: time.Minute, ShutdownGrace: 200 * time.Millisecond})

	idle := dial(t, base)
	io.WriteString(idle, "POST /get-shard-state HTTP/1.1\r\nHost: test\r\nContent-Length: 17\r\n\r\n{\"shard_index\":0}")
	idleReader := bufio.NewReader(idle)
	resp, err := http.ReadResponse(idleReader, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.ReadAll(resp.Body)

	// The server answers 100 Continue when the handler starts reading the
	// body: then the request is surely in flight.
	slow := dial(t, base)
	io.WriteString(slow, "POST /get-shard-state HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 60000\r\n\r\n")
	slowReader := bufio.NewReader(slow)
	if line, err := slowReader.ReadString('\n'); err != nil || line != "HTTP/1.1 100 Continue\r\n" {
		t.Fatalf("read %q, %v; want 100 Continue", line, err)
	}
	io.WriteString(slow, `{"shard_index":`)
	trickle(slow, ' ')

	closed, err := stop()
	if closed != 1 || err != nil {
		t.Errorf("Serve returned %d, %v; want 1 connection closed", closed, err)
	}
	assertClosedByServer(t, idleReader)
	assertClosedByServer(t, slowReader)
}
