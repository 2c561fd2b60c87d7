package model

import "testing"

// TestFromLayoutFollowsTheSource: where the updates were read from is part
// of a story's meta: a merge that changes it says so, and it survives a
// save and restore.
func TestFromLayoutFollowsTheSource(t *testing.T) {
	s := NewStory()
	first := snap(upd("a", "A", "one", 10))
	first.FromLayout = true
	if ch := s.Merge(first); !ch.Meta || !s.FromLayout {
		t.Fatalf("first merge: meta %v, FromLayout %v", ch.Meta, s.FromLayout)
	}
	again := snap(upd("a", "A", "one", 10))
	again.FromLayout = true
	if ch := s.Merge(again); !ch.Empty() {
		t.Errorf("the same reading changed the story: %+v", ch)
	}
	if r := Restore(s.Meta(), nil); !r.FromLayout {
		t.Error("restore lost FromLayout")
	}
	if ch := s.Merge(snap(upd("a", "A", "one", 10))); !ch.Meta || s.FromLayout {
		t.Errorf("a reading from structured data: meta %v, FromLayout %v", ch.Meta, s.FromLayout)
	}
}
