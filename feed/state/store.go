package state

import (
	"os"
	"sync"
)

// Store saves and loads state in one directory for a program that saves
// from background commands. A save is numbered when it is asked for, so a
// slow older save that runs after a newer one never overwrites it.
type Store struct {
	dir string

	mu      sync.Mutex
	next    uint64
	written map[string]uint64 // source -> number of the newest save written
}

// NewStore returns a store that keeps state in dir.
func NewStore(dir string) *Store {
	return &Store{dir: dir, written: make(map[string]uint64)}
}

// Dir returns the directory the store keeps state in.
func (st *Store) Dir() string { return st.dir }

// Path returns the file a source's state is kept in.
func (st *Store) Path(source string) string { return Path(st.dir, source) }

// Load reads a source's saved state; see Load. When there is none under
// source, the state of the first of its former names that has one (such
// as the argument as typed, which named sources before they had one name)
// is taken and moved to source, so a state saved by an older liveline is
// still found.
func (st *Store) Load(source string, formerly ...string) (*Saved, error) {
	s, err := Load(st.dir, source)
	if s != nil || err != nil {
		return s, err
	}
	for _, old := range formerly {
		if old == source {
			continue
		}
		s, err := Load(st.dir, old)
		if s == nil || err != nil {
			if err != nil {
				return nil, err
			}
			continue
		}
		s.Source = source
		if st.Save(source, s) == nil {
			os.Remove(Path(st.dir, old))
		}
		return s, nil
	}
	return nil, nil
}

// LoadFirst reads a source's saved state as far as a reader needs to show
// it (see the function LoadFirst); a state saved under a former name is
// read whole and moved, as Load does.
func (st *Store) LoadFirst(source string, first int, formerly ...string) (*Saved, Rest, error) {
	s, rest, err := LoadFirst(st.dir, source, first)
	if s != nil || err != nil {
		return s, rest, err
	}
	s, err = st.Load(source, formerly...)
	return s, nil, err
}

// SaveResult reports a finished save.
type SaveResult struct {
	Source  string
	Path    string
	Err     error
	Skipped bool // a newer save of the same source had already been written
}

// Saver numbers a save of s now and returns a function that performs it,
// for running in the background (a Bubble Tea command can wrap it as
// func() tea.Msg { return saver() }). s must not change afterwards; make it
// with Capture. Saves of one source are serialised, and one that finds a
// newer save already written does nothing.
func (st *Store) Saver(source string, s *Saved) func() SaveResult {
	st.mu.Lock()
	st.next++
	n := st.next
	st.mu.Unlock()
	return func() SaveResult { return st.save(source, s, n) }
}

// Save saves s for source now, on the calling goroutine.
func (st *Store) Save(source string, s *Saved) error {
	return st.Saver(source, s)().Err
}

func (st *Store) save(source string, s *Saved, n uint64) SaveResult {
	path := Path(st.dir, source)
	res := SaveResult{Source: source, Path: path}
	mu := lockFor(path)
	mu.Lock()
	defer mu.Unlock()
	st.mu.Lock()
	stale := st.written[source] > n
	st.mu.Unlock()
	if stale {
		res.Skipped = true
		return res
	}
	if res.Err = save(st.dir, path, source, s); res.Err == nil {
		st.mu.Lock()
		st.written[source] = n
		st.mu.Unlock()
	}
	return res
}
