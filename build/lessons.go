package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// lessonEntry is one lesson in lessons/index.json, which the page reads to
// list them. URL is relative to the site, so the site works under any path.
type lessonEntry struct {
	Name    string `json:"name"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Steps   int    `json:"steps"`
	URL     string `json:"url"`
}

// lessonManifest is a lesson's lesson.json (docs/lessons.md). The page
// validates it again, with a message for each field, as a leader's lesson
// never passes through the build; the build checks what it copies.
type lessonManifest struct {
	Title   string       `json:"title"`
	Summary string       `json:"summary"`
	Library []string     `json:"library"`
	Steps   []lessonStep `json:"steps"`
}

// lessonStep is one step of a lessonManifest.
type lessonStep struct {
	Title    string            `json:"title"`
	Text     string            `json:"text"`
	Hints    []string          `json:"hints"`
	Language string            `json:"language"`
	Entry    string            `json:"entry"`
	Starter  map[string]string `json:"starter"`
	Solution map[string]string `json:"solution"`
	Check    []struct {
		YAML   string `json:"yaml"`
		Expect string `json:"expect"`
	} `json:"check"`
	Wasm map[string]string `json:"wasm"`
}

// writeLessons copies every lesson, a directory lessons/NAME holding a
// lesson.json, into dir/NAME (the manifest and the files it names), the
// shared library, library/*.ts, into dir/lib, and writes dir/index.json,
// sorted by name. A lessons directory that does not exist makes an empty
// index.
func writeLessons(lessons, library, dir string) error {
	names, err := copyLibrary(library, filepath.Join(dir, "lib"), path.Join("lessons", "lib"))
	if err != nil {
		return fmt.Errorf("the lessons' library: %w", err)
	}
	entries, err := os.ReadDir(lessons)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("listing the lessons: %w", err)
	}
	index := []lessonEntry{}
	for _, entry := range entries {
		name := entry.Name()
		if !entry.IsDir() {
			continue
		}
		if name == "lib" {
			// dir/lib is the library's.
			return errors.New("lessons/lib: a lesson may not be named lib, the name of the shared library's folder in dist/lessons")
		}
		e, err := copyLesson(filepath.Join(lessons, name), filepath.Join(dir, name), name, names)
		if err != nil {
			return fmt.Errorf("lesson %s: %w", name, err)
		}
		index = append(index, e)
	}
	manifest, err := json.MarshalIndent(index, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.json"), append(manifest, '\n'), 0o644)
}

// copyLesson checks the lesson name's manifest in src, copies it and the
// files it names to dst, and returns the lesson's index entry. library
// holds the URLs of the shared library's files.
func copyLesson(src, dst, name string, library []string) (lessonEntry, error) {
	text, err := os.ReadFile(filepath.Join(src, "lesson.json"))
	if err != nil {
		return lessonEntry{}, err
	}
	decoder := json.NewDecoder(bytes.NewReader(text))
	decoder.DisallowUnknownFields()
	var m lessonManifest
	if err := decoder.Decode(&m); err != nil {
		return lessonEntry{}, fmt.Errorf("lesson.json: %w", err)
	}
	files, err := m.files(library)
	if err != nil {
		return lessonEntry{}, fmt.Errorf("lesson.json: %w", err)
	}
	for _, file := range append(files, "lesson.json") {
		if err := copyFile(filepath.Join(src, filepath.FromSlash(file)), filepath.Join(dst, filepath.FromSlash(file))); err != nil {
			return lessonEntry{}, fmt.Errorf("lesson.json names %s: %w", file, err)
		}
	}
	return lessonEntry{Name: name, Title: m.Title, Summary: m.Summary, Steps: len(m.Steps), URL: path.Join("lessons", name, "lesson.json")}, nil
}

// files checks what the build relies on in m, and returns the paths of
// the files it names, relative to the lesson's folder, sorted.
func (m lessonManifest) files(library []string) ([]string, error) {
	if m.Title == "" {
		return nil, errors.New("title is empty or missing")
	}
	if len(m.Steps) == 0 {
		return nil, errors.New("steps is empty or missing: a lesson has at least one step")
	}
	for i, name := range m.Library {
		if !slices.Contains(library, path.Join("lessons", "lib", name)) {
			return nil, fmt.Errorf("library[%d]: %q is not in the shared library (scripts/lib)", i, name)
		}
	}
	var files []string
	add := func(field, file string) error {
		if !path.IsAbs(file) && path.Clean(file) == file && !strings.HasPrefix(file, "../") && file != ".." && file != "." && !strings.Contains(file, `\`) {
			files = append(files, file)
			return nil
		}
		return fmt.Errorf("%s: %q is not a path inside the lesson's folder (relative, with / and no . or ..)", field, file)
	}
	addAll := func(field string, m map[string]string) error {
		for _, key := range slices.Sorted(maps.Keys(m)) {
			if err := add(fmt.Sprintf("%s[%q]", field, key), m[key]); err != nil {
				return err
			}
		}
		return nil
	}
	for i, s := range m.Steps {
		step := fmt.Sprintf("steps[%d]", i)
		if s.Language != "assemblyscript" && s.Language != "wat" {
			return nil, fmt.Errorf("%s.language: %q is not a language: want \"assemblyscript\" or \"wat\"", step, s.Language)
		}
		if err := add(step+".text", s.Text); err != nil {
			return nil, err
		}
		if len(s.Starter) == 0 || len(s.Solution) == 0 || len(s.Check) == 0 {
			return nil, fmt.Errorf("%s: starter, solution and check must each name at least one file", step)
		}
		if err := addAll(step+".starter", s.Starter); err != nil {
			return nil, err
		}
		if err := addAll(step+".solution", s.Solution); err != nil {
			return nil, err
		}
		if err := addAll(step+".wasm", s.Wasm); err != nil {
			return nil, err
		}
		for j, c := range s.Check {
			if c.Expect != "" && c.Expect != "pass" && c.Expect != "reject" {
				return nil, fmt.Errorf("%s.check[%d].expect: %q: want \"pass\" or \"reject\"", step, j, c.Expect)
			}
			if err := add(fmt.Sprintf("%s.check[%d].yaml", step, j), c.YAML); err != nil {
				return nil, err
			}
		}
	}
	slices.Sort(files)
	return slices.Compact(files), nil
}
