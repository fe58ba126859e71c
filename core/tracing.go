package core

import "context"

// A TracingProgram is a Program that can also record what a transaction
// does through the host functions. wasmhost's programs are.
type TracingProgram interface {
	Program
	// ExecuteTraced is Execute, also returning the transaction's Trace,
	// which on failure ends at the failure.
	ExecuteTraced(ctx context.Context, preState Root, data []byte) (Receipt, Trace, error)
}

// Tracer is told the trace of transaction index (from 0) of a block once
// it has run, failed or not.
type Tracer func(index int, trace Trace)

type tracerKey struct{}

// WithTracer returns a context under which CreateShardBlock records the
// trace of each transaction and gives it to tracer, so that a caller can
// show what a block did, to the failure if it fails. Without it,
// nothing is recorded.
func WithTracer(ctx context.Context, tracer Tracer) context.Context {
	return context.WithValue(ctx, tracerKey{}, tracer)
}

func tracerFrom(ctx context.Context) Tracer {
	tracer, _ := ctx.Value(tracerKey{}).(Tracer)
	return tracer
}
