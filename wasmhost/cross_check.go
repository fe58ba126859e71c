package wasmhost

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/eeplay/eeplay/core"
)

// CrossCheck is an engine that runs every transaction on two engines and
// fails it if they disagree, so that each checks the other. It implements
// core.Engine.
//
// They must agree on whether the transaction fails, on its error message
// (without the stack traces, which differ by design) and on the whole
// receipt: post-state, ticks, deposits, logs, debug lines and child modules. When they
// agree, Reference's receipt and error are the result.
type CrossCheck struct {
	Reference, Candidate *Engine
}

var _ core.Engine = CrossCheck{}

var (
	_ core.TracingProgram   = crossCheckProgram{}
	_ core.ProfilingProgram = crossCheckProgram{}
)

// Compile compiles wasmCode on both engines, which must both accept it or
// both reject it.
func (c CrossCheck) Compile(ctx context.Context, wasmCode []byte) (core.Program, error) {
	reference, referenceErr := c.Reference.Compile(ctx, wasmCode)
	candidate, candidateErr := c.Candidate.Compile(ctx, wasmCode)
	switch {
	case referenceErr != nil && candidateErr != nil:
		return nil, referenceErr
	case referenceErr != nil:
		return nil, fmt.Errorf("cross-check: the %s engine rejects the module, the %s engine accepts it: %w", c.Reference.config.Engine, c.Candidate.config.Engine, referenceErr)
	case candidateErr != nil:
		return nil, fmt.Errorf("cross-check: the %s engine rejects the module, the %s engine accepts it: %w", c.Candidate.config.Engine, c.Reference.config.Engine, candidateErr)
	}
	return crossCheckProgram{check: c, reference: reference, candidate: candidate}, nil
}

type crossCheckProgram struct {
	check                CrossCheck
	reference, candidate core.Program
}

// Execute runs the transaction on both engines and compares the outcomes.
func (p crossCheckProgram) Execute(ctx context.Context, preState core.Root, data []byte) (core.Receipt, error) {
	receipt, err := p.reference.Execute(ctx, preState, data)
	candidateReceipt, candidateErr := p.candidate.Execute(ctx, preState, data)
	if d := outcomeDifference(receipt, err, candidateReceipt, candidateErr); d != nil {
		return receipt, p.check.disagree(d)
	}
	return receipt, err
}

// ExecuteTraced runs the transaction traced on both engines, which must
// also record the same trace: both reach the same host functions through
// one path.
func (p crossCheckProgram) ExecuteTraced(ctx context.Context, preState core.Root, data []byte) (core.Receipt, core.Trace, error) {
	receipt, trace, err := p.reference.(core.TracingProgram).ExecuteTraced(ctx, preState, data)
	candidateReceipt, candidateTrace, candidateErr := p.candidate.(core.TracingProgram).ExecuteTraced(ctx, preState, data)
	d := outcomeDifference(receipt, err, candidateReceipt, candidateErr)
	if d == nil && !reflect.DeepEqual(trace, candidateTrace) {
		d = &difference{"the trace", traceJSON(trace), traceJSON(candidateTrace)}
	}
	if d != nil {
		return receipt, trace, p.check.disagree(d)
	}
	return receipt, trace, err
}

// ExecuteProfiled profiles the transaction on the reference engine, or
// the candidate if only it can profile, and runs it on the other to
// compare outcomes as Execute does. The profiles are not compared: times
// differ by nature.
func (p crossCheckProgram) ExecuteProfiled(ctx context.Context, preState core.Root, data []byte) (core.Receipt, core.Profile, error) {
	profiled, plain, swapped := p.reference, p.candidate, false
	if _, ok := profiled.(core.ProfilingProgram); !ok {
		profiled, plain, swapped = p.candidate, p.reference, true
	}
	program, ok := profiled.(core.ProfilingProgram)
	if !ok {
		return core.Receipt{}, core.Profile{}, core.ErrCannotProfile
	}
	receipt, profile, err := program.ExecuteProfiled(ctx, preState, data)
	plainReceipt, plainErr := plain.Execute(ctx, preState, data)
	d := outcomeDifference(receipt, err, plainReceipt, plainErr)
	if swapped {
		d = outcomeDifference(plainReceipt, plainErr, receipt, err)
	}
	if d != nil {
		return receipt, profile, p.check.disagree(d)
	}
	return receipt, profile, err
}

// traceJSON is trace as JSON, for a message.
func traceJSON(trace core.Trace) string {
	b, _ := json.Marshal(trace)
	return string(b)
}

// disagree is the error of engines that differ by d.
func (c CrossCheck) disagree(d *difference) error {
	return fmt.Errorf("cross-check: the engines differ on %s (%s engine: %s; %s engine: %s)",
		d.what, c.Reference.config.Engine, d.reference, c.Candidate.config.Engine, d.candidate)
}

// difference is the first thing two outcomes differ in, and its two values.
type difference struct{ what, reference, candidate string }

func outcomeDifference(reference core.Receipt, referenceErr error, candidate core.Receipt, candidateErr error) *difference {
	if got, want := errorLine(candidateErr), errorLine(referenceErr); got != want {
		return &difference{"the error", want, got}
	}
	switch {
	case reference.PostState != candidate.PostState:
		return &difference{"the post-state", reference.PostState.String(), candidate.PostState.String()}
	case reference.Ticks != candidate.Ticks:
		return &difference{"ticks", fmt.Sprint(reference.Ticks), fmt.Sprint(candidate.Ticks)}
	case !slices.EqualFunc(reference.Deposits, candidate.Deposits, bytesEqual):
		return &difference{"deposits", fmt.Sprint(reference.Deposits), fmt.Sprint(candidate.Deposits)}
	case !slices.EqualFunc(reference.Logs, candidate.Logs, bytesEqual):
		return &difference{"logs", fmt.Sprint(reference.Logs), fmt.Sprint(candidate.Logs)}
	case !slices.Equal(reference.Debug, candidate.Debug):
		return &difference{"debug output", fmt.Sprintf("%q", reference.Debug), fmt.Sprintf("%q", candidate.Debug)}
	case !slices.Equal(reference.Modules, candidate.Modules):
		return &difference{"child modules", fmt.Sprintf("%+v", reference.Modules), fmt.Sprintf("%+v", candidate.Modules)}
	}
	return nil
}

func bytesEqual(a, b core.HexBytes) bool { return bytes.Equal(a, b) }

// errorLine is err's message without the wasm stack trace, or "no error".
func errorLine(err error) string {
	if err == nil {
		return "no error"
	}
	line, _, _ := strings.Cut(err.Error(), "\nwasm stack trace:")
	return fmt.Sprintf("%q", line)
}
