package figures

import (
	"sort"
	"time"

	"github.com/liveline-tui/liveline/model"
)

// Line is one line of an explicit "In numbers" list.
type Line struct {
	Text     string
	UpdateID string
}

// Group is the figures that count the same thing (same Key and Unit), newest
// first, so a reader sees how the value moved.
type Group struct {
	Label   string // the Key the figures share: "operations", "junior doctors"
	Unit    string
	Figures []Figure // newest first; figures of one update in text order
}

// Board keeps a story's figures up to date as updates arrive, change and go:
// the newest explicit list and the grouped prose figures. Each change costs
// the work of the updates it names; nothing else is scanned again.
//
// A Board is not safe for concurrent use.
type Board struct {
	entries map[string]*entry
	groups  map[gkey]*group
	order   []*group // newest figure first
	out     []Group  // order as handed out by Groups

	lists    []*entry // entries with an explicit list
	listFrom *entry   // the newest of them
	lines    []Line
}

type gkey struct{ key, unit string }

type entry struct {
	id   string
	at   time.Time
	seq  uint64
	figs []Figure
	list []string
}

type group struct {
	k   gkey
	buf []Figure // the figures are buf[off:], newest first; the gap before off takes new ones
	off int
	pos int // index in Board.order
	at  time.Time
	seq uint64
}

// NewBoard returns an empty board.
func NewBoard() *Board {
	return &Board{entries: make(map[string]*entry), groups: make(map[gkey]*group)}
}

// Apply folds one merge's changes in: new updates are read, edited ones read
// again (replacing what they said before), and removed ones dropped, since a
// figure a source took back no longer stands. An update that comes back
// arrives as an edit and is read again.
func (b *Board) Apply(ch model.Changes) {
	for i := len(ch.New) - 1; i >= 0; i-- { // oldest first: most land at the front of their group
		b.set(ch.New[i])
	}
	for _, u := range ch.Edited {
		if u.Removed {
			b.drop(u.ID)
		} else {
			b.set(u)
		}
	}
	for _, u := range ch.Removed {
		b.drop(u.ID)
	}
}

// Len returns the number of updates the board holds figures or a list for.
func (b *Board) Len() int { return len(b.entries) }

// Of returns the figures found in one update, in text order.
func (b *Board) Of(updateID string) []Figure {
	if e := b.entries[updateID]; e != nil {
		return e.figs
	}
	return nil
}

// List returns the lines of the newest explicit list and the ID of the
// update it came from; nil and "" when no update has one.
func (b *Board) List() ([]Line, string) {
	if b.listFrom == nil {
		return nil, ""
	}
	return b.lines, b.listFrom.id
}

// Groups returns the grouped figures, the group with the most recent figure
// first. Figures without a label (nothing says what they count) are in no
// group. The slice is the board's own: do not modify it, and do not keep it
// across an Apply (the Figures slices inside stay valid).
func (b *Board) Groups() []Group { return b.out }

// updateTime is the time an update's figures are shown with.
func updateTime(u *model.Update) time.Time {
	if t := u.SortTime(); !t.IsZero() {
		return t
	}
	return u.Published
}

func (b *Board) set(u *model.Update) {
	if old := b.entries[u.ID]; old != nil {
		b.unlink(old)
		delete(b.entries, u.ID)
	}
	e := &entry{id: u.ID, at: updateTime(u), seq: u.Seq()}
	e.figs = Extract(u.Text)
	for i := range e.figs {
		e.figs[i].UpdateID, e.figs[i].Time = u.ID, e.at
	}
	e.list = ExplicitList(u)
	if len(e.figs) == 0 && len(e.list) == 0 {
		return
	}
	b.entries[u.ID] = e
	b.link(e)
}

func (b *Board) drop(id string) {
	if e := b.entries[id]; e != nil {
		b.unlink(e)
		delete(b.entries, id)
	}
}

// newer reports whether (at, seq) comes before (at2, seq2) newest first.
func newer(at time.Time, seq uint64, at2 time.Time, seq2 uint64) bool {
	if c := at.Compare(at2); c != 0 {
		return c > 0
	}
	return seq > seq2
}

func (b *Board) link(e *entry) {
	if len(e.list) > 0 {
		b.lists = append(b.lists, e)
		if b.listFrom == nil || newer(e.at, e.seq, b.listFrom.at, b.listFrom.seq) {
			b.showList(e)
		}
	}
	var block [8]Figure
	for i := range e.figs {
		f := &e.figs[i]
		if f.Key == "" || seenKey(e.figs[:i], f) {
			continue
		}
		figs := append(block[:0], *f)
		for j := i + 1; j < len(e.figs); j++ {
			if e.figs[j].Key == f.Key && e.figs[j].Unit == f.Unit {
				figs = append(figs, e.figs[j])
			}
		}
		b.insert(gkey{f.Key, f.Unit}, figs, e)
	}
}

func seenKey(before []Figure, f *Figure) bool {
	for i := range before {
		if before[i].Key == f.Key && before[i].Unit == f.Unit {
			return true
		}
	}
	return false
}

func (b *Board) unlink(e *entry) {
	if len(e.list) > 0 {
		for i, l := range b.lists {
			if l == e {
				b.lists = append(b.lists[:i], b.lists[i+1:]...)
				break
			}
		}
		if b.listFrom == e {
			b.listFrom, b.lines = nil, nil
			for _, l := range b.lists {
				if b.listFrom == nil || newer(l.at, l.seq, b.listFrom.at, b.listFrom.seq) {
					b.listFrom = l
				}
			}
			if b.listFrom != nil {
				b.showList(b.listFrom)
			}
		}
	}
	for i := range e.figs {
		f := &e.figs[i]
		if f.Key == "" || seenKey(e.figs[:i], f) {
			continue
		}
		if g := b.groups[gkey{f.Key, f.Unit}]; g != nil {
			b.remove(g, e.id)
		}
	}
}

func (b *Board) showList(e *entry) {
	b.listFrom = e
	b.lines = make([]Line, len(e.list))
	for i, l := range e.list {
		b.lines[i] = Line{Text: l, UpdateID: e.id}
	}
}

// insert adds one update's figures for one group.
func (b *Board) insert(k gkey, figs []Figure, e *entry) {
	g := b.groups[k]
	if g == nil {
		g = &group{k: k, pos: len(b.order)}
		b.groups[k] = g
		b.order = append(b.order, g)
		b.out = append(b.out, Group{Label: k.key, Unit: k.unit})
	}
	cur := g.buf[g.off:]
	if len(cur) == 0 || newer(e.at, e.seq, g.at, g.seq) {
		if g.off < len(figs) { // no room in front: grow, leaving as much room again
			n := len(cur) + len(figs)
			nb := make([]Figure, 2*n+4)
			copy(nb[len(nb)-len(cur):], cur)
			g.buf, g.off = nb, len(nb)-len(cur)
		}
		g.off -= len(figs)
		copy(g.buf[g.off:], figs)
		g.at, g.seq = e.at, e.seq
	} else {
		// an older update, or one edited in place: copy, so slices handed out stay as they were
		p := sort.Search(len(cur), func(i int) bool {
			o := b.entries[cur[i].UpdateID]
			return o == nil || newer(e.at, e.seq, o.at, o.seq)
		})
		n := len(cur) + len(figs)
		nb := make([]Figure, n+n/2+4)
		off := len(nb) - n
		copy(nb[off:], cur[:p])
		copy(nb[off+p:], figs)
		copy(nb[off+p+len(figs):], cur[p:])
		g.buf, g.off = nb, off
		if p == 0 {
			g.at, g.seq = e.at, e.seq
		}
	}
	b.out[g.pos].Figures = g.buf[g.off:]
	b.reposition(g)
}

// remove drops one update's figures from a group.
func (b *Board) remove(g *group, id string) {
	cur := g.buf[g.off:]
	keep := 0
	for i := range cur {
		if cur[i].UpdateID != id {
			keep++
		}
	}
	if keep == len(cur) {
		return
	}
	if keep == 0 {
		delete(b.groups, g.k)
		copy(b.order[g.pos:], b.order[g.pos+1:])
		b.order = b.order[:len(b.order)-1]
		copy(b.out[g.pos:], b.out[g.pos+1:])
		b.out[len(b.out)-1] = Group{}
		b.out = b.out[:len(b.out)-1]
		for i := g.pos; i < len(b.order); i++ {
			b.order[i].pos = i
		}
		return
	}
	nb := make([]Figure, keep+keep/2+4)
	off := len(nb) - keep
	j := off
	for i := range cur {
		if cur[i].UpdateID != id {
			nb[j] = cur[i]
			j++
		}
	}
	g.buf, g.off = nb, off
	if o := b.entries[nb[off].UpdateID]; o != nil {
		g.at, g.seq = o.at, o.seq
	}
	b.out[g.pos].Figures = g.buf[g.off:]
	b.reposition(g)
}

// reposition moves a group whose newest figure changed to its place.
func (b *Board) reposition(g *group) {
	p := g.pos
	for p > 0 && newer(g.at, g.seq, b.order[p-1].at, b.order[p-1].seq) {
		b.swap(p, p-1)
		p--
	}
	for p+1 < len(b.order) && newer(b.order[p+1].at, b.order[p+1].seq, g.at, g.seq) {
		b.swap(p, p+1)
		p++
	}
}

func (b *Board) swap(i, j int) {
	b.order[i], b.order[j] = b.order[j], b.order[i]
	b.out[i], b.out[j] = b.out[j], b.out[i]
	b.order[i].pos, b.order[j].pos = i, j
}
