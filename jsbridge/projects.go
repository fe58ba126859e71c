//go:build js && wasm

package jsbridge

import (
	"fmt"
	"syscall/js"

	"github.com/eeplay/eeplay/core"
)

// The page's projects (api.ts Project) to and from core.Project. Here only
// the kinds of the values are checked; their shape is the core's to judge,
// with its messages (core.MarshalSimulationFile, core.ParseSimulationFile).

// projectsParam reads an array of the page's projects.
func projectsParam(obj js.Value, name string) ([]core.Project, error) {
	if v := obj.Get(name); js.Global().Get("Array").Call("isArray", v).Bool() && v.Length() > core.MaxProjects {
		return nil, badParameter("%s: %d projects exceed MaxProjects (%d)", name, v.Length(), core.MaxProjects)
	}
	projects := []core.Project{}
	err := arrayParam(obj, name, func(element js.Value, name string) error {
		if element.Type() != js.TypeObject {
			return badParameter("%s: want a project, got %s", name, describe(element))
		}
		var p core.Project
		var err error
		fields := []struct {
			name string
			to   *string
		}{{"id", &p.ID}, {"name", &p.Name}, {"language", &p.Language}, {"entry", &p.Entry}}
		for _, field := range fields {
			if *field.to, err = stringParam(element, field.name); err != nil {
				return fmt.Errorf("%s.%w", name, err)
			}
		}
		if p.Files, err = projectFilesParam(element, "files"); err != nil {
			return fmt.Errorf("%s.%w", name, err)
		}
		p.Builds = []core.ProjectBuild{}
		err = arrayParam(element, "builds", func(element js.Value, name string) error {
			build, err := projectBuildParam(element, name)
			p.Builds = append(p.Builds, build)
			return err
		})
		if err != nil {
			return fmt.Errorf("%s.%w", name, err)
		}
		projects = append(projects, p)
		return nil
	})
	return projects, err
}

// projectBuildParam reads a build, found at name.
func projectBuildParam(element js.Value, name string) (core.ProjectBuild, error) {
	var b core.ProjectBuild
	if element.Type() != js.TypeObject {
		return b, badParameter("%s: want a build, got %s", name, describe(element))
	}
	var err error
	if b.Version, err = indexParam(element, "version"); err != nil {
		return b, fmt.Errorf("%s.%w", name, err)
	}
	if b.EEIndex, err = indexParam(element, "eeIndex"); err != nil {
		return b, fmt.Errorf("%s.%w", name, err)
	}
	if b.Entry, err = stringParam(element, "entry"); err != nil {
		return b, fmt.Errorf("%s.%w", name, err)
	}
	if b.Files, err = projectFilesParam(element, "files"); err != nil {
		return b, fmt.Errorf("%s.%w", name, err)
	}
	return b, nil
}

// projectFilesParam reads an array of {path, text, readOnly?}.
func projectFilesParam(obj js.Value, name string) ([]core.ProjectFile, error) {
	files := []core.ProjectFile{}
	err := arrayParam(obj, name, func(element js.Value, name string) error {
		if element.Type() != js.TypeObject {
			return badParameter("%s: want {path, text, readOnly?}, got %s", name, describe(element))
		}
		var f core.ProjectFile
		var err error
		if f.Path, err = stringParam(element, "path"); err != nil {
			return fmt.Errorf("%s.%w", name, err)
		}
		if f.Text, err = stringParam(element, "text"); err != nil {
			return fmt.Errorf("%s.%w", name, err)
		}
		switch readOnly := element.Get("readOnly"); readOnly.Type() {
		case js.TypeUndefined:
		case js.TypeBoolean:
			f.ReadOnly = readOnly.Bool()
		default:
			return badParameter("%s.readOnly: want true, false or nothing, got %s", name, describe(readOnly))
		}
		files = append(files, f)
		return nil
	})
	return files, err
}

// projectValues returns projects as the page's objects.
func projectValues(projects []core.Project) []any {
	out := make([]any, len(projects))
	for i, p := range projects {
		builds := make([]any, len(p.Builds))
		for j, b := range p.Builds {
			builds[j] = map[string]any{"version": b.Version, "eeIndex": b.EEIndex, "entry": b.Entry, "files": projectFileValues(b.Files)}
		}
		out[i] = map[string]any{"id": p.ID, "name": p.Name, "language": p.Language, "entry": p.Entry, "files": projectFileValues(p.Files), "builds": builds}
	}
	return out
}

func projectFileValues(files []core.ProjectFile) []any {
	out := make([]any, len(files))
	for i, f := range files {
		file := map[string]any{"path": f.Path, "text": f.Text}
		if f.ReadOnly {
			file["readOnly"] = true
		}
		out[i] = file
	}
	return out
}
