package replay

import (
	"slices"
	"time"

	"github.com/liveline-tui/liveline/feed/record"
	"github.com/liveline-tui/liveline/model"
)

// timeline is what a player plays: steps in time order, each a snapshot to
// merge into the story after the steps before it.
type timeline interface {
	len() int
	time(i int) time.Time
	// snapshot returns step i's snapshot: prepared, shared, read-only.
	snapshot(i int) (*model.Snapshot, error)
	// base returns a ready-made story state at or before n steps, without
	// merging: a recording's checkpoint, or nothing (after 0, ok false).
	base(n int) (after int, meta model.Snapshot, updates []model.Update, ok bool)
}

// recTimeline plays a recording, parsing each body once. Parsed snapshots
// are kept, with unchanged updates sharing one copy of their content.
type recTimeline struct {
	rec   *record.Recording
	snaps []*model.Snapshot
	canon map[canonKey]*model.Update
	// baseCache holds the last decoded checkpoint.
	baseAt      int
	baseMeta    model.Snapshot
	baseUpdates []model.Update
}

type canonKey struct {
	id   string
	hash uint64
}

func newRecTimeline(rec *record.Recording) *recTimeline {
	return &recTimeline{rec: rec, snaps: make([]*model.Snapshot, rec.Len()),
		canon: make(map[canonKey]*model.Update), baseAt: -1}
}

func (t *recTimeline) len() int             { return t.rec.Len() }
func (t *recTimeline) time(i int) time.Time { return t.rec.Steps[i].Time }

func (t *recTimeline) snapshot(i int) (*model.Snapshot, error) {
	if s := t.snaps[i]; s != nil {
		return s, nil
	}
	s, err := t.rec.Snapshot(i)
	if err != nil {
		// A body that no longer parses plays as a step that changes nothing.
		s = &model.Snapshot{Fetched: t.rec.Steps[i].Time}
	}
	for k := range s.Updates {
		u := &s.Updates[k]
		key := canonKey{u.ID, u.Hash}
		if c := t.canon[key]; c != nil && c.Published.Equal(u.Published) && c.Updated.Equal(u.Updated) {
			*u = *c
		} else {
			c := *u
			t.canon[key] = &c
		}
	}
	t.snaps[i] = s
	return s, err
}

func (t *recTimeline) base(n int) (int, model.Snapshot, []model.Update, bool) {
	cps := t.rec.Checkpoints()
	i, _ := slices.BinarySearch(cps, n+1)
	if i == 0 {
		return 0, model.Snapshot{}, nil, false
	}
	if cps[i-1] != t.baseAt {
		after, meta, updates, err := t.rec.Checkpoint(n)
		if err != nil || after == 0 && len(updates) == 0 {
			return 0, model.Snapshot{}, nil, false
		}
		t.baseAt, t.baseMeta, t.baseUpdates = after, meta, updates
	}
	return t.baseAt, t.baseMeta, t.baseUpdates, true
}

// feedTimeline plays a saved feed or page: each update appears at its
// published time, undated ones at the start.
type feedTimeline struct {
	meta  model.Snapshot // without updates
	all   []model.Update // oldest first
	times []time.Time    // distinct times, oldest first
	ends  []int          // ends[i]: updates in all at or before times[i]
	snaps []*model.Snapshot
}

func newFeedTimeline(s *model.Snapshot) *feedTimeline {
	t := &feedTimeline{meta: *s}
	t.meta.Updates = nil
	var start time.Time
	for _, u := range s.Updates {
		if u.HasTime() && (start.IsZero() || u.Published.Before(start)) {
			start = u.Published
		}
	}
	if start.IsZero() {
		start = s.Fetched
	}
	t.all = slices.Clone(s.Updates)
	at := func(u *model.Update) time.Time {
		if u.HasTime() {
			return u.Published
		}
		return start
	}
	// Oldest first; a feed lists newest first, so reverse before a stable
	// sort keeps the feed's own order among equal times.
	slices.Reverse(t.all)
	slices.SortStableFunc(t.all, func(a, b model.Update) int { return at(&a).Compare(at(&b)) })
	for i := range t.all {
		tm := at(&t.all[i])
		if n := len(t.times); n > 0 && t.times[n-1].Equal(tm) {
			t.ends[n-1] = i + 1
			continue
		}
		t.times = append(t.times, tm)
		t.ends = append(t.ends, i+1)
	}
	t.snaps = make([]*model.Snapshot, len(t.times))
	return t
}

func (t *feedTimeline) len() int             { return len(t.times) }
func (t *feedTimeline) time(i int) time.Time { return t.times[i] }

// snapshot holds only the updates new at step i: nothing older is missing
// from the story, so nothing is taken for removed.
func (t *feedTimeline) snapshot(i int) (*model.Snapshot, error) {
	if s := t.snaps[i]; s != nil {
		return s, nil
	}
	from := 0
	if i > 0 {
		from = t.ends[i-1]
	}
	s := t.meta
	s.Fetched = t.times[i]
	s.Updates = slices.Clone(t.all[from:t.ends[i]])
	slices.Reverse(s.Updates)
	t.snaps[i] = &s
	return &s, nil
}

func (t *feedTimeline) base(n int) (int, model.Snapshot, []model.Update, bool) {
	if n == 0 {
		return 0, model.Snapshot{}, nil, false
	}
	ups := slices.Clone(t.all[:t.ends[n-1]])
	slices.Reverse(ups)
	return n, t.meta, ups, true
}
