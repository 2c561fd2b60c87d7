package main

import (
	"context"
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
