package state

import (
	"cmp"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Recent is a source with saved state, as a list of recent stories shows
// it.
type Recent struct {
	Source   string    // the source as it was given when read
	Title    string    // the story's title
	LastRead time.Time // when its state was last saved
	Unread   int       // updates not read yet
}

// ListRecent lists the sources with saved state in dir, most recently
// read first. A directory that does not exist yet lists none; a file that
// cannot be read as state is left out, as is an older file of a source
// listed already.
func ListRecent(dir string) ([]Recent, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Recent
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ext) {
			continue
		}
		if r, ok := readRecent(filepath.Join(dir, e.Name())); ok {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b Recent) int {
		return cmp.Or(b.LastRead.Compare(a.LastRead), cmp.Compare(a.Source, b.Source))
	})
	seen := make(map[string]bool, len(out))
	return slices.DeleteFunc(out, func(r Recent) bool {
		dup := seen[r.Source]
		seen[r.Source] = true
		return dup
	}), nil
}

// readRecent reads one state file's entry in the recent list.
func readRecent(path string) (Recent, bool) {
	f, err := os.Open(path)
	if err != nil {
		return Recent{}, false
	}
	defer f.Close()
	s, _, err := decodeFirst(f, "", all)
	if err != nil {
		return Recent{}, false
	}
	read := make(map[string]bool, len(s.Read))
	for _, id := range s.Read {
		read[id] = true
	}
	r := Recent{Source: s.Source, Title: s.Meta.Title, LastRead: s.Saved}
	for i := range s.Updates {
		if !read[s.Updates[i].ID] {
			r.Unread++
		}
	}
	return r, true
}
