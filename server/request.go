package server

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// request is one request being served: what its handler reads from and
// writes to, and the memory it holds.
type request struct {
	r        *http.Request
	w        http.ResponseWriter
	rc       *http.ResponseController
	endpoint endpoint
	config   Config
	share    share
	// bodyRead is set once the body has been read to its end; a
	// connection whose body was not is closed after the response.
	bodyRead bool
	// drainBody is set when decoding refused what the body holds before
	// its end: the rest is read and dropped after the answer, so that a
	// client still sending gets the answer rather than a connection reset.
	drainBody bool
}

func (h *handler) newRequest(w http.ResponseWriter, r *http.Request) *request {
	return &request{r: r, w: w, rc: http.NewResponseController(w), config: h.config, share: share{budget: &h.budget}}
}

// httpError is a failure and the status it answers with.
type httpError struct {
	status int
	err    error
}

func (e *httpError) Error() string { return e.err.Error() }

func (e *httpError) Unwrap() error { return e.err }

// errorResponse is the body of every failure.
type errorResponse struct {
	Error string `json:"error"`
}

// fail answers err, with its status if it is an *httpError, else 500.
func (q *request) fail(err error) {
	status := http.StatusInternalServerError
	var httpErr *httpError
	if errors.As(err, &httpErr) {
		status = httpErr.status
	}
	var busy *busyError
	if errors.As(err, &busy) {
		q.w.Header().Set("Retry-After", "1")
	}
	q.write(status, errorResponse{err.Error()})
}

// reply answers 200 with response: a value for encoding/json, or a
// streamedBody.
func (q *request) reply(response any) {
	if stream, ok := response.(streamedBody); ok {
		q.startResponse(http.StatusOK)
		w := bufio.NewWriterSize(q.w, 32<<10)
		// A failure here is the client's connection failing: the response
		// cannot say so, and the client sees it cut short.
		if stream(w) == nil {
			w.Flush()
		}
		return
	}
	q.write(http.StatusOK, response)
}

// streamedBody writes a response body too large to build whole first.
type streamedBody func(w io.Writer) error

// write answers status with v as the JSON body, with no trailing newline.
func (q *request) write(status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body, _ = json.Marshal(errorResponse{"encode response: " + err.Error()})
	}
	// A response is held until it is written; an error message is small,
	// and must be written even when the budget is spent.
	if status == http.StatusOK {
		if err := q.share.reserve(len(body)); err != nil {
			q.fail(err)
			return
		}
	}
	q.w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	q.startResponse(status)
	q.w.Write(body)
}

// drain reads and drops the rest of a body that decoding refused, once the
// answer is sent, within the body's cap and read deadline, holding nothing
// of it.
func (q *request) drain() {
	if !q.drainBody {
		return
	}
	_ = q.rc.Flush() // see startResponse
	io.Copy(io.Discard, q.r.Body)
}

// startResponse writes the headers of a JSON response of status, the
// client having ClientTimeout from now to read it.
func (q *request) startResponse(status int) {
	if !q.bodyRead && q.r.ContentLength != 0 {
		q.w.Header().Set("Connection", "close")
	}
	q.w.Header().Set("Content-Type", "application/json")
	// Only a server that cannot set deadlines (such as a test's recorder)
	// fails here, and it has no deadline to keep.
	_ = q.rc.SetWriteDeadline(time.Now().Add(q.config.ClientTimeout))
	q.w.WriteHeader(status)
}

// tooLarge is the failure of a body over its endpoint's cap.
func (q *request) tooLarge() error {
	return &httpError{http.StatusRequestEntityTooLarge, fmt.Errorf("request body too large: %s takes at most %d bytes (%s)", q.r.URL.Path, q.endpoint.maxBody, q.endpoint.capNote)}
}
