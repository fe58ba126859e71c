package core

import (
	"bytes"
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
// with 0x-hex bytes, and a checksum of them, and the page's EE projects
// beside them (docs/simulation-file.md):
//
//	{"format": "eeplay-simulation", "version": 3, "checksum": "sha256:0x...", "operations": [...], "projects": [...]}
//
// Version 2, without projects, and version 1, without the checksum either,
// are still read. The checksum covers the operations only: projects are
// checked by their shape (Project).
const (
	SimulationFileFormat  = "eeplay-simulation"
	SimulationFileVersion = 3
)

// simulationFile is a simulation file's JSON.
type simulationFile struct {
	Format     string      `json:"format"`
	Version    int         `json:"version"`
	Checksum   string      `json:"checksum,omitempty"`
	Operations []Operation `json:"operations"`
	Projects   []Project   `json:"projects,omitempty"`
}

// MarshalSimulationFile returns s as a simulation file that carries
// projects, which must be as a reader takes them (Project): each build's
// EE one of s's.
func MarshalSimulationFile(s *Simulation, projects []Project) ([]byte, error) {
	ops := s.Operations()
	if err := checkProjects(projects, eeCount(ops)); err != nil {
		return nil, fmt.Errorf("write simulation file: %w", err)
	}
	return marshalOperations(ops, projects)
}

// marshalOperations returns the simulation file that holds ops and
// projects, as they are.
func marshalOperations(ops []Operation, projects []Project) ([]byte, error) {
	var out bytes.Buffer
	encoder := json.NewEncoder(&out)
	// Projects' sources keep their < and & as they are, readable.
	encoder.SetEscapeHTML(false)
	encoder.SetIndent("", " ")
	err := encoder.Encode(simulationFile{
		Format:     SimulationFileFormat,
		Version:    SimulationFileVersion,
		Checksum:   OperationsChecksum(ops),
		Operations: ops,
		Projects:   projects,
	})
	if err != nil {
		return nil, fmt.Errorf("write simulation file: %w", err)
	}
	return bytes.TrimSuffix(out.Bytes(), []byte("\n")), nil
}

// eeCount is the number of EEs ops create.
func eeCount(ops []Operation) uint64 {
	var n uint64
	for _, op := range ops {
		if op.CreateExecutionEnvironment != nil {
			n++
		}
	}
	return n
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
// holds, running its EEs on engine, and returns it with the file's projects
// (none for a file before version 3).
func ReadSimulationFile(ctx context.Context, engine Engine, data []byte) (*Simulation, []Project, error) {
	ops, projects, err := ParseSimulationFile(data)
	if err != nil {
		return nil, nil, err
	}
	s, err := Replay(ctx, engine, ops)
	if err != nil {
		return nil, nil, fmt.Errorf("read simulation file: %w", err)
	}
	return s, projects, nil
}

// ParseSimulationFile returns the operations and the projects that data, a
// simulation file, holds, having checked its format, version and checksum,
// and the projects' shape (Project). Keys are matched exactly and each may
// appear once (package strictjson); unknown keys are an error.
func ParseSimulationFile(data []byte) ([]Operation, []Project, error) {
	if err := strictjson.Check(data, reflect.TypeFor[simulationFile]()); err != nil {
		var syntaxErr *strictjson.SyntaxError
		switch {
		case err == io.EOF:
			return nil, nil, errors.New("read simulation file: the file is empty: it was never written, or was cut short")
		case errors.As(err, &syntaxErr) || err == io.ErrUnexpectedEOF:
			return nil, nil, fmt.Errorf("read simulation file: not valid JSON (%w): the file is corrupt or cut short", err)
		case err == strictjson.ErrMoreAfter:
			return nil, nil, errors.New("read simulation file: more follows the JSON document: the file is corrupt")
		}
		return nil, nil, fmt.Errorf("read simulation file: %w", err)
	}
	var file simulationFile
	if err := json.Unmarshal(data, &file); err != nil {
		return nil, nil, fmt.Errorf("read simulation file: %w", err)
	}
	if file.Format != SimulationFileFormat {
		return nil, nil, fmt.Errorf("read simulation file: format is %q, want %q: not an eeplay simulation file", file.Format, SimulationFileFormat)
	}
	switch file.Version {
	case 1:
		// Written before files had checksums; one carries projects only
		// when the page saved its stored operations, some unreadable
		// (MarshalStoredOperations).
	case 2, SimulationFileVersion:
		if file.Checksum == "" {
			return nil, nil, fmt.Errorf("read simulation file: it has no checksum, which version %d files carry: the file is incomplete", file.Version)
		}
		if sum := OperationsChecksum(file.Operations); sum != file.Checksum {
			return nil, nil, fmt.Errorf("read simulation file: checksum mismatch: the file says %s, its operations hash to %s: the file is corrupt or was edited", file.Checksum, sum)
		}
		if file.Version == 2 && file.Projects != nil {
			return nil, nil, errors.New("read simulation file: version 2 files have no projects, which came with version 3: the file was edited")
		}
	default:
		return nil, nil, fmt.Errorf("read simulation file: version %d is not supported: this eeplay reads versions 1 to %d", file.Version, SimulationFileVersion)
	}
	if err := checkProjects(file.Projects, eeCount(file.Operations)); err != nil {
		return nil, nil, fmt.Errorf("read simulation file: %w", err)
	}
	return file.Operations, file.Projects, nil
}
