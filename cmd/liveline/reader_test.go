package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/liveline-tui/liveline/feed/source"
	"github.com/liveline-tui/liveline/feed/state"
	"github.com/liveline-tui/liveline/tui"
)

// TestPersistKeepsTheNewestSave: the reader's saves go through
// state.Store, so a save taken earlier but written later does not replace
// a newer one.
func TestPersistKeepsTheNewestSave(t *testing.T) {
	name := repoFile("strike.xml")
	src, err := source.Open(source.Classify(name), source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	story, err := src.ReadOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	store := state.NewStore(t.TempDir())
	persist := persistTo(store, name, src, func() bool { return true })
	older := persist(tui.Persisted{Story: story, Read: []string{"old"}})
	newer := persist(tui.Persisted{Story: story, Read: []string{"new"}})
	if err := newer(); err != nil {
		t.Fatal(err)
	}
	if err := older(); err != nil {
		t.Fatal(err)
	}
	saved, err := store.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(saved.Read, []string{"new"}) || saved.Story().Len() != story.Len() {
		t.Errorf("saved read marks %q and %d updates; want the newer save's", saved.Read, saved.Story().Len())
	}
}

// TestOneFileOneState: a saved file named two ways (here from a subfolder)
// is one source with one state, and a state an older liveline saved under
// the path as typed is still found.
func TestOneFileOneState(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(repoFile("strike.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "saved.xml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	stateDir := t.TempDir()
	env := &environment{getenv: func(k string) string {
		if k == "XDG_STATE_HOME" {
			return stateDir
		}
		return ""
	}}
	t.Chdir(dir)
	// An older liveline saved the state under "saved.xml", as typed.
	store, _, _, _ := loadFirst("saved.xml", "saved.xml", env)
	src, err := source.Open(source.Classify("saved.xml"), source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	story, err := src.ReadOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	read := []string{story.At(0).ID}
	if err := persistTo(store, "saved.xml", src, func() bool { return true })(tui.Persisted{Story: story, Read: read})(); err != nil {
		t.Fatal(err)
	}
	for _, typed := range []string{"saved.xml", "../saved.xml"} {
		if typed == "../saved.xml" {
			t.Chdir(filepath.Join(dir, "sub"))
		}
		arg := source.Classify(typed)
		_, saved, _, notice := loadFirst(arg.Key(), arg.Given, env)
		if saved == nil || !slices.Equal(saved.Read, read) || notice != "" {
			t.Fatalf("%s: saved state %v, notice %q", typed, saved, notice)
		}
	}
}
