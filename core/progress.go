package core

import "context"

// Progress is told that transaction index (from 0) of a block of total is
// about to run.
type Progress func(index, total int)

type progressKey struct{}

// WithProgress returns a context under which CreateShardBlock calls
// progress before each transaction, so that a caller can show how far a
// long block has got.
func WithProgress(ctx context.Context, progress Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, progress)
}

func progressFrom(ctx context.Context) Progress {
	progress, _ := ctx.Value(progressKey{}).(Progress)
	return progress
}
