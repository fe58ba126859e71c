package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"

	"github.com/eeplay/eeplay/internal/strictjson"
)

// A simulation file holds a whole simulation as its operations, in JSON
// with 0x-hex bytes, and a checksum of them (docs/simulation-file.md):
//
//	{"format": "eeplay-simulation", "version": 2, "checksum": "sha256:0x...", "operations": [...]}
//
// Version 1, without the checksum, is still read.
const (
	SimulationFileFormat  = "eeplay-simulation"
	SimulationFileVersion = 2
)

// simulationFile is a simulation file's JSON.
type simulationFile struct {
	Format     string      `json:"format"`
	Version    int         `json:"version"`
	Checksum   string      `json:"checksum,omitempty"`
	Operations []Operation `json:"operations"`
}

// MarshalSimulationFile returns s as a simulation file.
func MarshalSimulationFile(s *Simulation) ([]byte, error) {
	return marshalOperations(s.Operations())
}

// marshalOperations returns the simulation file that holds ops.
func marshalOperations(ops []Operation) ([]byte, error) {
	return json.MarshalIndent(simulationFile{
		Format:     SimulationFileFormat,
		Version:    SimulationFileVersion,
		Checksum:   OperationsChecksum(ops),
		Operations: ops,
	}, "", " ")
}

// OperationsChecksum is the checksum a simulation file gives ops:
// "sha256:0x" and the SHA-256 of their JSON array as Operation.MarshalJSON
// writes each, with no spaces: [op0,op1,...].
func OperationsChecksum(ops []Operation) string {
	h := sha256.New()
	h.Write([]byte{'['})
	for i, op := range ops {
		if i > 0 {
			h.Write([]byte{','})
		}
		encoded, _ := op.MarshalJSON() // never fails
		h.Write(encoded)
	}
	h.Write([]byte{']'})
	return "sha256:0x" + hex.EncodeToString(h.Sum(nil))
}

// ReadSimulationFile rebuilds the simulation that data, a simulation file,
// holds, running its EEs on engine.
func ReadSimulationFile(ctx context.Context, engine Engine, data []byte) (*Simulation, error) {
	ops, err := ParseSimulationFile(data)
	if err != nil {
		return nil, err
	}
	s, err := Replay(ctx, engine, ops)
	if err != nil {
		return nil, fmt.Errorf("read simulation file: %w", err)
	}
	return s, nil
}

// ParseSimulationFile returns the operations that data, a simulation file,
// holds, having checked its format, version and checksum. Keys are matched
// exactly and each may appear once (package strictjson); unknown keys are
// an error.
func ParseSimulationFile(data []byte) ([]Operation, error) {
	if err := strictjson.Check(data, reflect.TypeFor[simulationFile]()); err != nil {
		var syntaxErr *strictjson.SyntaxError
		switch {
		case err == io.EOF:
			return nil, errors.New("read simulation file: the file is empty: it was never written, or was cut short")
		case errors.As(err, &syntaxErr) || err == io.ErrUnexpectedEOF:
			return nil, fmt.Errorf("read simulation file: not valid JSON (%w): the file is corrupt or cut short", err)
		case err == strictjson.ErrMoreAfter:
			return nil, errors.New("read simulation file: more follows the JSON document: the file is corrupt")
		}
		return nil, fmt.Errorf("read simulation file: %w", err)
	}
	var file simulationFile
	if err := json.Unmarshal(data, &file); err != nil {
		return nil, fmt.Errorf("read simulation file: %w", err)
	}
	if file.Format != SimulationFileFormat {
		return nil, fmt.Errorf("read simulation file: format is %q, want %q: not an eeplay simulation file", file.Format, SimulationFileFormat)
	}
	switch file.Version {
	case 1:
		// Written before files had checksums.
	case SimulationFileVersion:
		if file.Checksum == "" {
			return nil, errors.New("read simulation file: it has no checksum, which version 2 files carry: the file is incomplete")
		}
		if sum := OperationsChecksum(file.Operations); sum != file.Checksum {
			return nil, fmt.Errorf("read simulation file: checksum mismatch: the file says %s, its operations hash to %s: the file is corrupt or was edited", file.Checksum, sum)
		}
	default:
		return nil, fmt.Errorf("read simulation file: version %d is not supported: this eeplay reads versions 1 and %d", file.Version, SimulationFileVersion)
	}
	return file.Operations, nil
}
