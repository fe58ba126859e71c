package client

import (
	"net/http"
	"testing"
)

// TestNewHasATimeout checks that a client made without an http.Client
// gives up on a server that does not answer, which http.DefaultClient never
// does, and that a given http.Client is used as it is.
func TestNewHasATimeout(t *testing.T) {
	if got := New("http://127.0.0.1:8999", nil).httpClient.Timeout; got != DefaultTimeout {
		t.Errorf("timeout %s, want DefaultTimeout, %s", got, DefaultTimeout)
	}
	given := &http.Client{}
	if got := New("http://127.0.0.1:8999", given).httpClient; got != given {
		t.Errorf("New used %p, not the http.Client given, %p", got, given)
	}
}
