package model

import (
	"slices"
	"time"
)

// Story is a live story as followed over time: every update ever seen,
// newest first, with edits and removals tracked.
//
// An update the story has handed out never changes: an edit, a removal or
// a return puts a new Update in its place, with the same ID and Seq. So a
// slice of a story's updates can be kept, and read on any goroutine, while
// the story merges on.
type Story struct {
	Title   string
	Summary string
	Link    string
	FeedURL string
	Total   int // updates the source says the story has, 0 when unknown

	CoverageStart, CoverageEnd time.Time
	FromLayout                 bool // the updates were read from the page's layout (see Snapshot)

	updates []*Update // newest first
	byID    map[string]*Update
	gen     uint64
	seq     uint64
	seen    []uint64 // by update Seq: the merge generation that last saw it
	pack    packer   // holds the text of the updates kept from readings after the first
}

// Changes says what a merge did.
type Changes struct {
	New     []*Update // updates not seen before, newest first
	Edited  []*Update // updates whose content changed; Previous holds the old version
	Removed []*Update // updates that vanished while the source still covered their time
	Meta    bool      // title, summary, link, total, coverage or where the updates were read from changed
}

// Empty reports whether the merge changed nothing.
func (c Changes) Empty() bool {
	return len(c.New) == 0 && len(c.Edited) == 0 && len(c.Removed) == 0 && !c.Meta
}

// NewStory returns an empty story.
func NewStory() *Story {
	return &Story{byID: make(map[string]*Update)}
}

// Len returns the number of updates in the story, removed ones included.
func (s *Story) Len() int { return len(s.updates) }

// At returns the i-th update, newest first.
func (s *Story) At(i int) *Update { return s.updates[i] }

// Updates returns the story's updates, newest first. The slice is the
// story's own: do not modify it, and do not keep it across a Merge.
func (s *Story) Updates() []*Update { return s.updates }

// ByID returns the update with the given ID, or nil.
func (s *Story) ByID(id string) *Update { return s.byID[id] }

// Index returns the position of the update with the given ID (newest first),
// or -1.
func (s *Story) Index(id string) int {
	u := s.byID[id]
	if u == nil {
		return -1
	}
	i, found := slices.BinarySearchFunc(s.updates, u, compareNewestFirst)
	if found && s.updates[i] == u {
		return i
	}
	return slices.Index(s.updates, u)
}

// compareNewestFirst orders updates newest first, earlier arrivals first on ties.
func compareNewestFirst(a, b *Update) int {
	if c := b.sortAt.Compare(a.sortAt); c != 0 {
		return c
	}
	switch {
	case a.seq < b.seq:
		return -1
	case a.seq > b.seq:
		return 1
	}
	return 0
}

// Merge folds a prepared snapshot into the story and reports what changed.
//
// An update is new, edited (its content hash changed; the old version is kept
// in Previous), unchanged, or removed. A feed is a window: updates older than
// the snapshot's oldest dated update have simply fallen off its end and stay
// as they are; only one that vanishes while the snapshot still covers its
// time is flagged removed (and stays readable). An update that comes back is
// no longer removed.
func (s *Story) Merge(snap *Snapshot) Changes {
	var ch Changes
	s.gen++
	if snap.Title != "" && snap.Title != s.Title {
		s.Title, ch.Meta = snap.Title, true
	}
	if snap.Summary != "" && snap.Summary != s.Summary {
		s.Summary, ch.Meta = snap.Summary, true
	}
	if snap.Link != "" && snap.Link != s.Link {
		s.Link, ch.Meta = snap.Link, true
	}
	if snap.FeedURL != s.FeedURL {
		s.FeedURL, ch.Meta = snap.FeedURL, true
	}
	if snap.Total != s.Total {
		s.Total, ch.Meta = snap.Total, true
	}
	if !snap.CoverageStart.Equal(s.CoverageStart) || !snap.CoverageEnd.Equal(s.CoverageEnd) {
		s.CoverageStart, s.CoverageEnd, ch.Meta = snap.CoverageStart, snap.CoverageEnd, true
	}
	if snap.FromLayout != s.FromLayout {
		s.FromLayout, ch.Meta = snap.FromLayout, true
	}

	// A first reading is kept where Prepare packed it; later ones are
	// copied, the few updates kept of them apart from the rest.
	adopt := len(s.updates) == 0 && snap.packed
	var oldest time.Time
	reorder := false
	inferred := snap.Fetched
	for i := range snap.Updates {
		in := &snap.Updates[i]
		at := in.Published
		if at.IsZero() {
			at = inferred
		} else {
			inferred = at
			if oldest.IsZero() || at.Before(oldest) {
				oldest = at
			}
		}
		old := s.byID[in.ID]
		if old == nil {
			u := *in
			if adopt {
				unshare(&u)
			} else {
				s.pack.update(&u)
			}
			u.Edited, u.Removed, u.Previous = false, false, nil
			u.sortAt, u.seq = at, s.seq
			s.seq++
			s.seen = append(s.seen, s.gen)
			s.byID[u.ID] = &u
			ch.New = append(ch.New, &u)
			continue
		}
		if s.seen[old.seq] == s.gen {
			continue // an ID given twice in one snapshot: the first stands
		}
		s.seen[old.seq] = s.gen
		if old.Hash == in.Hash {
			switch {
			case old.Removed:
				u := *old
				u.Removed = false
				if !in.Updated.IsZero() {
					u.Updated = in.Updated
				}
				ch.Edited = append(ch.Edited, s.replace(old, &u))
			case !in.Updated.IsZero() && !in.Updated.Equal(old.Updated):
				u := *old
				u.Updated = in.Updated
				s.replace(old, &u)
			}
			continue
		}
		prev := *old
		prev.Previous = nil
		u := *in
		s.pack.update(&u)
		u.Edited, u.Removed, u.Previous = true, false, &prev
		u.sortAt, u.seq = old.sortAt, old.seq
		if in.HasTime() && !in.Published.Equal(old.Published) {
			u.sortAt = at
			reorder = true
		}
		ch.Edited = append(ch.Edited, s.replace(old, &u))
	}

	if !oldest.IsZero() && len(snap.Updates) > 0 {
		for i, u := range s.updates {
			if s.seen[u.seq] == s.gen || u.Removed || !u.HasTime() || u.Published.Before(oldest) {
				continue
			}
			gone := *u
			gone.Removed = true
			s.updates[i] = &gone
			s.byID[gone.ID] = &gone
			ch.Removed = append(ch.Removed, &gone)
		}
	}

	if len(ch.New) > 0 {
		slices.SortStableFunc(ch.New, compareNewestFirst)
		s.updates = mergeSorted(s.updates, ch.New)
	}
	if reorder {
		slices.SortStableFunc(s.updates, compareNewestFirst)
	}
	return ch
}

// replace puts u in old's place, in order and by ID, and returns u. Until
// the story is sorted again, u is found where old was.
func (s *Story) replace(old, u *Update) *Update {
	i, found := slices.BinarySearchFunc(s.updates, old, compareNewestFirst)
	if !found || s.updates[i] != old {
		i = slices.Index(s.updates, old)
	}
	s.updates[i] = u
	s.byID[u.ID] = u
	return u
}

// mergeSorted merges two newest-first slices into one.
func mergeSorted(have, add []*Update) []*Update {
	if len(have) == 0 {
		return slices.Clone(add)
	}
	out := make([]*Update, 0, len(have)+len(add))
	i, j := 0, 0
	for i < len(have) && j < len(add) {
		if compareNewestFirst(add[j], have[i]) < 0 {
			out = append(out, add[j])
			j++
		} else {
			out = append(out, have[i])
			i++
		}
	}
	out = append(out, have[i:]...)
	return append(out, add[j:]...)
}

// Restore rebuilds a story from updates saved in display order (newest
// first), as read back from saved state. Flags, previous versions and order
// are kept as given.
func Restore(meta Snapshot, updates []Update) *Story {
	s := NewStory()
	s.Title, s.Summary, s.Link, s.FeedURL = meta.Title, meta.Summary, meta.Link, meta.FeedURL
	s.Total, s.CoverageStart, s.CoverageEnd = meta.Total, meta.CoverageStart, meta.CoverageEnd
	s.FromLayout = meta.FromLayout
	s.updates = make([]*Update, 0, len(updates))
	var newer time.Time
	for i := range updates {
		u := updates[i]
		if _, dup := s.byID[u.ID]; dup || u.ID == "" {
			continue
		}
		u.sortAt = u.Published
		if u.sortAt.IsZero() || (!newer.IsZero() && u.sortAt.After(newer)) {
			u.sortAt = newer
		}
		newer = u.sortAt
		u.seq = s.seq
		s.seq++
		s.seen = append(s.seen, 0)
		s.byID[u.ID] = &u
		s.updates = append(s.updates, &u)
	}
	return s
}

// Meta returns the story's title, summary, links, total and coverage as a
// snapshot without updates, the counterpart of Restore.
func (s *Story) Meta() Snapshot {
	return Snapshot{Title: s.Title, Summary: s.Summary, Link: s.Link, FeedURL: s.FeedURL,
		Total: s.Total, CoverageStart: s.CoverageStart, CoverageEnd: s.CoverageEnd, FromLayout: s.FromLayout}
}
