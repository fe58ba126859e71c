package core

import (
	"context"
	"fmt"
	"time"
)

// SetTimeLimit bounds how long EE code may run for one call: a block in
// CreateShardBlock, or a new EE's start function, which
// CreateExecutionEnvironment has the engine try. Past it, the call stops
// through its context and fails, changing nothing; 0, the default, sets no
// limit. An engine can stop a running EE only where it can be interrupted:
// natively, not on js/wasm, where the page ends its worker instead.
func (s *Simulation) SetTimeLimit(limit time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.timeLimit = limit
}

// withTimeLimit returns ctx limited to s.timeLimit, if set; the cause,
// which the engine reports, names what ran too long and the limit.
func (s *Simulation) withTimeLimit(ctx context.Context, what string) (context.Context, context.CancelFunc) {
	if s.timeLimit <= 0 {
		return ctx, func() {}
	}
	return context.WithTimeoutCause(ctx, s.timeLimit, fmt.Errorf("%s ran longer than the time limit of %s", what, s.timeLimit))
}
