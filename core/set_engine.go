package core

import (
	"context"
	"fmt"
)

// SetEngine compiles every EE's code with engine and runs EEs on it from
// then on. No block runs again: states, blocks and receipts stay as they
// are. If any EE fails to compile, nothing changes.
func (s *Simulation) SetEngine(ctx context.Context, engine Engine) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	programs := make([]Program, len(s.state.ExecutionEnvironments))
	for i, ee := range s.state.ExecutionEnvironments {
		program, err := engine.Compile(ctx, ee.WasmCode)
		if err != nil {
			return fmt.Errorf("set engine: execution environment %d: %w", i, err)
		}
		programs[i] = program
	}
	s.engine, s.programs = engine, programs
	return nil
}
