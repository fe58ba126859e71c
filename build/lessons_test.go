package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// counterLesson is a valid one-step lesson.json.
const counterLesson = `{
  "title": "Counter",
  "summary": "Counts.",
  "library": ["eth2.ts"],
  "steps": [{
    "title": "Count",
    "text": "1/text.md",
    "hints": ["inline"],
    "language": "assemblyscript",
    "starter": {"main.ts": "1/starter.ts"},
    "solution": {"main.ts": "1/solution.ts"},
    "check": [{"yaml": "1/check.yaml"}, {"yaml": "1/bad.yaml", "expect": "reject"}],
    "wasm": {"child.wasm": "1/child.wasm"}
  }]
}`

func TestWriteLessons(t *testing.T) {
	scripts := t.TempDir()
	writeFiles(t, scripts, map[string]string{
		"lessons/counter/lesson.json":   counterLesson,
		"lessons/counter/1/text.md":     "# Count",
		"lessons/counter/1/starter.ts":  "starter",
		"lessons/counter/1/solution.ts": "solution",
		"lessons/counter/1/check.yaml":  "check",
		"lessons/counter/1/bad.yaml":    "bad",
		"lessons/counter/1/child.wasm":  "child",
		// Named by no field: not copied.
		"lessons/counter/notes.txt": "draft",
		// Not a lesson: a file beside them.
		"lessons/README.md": "about",
		"lib/eth2.ts":       "// lib",
		"lib/notes.md":      "not copied",
	})
	out := filepath.Join(t.TempDir(), "lessons")
	if err := writeLessons(filepath.Join(scripts, "lessons"), filepath.Join(scripts, "lib"), out); err != nil {
		t.Fatal(err)
	}
	want := `[
  {
    "name": "counter",
    "title": "Counter",
    "summary": "Counts.",
    "steps": 1,
    "url": "lessons/counter/lesson.json"
  }
]
`
	if got := readFile(t, filepath.Join(out, "index.json")); got != want {
		t.Errorf("index.json =\n%s\nwant\n%s", got, want)
	}
	wantFiles := []string{
		"counter/1/bad.yaml", "counter/1/check.yaml", "counter/1/child.wasm", "counter/1/solution.ts", "counter/1/starter.ts", "counter/1/text.md",
		"counter/lesson.json", "index.json", "lib/eth2.ts",
	}
	if got := listFiles(t, out); !reflect.DeepEqual(got, wantFiles) {
		t.Errorf("files = %v, want %v", got, wantFiles)
	}
}

func TestWriteLessonsWithoutLessons(t *testing.T) {
	out := t.TempDir()
	if err := writeLessons(filepath.Join(out, "none"), filepath.Join(out, "nolib"), out); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(out, "index.json")); got != "[]\n" {
		t.Errorf("index.json = %q, want an empty list", got)
	}
}

func TestWriteLessonsRefusesALessonNamedLib(t *testing.T) {
	scripts := t.TempDir()
	writeFiles(t, scripts, map[string]string{"lessons/lib/lesson.json": counterLesson})
	err := writeLessons(filepath.Join(scripts, "lessons"), filepath.Join(scripts, "lib"), t.TempDir())
	if got, want := errorText(err), "lessons/lib: a lesson may not be named lib, the name of the shared library's folder in dist/lessons"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func TestWriteLessonsErrors(t *testing.T) {
	edit := func(old, new string) string { return strings.Replace(counterLesson, old, new, 1) }
	tests := []struct {
		name     string
		manifest string
		err      string
	}{
		{"unknown field", edit(`"hints"`, `"hint"`), `lesson counter: lesson.json: json: unknown field "hint"`},
		{"no title", edit(`"title": "Counter"`, `"title": ""`), "lesson counter: lesson.json: title is empty or missing"},
		{"no steps", `{"title": "Counter", "steps": []}`, "lesson counter: lesson.json: steps is empty or missing: a lesson has at least one step"},
		{"unknown library file", edit(`["eth2.ts"]`, `["eth3.ts"]`), `lesson counter: lesson.json: library[0]: "eth3.ts" is not in the shared library (scripts/lib)`},
		{"bad language", edit(`"assemblyscript"`, `"rust"`), `lesson counter: lesson.json: steps[0].language: "rust" is not a language: want "assemblyscript" or "wat"`},
		{"path out of the folder", edit(`"1/starter.ts"`, `"../1/starter.ts"`),
			`lesson counter: lesson.json: steps[0].starter["main.ts"]: "../1/starter.ts" is not a path inside the lesson's folder (relative, with / and no . or ..)`},
		{"absolute path", edit(`"1/text.md"`, `"/1/text.md"`),
			`lesson counter: lesson.json: steps[0].text: "/1/text.md" is not a path inside the lesson's folder (relative, with / and no . or ..)`},
		{"no check", edit(`[{"yaml": "1/check.yaml"}, {"yaml": "1/bad.yaml", "expect": "reject"}]`, `[]`),
			"lesson counter: lesson.json: steps[0]: starter, solution and check must each name at least one file"},
		{"bad expect", edit(`"reject"`, `"fail"`), `lesson counter: lesson.json: steps[0].check[1].expect: "fail": want "pass" or "reject"`},
		{"missing file", edit(`"1/check.yaml"`, `"1/chek.yaml"`), "lesson counter: lesson.json names 1/chek.yaml: open LESSONS/counter/1/chek.yaml: no such file or directory"},
		{"not JSON", `{"title": `, "lesson counter: lesson.json: unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scripts := t.TempDir()
			writeFiles(t, scripts, map[string]string{
				"lessons/counter/lesson.json": tt.manifest,
				"lessons/counter/1/text.md":   "", "lessons/counter/1/starter.ts": "", "lessons/counter/1/solution.ts": "",
				"lessons/counter/1/check.yaml": "", "lessons/counter/1/bad.yaml": "", "lessons/counter/1/child.wasm": "",
				"lib/eth2.ts": "",
			})
			lessons := filepath.Join(scripts, "lessons")
			err := writeLessons(lessons, filepath.Join(scripts, "lib"), t.TempDir())
			if got := strings.ReplaceAll(errorText(err), lessons, "LESSONS"); got != tt.err {
				t.Errorf("error = %q, want %q", got, tt.err)
			}
		})
	}
}

// TestRepositoryLessons checks the lessons in scripts/lessons make an
// index, so that a broken manifest fails here rather than in the page.
func TestRepositoryLessons(t *testing.T) {
	out := t.TempDir()
	if err := writeLessons(filepath.Join("..", "scripts", "lessons"), filepath.Join("..", "scripts", "lib"), out); err != nil {
		t.Fatal(err)
	}
	index := readFile(t, filepath.Join(out, "index.json"))
	for _, want := range []string{`"name": "1-first-ee"`, `"name": "3-merkle-proof"`} {
		if !strings.Contains(index, want) {
			t.Errorf("index.json has no %s:\n%s", want, index)
		}
	}
}
