package server

import (
	"fmt"
	"net/http"
	"sync"
)

// budget is the memory that the requests in flight may hold at once, in
// bytes: Config.MemoryBudget.
type budget struct {
	mu   sync.Mutex
	used int64
	max  int64
}

// share is the part of a budget one request holds.
type share struct {
	budget *budget
	held   int64
}

// busyError is the failure of a request that would go over the budget.
type busyError struct {
	max int64
}

func (e *busyError) Error() string {
	return fmt.Sprintf("server busy: the requests in flight already hold the %d bytes of data this server keeps at once (MemoryBudget): retry later", e.max)
}

// reserve takes n more bytes of the budget for the request, or fails with
// a 503 if the requests in flight hold too much already.
func (s *share) reserve(n int) error {
	b := s.budget
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.used+int64(n) > b.max {
		return &httpError{http.StatusServiceUnavailable, &busyError{b.max}}
	}
	b.used += int64(n)
	s.held += int64(n)
	return nil
}

// release gives back everything the request holds, once it is answered.
func (s *share) release() {
	b := s.budget
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used -= s.held
	s.held = 0
}
