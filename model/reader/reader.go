// Package reader is one story as a person reads it: the story with its
// search index and figures board, the read marks and stars, the unread
// count, the filters and the reader's place in the timeline. It holds no
// UI types and does no I/O: the terminal reader hands it readings of the
// source and the person's actions, and draws what it reports.
//
// Building the index and the board of a large story takes longer than a
// frame, so it is split off: Prepare and Build run on any goroutine and
// touch nothing the Reader holds, and Install and SetBuilt take their
// results in at once. Apply does all of it in one call, for small stories.
package reader

import (
	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/figures"
	"github.com/liveline-tui/liveline/model/search"
)

// Reader is one story as a person reads it. Its methods are called from
// one goroutine.
type Reader struct {
	story  *model.Story
	index  *search.Index  // nil until built
	board  *figures.Board // nil until built
	loaded bool           // the first reading has arrived

	read, starred map[string]bool
	unread        int
	unreadKeys    int // unread key events
	newCount      int // new updates that did not move the reader

	keyOnly bool
	query   search.Query
	result  *search.Result
	extra   map[string]bool // matches of updates that arrived after result, by ID

	list list
}

// New returns a reader with no story yet.
func New() *Reader {
	return &Reader{
		story:   model.NewStory(),
		read:    make(map[string]bool),
		starred: make(map[string]bool),
	}
}

// Restore returns a reader of a story read in an earlier run, with its
// read marks and stars. The story shows at once; its index and board are
// built with Build and taken in with SetBuilt.
func Restore(story *model.Story, read, starred []string) *Reader {
	r := New()
	r.story = story
	for _, id := range read {
		r.read[id] = true
	}
	for _, id := range starred {
		r.starred[id] = true
	}
	r.countUnread()
	r.loaded = story.Len() > 0
	r.rebuild()
	return r
}

// Story is the story read. Treat it as read-only.
func (r *Reader) Story() *model.Story { return r.story }

// Index is the story's search index, or nil while it is being built.
func (r *Reader) Index() *search.Index { return r.index }

// Board is the story's figures board, or nil while it is being built.
func (r *Reader) Board() *figures.Board { return r.board }

// Loaded reports whether the story has had its first reading (or was
// restored with updates).
func (r *Reader) Loaded() bool { return r.loaded }

// Built reports whether the index and the board are ready.
func (r *Reader) Built() bool { return r.index != nil }

// Unread is how many updates have not been read.
func (r *Reader) Unread() int { return r.unread }

// NewCount is how many updates arrived without moving the reader to them,
// the "N new" badge.
func (r *Reader) NewCount() int { return r.newCount }

// IsRead reports whether the update has been read.
func (r *Reader) IsRead(id string) bool { return r.read[id] }

// IsStarred reports whether the update is starred.
func (r *Reader) IsStarred(id string) bool { return r.starred[id] }

// Marks returns the IDs of the story's read and starred updates, newest
// first, for saving.
func (r *Reader) Marks() (read, starred []string) {
	for _, u := range r.story.Updates() {
		if r.read[u.ID] {
			read = append(read, u.ID)
		}
		if r.starred[u.ID] {
			starred = append(starred, u.ID)
		}
	}
	return read, starred
}

// NeedsPrepare reports whether a reading must be prepared in full rather
// than merged: the story's first reading, or one that replaces the story.
func (r *Reader) NeedsPrepare(replace bool) bool { return replace || !r.loaded }

// Prepared is a reading made into a story of its own, off the update loop.
type Prepared struct {
	story   *model.Story
	changes model.Changes
	replace bool
	read    map[string]bool // a first reading's updates, all read
}

// Prepare makes a story of a first reading, or of one that replaces the
// story. It may run on any goroutine.
func Prepare(snap *model.Snapshot, replace bool) *Prepared {
	p := &Prepared{replace: replace}
	if replace {
		p.story = model.Restore(*snap, snap.Updates)
		p.changes = model.Changes{New: p.story.Updates(), Meta: true}
	} else {
		p.story = model.NewStory()
		p.changes = p.story.Merge(snap)
		p.read = make(map[string]bool, len(p.changes.New))
		for _, u := range p.changes.New {
			p.read[u.ID] = true
		}
	}
	return p
}

// PrepareStory takes a whole story read elsewhere (the rest of a story
// restored in part) as one that replaces the story read.
func PrepareStory(st *model.Story) *Prepared {
	return &Prepared{story: st, changes: model.Changes{New: st.Updates(), Meta: true}, replace: true}
}

// Story is the prepared story.
func (p *Prepared) Story() *model.Story { return p.story }

// Built is a story's search index and figures board.
type Built struct {
	story *model.Story
	index *search.Index
	board *figures.Board
}

// Build indexes every update of story and reads its figures. It may run
// on any goroutine while the story is not merged into.
func Build(story *model.Story) *Built {
	b := &Built{story: story, index: search.NewIndex(), board: figures.NewBoard()}
	for _, u := range story.Updates() {
		b.index.Add(u)
	}
	b.board.Apply(model.Changes{New: story.Updates()})
	return b
}

// Result says what a reading changed for the person reading.
type Result struct {
	Changes model.Changes
	// First is set for the story's first reading: everything in it is old
	// news, read already.
	First bool
	// Moved is set when the selection followed new updates.
	Moved bool
}

// Apply takes a reading of the source in: the story's first reading, one
// that replaces it (a replay seeking back), or news merged into it. rows is
// the timeline's height; follow says the selection may move to new updates,
// because the person is not reading; it moves only from the newest
// update. The index and
// board must be built unless the reading needs preparing.
func (r *Reader) Apply(snap *model.Snapshot, replace bool, rows int, follow bool) Result {
	if r.NeedsPrepare(replace) {
		res := r.Install(Prepare(snap, replace), rows)
		r.SetBuilt(Build(r.story))
		return res
	}
	follow = follow && r.list.atNewest()
	ch := r.story.Merge(snap)
	for _, u := range ch.New {
		r.index.Add(u)
	}
	for _, u := range ch.Edited {
		r.index.Add(u)
	}
	r.board.Apply(ch)
	for _, u := range ch.New {
		if !r.read[u.ID] {
			r.unread++
			if u.Key {
				r.unreadKeys++
			}
		}
	}
	if len(ch.Edited) > 0 {
		r.countUnreadKeys() // an edit may make an update a key event
	}
	r.noteMatches(ch)
	res := Result{Changes: ch}
	r.rebuild()
	if follow {
		r.list.selectIndex(r.list.newestIndex(), rows)
		r.newCount = 0
		for _, u := range ch.New {
			if !r.keep(u) {
				r.newCount++ // hidden by the filter, still news
			}
		}
		res.Moved = len(ch.New) > 0
	} else {
		r.newCount += len(ch.New)
	}
	r.list.clamp(rows)
	return res
}

// Install takes a prepared story in. Its index and board are built next
// (Build, then SetBuilt); until then the reader shows the story but cannot
// search it or count its figures.
func (r *Reader) Install(p *Prepared, rows int) Result {
	first := !r.loaded
	r.loaded = true
	r.story = p.story
	r.index, r.board = nil, nil
	r.result, r.extra = nil, nil
	switch {
	case first && !p.replace && len(r.read) == 0:
		r.read = p.read
		r.unread, r.unreadKeys = 0, 0
	case first && !p.replace:
		for id := range p.read {
			r.read[id] = true
		}
		r.unread, r.unreadKeys = 0, 0
	default:
		r.countUnread()
	}
	r.rebuild()
	if first {
		r.list.selectIndex(r.list.newestIndex(), rows)
		r.newCount = 0
	}
	r.list.clamp(rows)
	return Result{Changes: p.changes, First: first}
}

// SetBuilt takes in the index and board built for the story shown. It
// reports false, taking nothing, when they were built for another story.
// A search in force must be run again on the new index.
func (r *Reader) SetBuilt(b *Built) bool {
	if b.story != r.story {
		return false
	}
	r.index, r.board = b.index, b.board
	return true
}

func (r *Reader) countUnread() {
	r.unread = 0
	for _, u := range r.story.Updates() {
		if !r.read[u.ID] {
			r.unread++
		}
	}
	r.countUnreadKeys()
}

// noteMatches records whether updates that arrived after the search ran
// match it, so the filter keeps showing new matches.
func (r *Reader) noteMatches(ch model.Changes) {
	if r.query.Empty() {
		return
	}
	if r.extra == nil {
		r.extra = make(map[string]bool)
	}
	for _, us := range [][]*model.Update{ch.New, ch.Edited} {
		for _, u := range us {
			r.extra[u.ID] = r.query.Match(u)
		}
	}
}

// keep is the timeline's filter: key events (and starred updates) only,
// and the search.
func (r *Reader) keep(u *model.Update) bool {
	if r.keyOnly && !u.Key && !r.starred[u.ID] {
		return false
	}
	if r.query.Empty() {
		return true
	}
	if v, ok := r.extra[u.ID]; ok {
		return v
	}
	return r.result.Has(u)
}

// Keep reports whether the filters show the update.
func (r *Reader) Keep(u *model.Update) bool { return r.keep(u) }

func (r *Reader) rebuild() {
	if !r.keyOnly && r.query.Empty() {
		r.list.rebuild(r.story.Updates(), nil)
		return
	}
	r.list.rebuild(r.story.Updates(), r.keep)
}

// UnreadKeys is how many key events have not been read.
func (r *Reader) UnreadKeys() int { return r.unreadKeys }

// countUnreadKeys counts the unread key events afresh.
func (r *Reader) countUnreadKeys() {
	r.unreadKeys = 0
	for _, u := range r.story.Updates() {
		if u.Key && !r.read[u.ID] {
			r.unreadKeys++
		}
	}
}
