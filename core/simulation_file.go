package core

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
)

// A simulation file holds a whole simulation as its operations, in JSON
// with 0x-hex bytes (docs/simulation-file.md):
//
//	{"format": "eeplay-simulation", "version": 1, "operations": [...]}
const (
	SimulationFileFormat  = "eeplay-simulation"
	SimulationFileVersion = 1
)

// simulationFile is a simulation file's JSON.
type simulationFile struct {
	Format     string      `json:"format"`
	Version    int         `json:"version"`
	Operations []Operation `json:"operations"`
}

// MarshalSimulationFile returns s as a simulation file.
func MarshalSimulationFile(s *Simulation) ([]byte, error) {
	return json.MarshalIndent(simulationFile{
		Format:     SimulationFileFormat,
		Version:    SimulationFileVersion,
		Operations: s.Operations(),
	}, "", " ")
}

// ReadSimulationFile rebuilds the simulation that data, a simulation file,
// holds, running its EEs on engine.
func ReadSimulationFile(ctx context.Context, engine Engine, data []byte) (*Simulation, error) {
	var file simulationFile
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&file); err != nil {
		return nil, fmt.Errorf("read simulation file: %w", err)
	}
	if file.Format != SimulationFileFormat {
		return nil, fmt.Errorf("read simulation file: format is %q, want %q: not an eeplay simulation file", file.Format, SimulationFileFormat)
	}
	if file.Version != SimulationFileVersion {
		return nil, fmt.Errorf("read simulation file: version %d is not supported: this eeplay reads version %d", file.Version, SimulationFileVersion)
	}
	s, err := Replay(ctx, engine, file.Operations)
	if err != nil {
		return nil, fmt.Errorf("read simulation file: %w", err)
	}
	return s, nil
}
