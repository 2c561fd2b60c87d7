package figures

import (
	"runtime"
	"sort"
	"strings"
	"sync"
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
	Subject string // the Subject they share: "Labour"; "" for most
	Unit    string
	Aside   bool     // figures about another time or event, kept apart
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

	scratch []Figure // one update's figures on their way into groups

	newAt  time.Time // the newest update read so far
	newSeq uint64

	groupsVersion int      // counts groups coming and going
	subj          subjects // the subjects' spellings, as of a groupsVersion
	famBuf        []family
}

type gkey struct {
	subject, key, unit string
	aside, foreign     bool
}

func keyOfFigure(f *Figure) gkey {
	return gkey{subject: subjectKey(f.Subject), key: f.Key, unit: f.Unit, aside: f.Aside, foreign: f.Context != ""}
}

func (k gkey) group() Group {
	return Group{Label: k.key, Subject: k.subject, Unit: k.unit, Aside: k.aside}
}

// entry is what the board keeps of one update: where its figures went, not
// the figures themselves, so the live heap holds each figure once.
type entry struct {
	id     string
	at     time.Time
	seq    uint64
	groups [6]*group // the groups holding its figures; more in extra
	extra  []*group
	list   []string
}

// addGroup notes that g holds some of the entry's figures.
func (e *entry) addGroup(g *group) {
	for _, h := range e.groups {
		if h == g {
			return
		}
		if h == nil {
			break
		}
	}
	for i, h := range e.groups {
		if h == nil {
			e.groups[i] = g
			return
		}
	}
	for _, h := range e.extra {
		if h == g {
			return
		}
	}
	e.extra = append(e.extra, g)
}

// eachGroup calls f for each group holding the entry's figures.
func (e *entry) eachGroup(f func(*group)) {
	for _, g := range e.groups {
		if g == nil {
			return
		}
		f(g)
	}
	for _, g := range e.extra {
		f(g)
	}
}

type group struct {
	k   gkey
	buf []Figure // the figures are buf[off:], newest first; the gap before off takes new ones
	off int
	pos int       // index in Board.order
	at  time.Time // the newest figure's update
	seq uint64
	ord int32 // the newest figure's place in its update
	ok  int8  // whether its figures can be read alone: 0 not yet known, 1 yes, -1 no
}

// before reports whether group g comes before h: its newest figure is
// newer, or from the same update and earlier in its text.
func (g *group) before(h *group) bool {
	if g.at.Equal(h.at) && g.seq == h.seq {
		return g.ord < h.ord
	}
	return newer(g.at, g.seq, h.at, h.seq)
}

// NewBoard returns an empty board.
func NewBoard() *Board {
	return &Board{entries: make(map[string]*entry), groups: make(map[gkey]*group)}
}

// Apply folds one merge's changes in: new updates are read, edited ones read
// again (replacing what they said before), and removed ones dropped, since a
// figure a source took back no longer stands. An update that comes back
// arrives as an edit and is read again. A whole story can be read in with
// Changes{New: story.Updates()}; updates flagged Removed are left out.
func (b *Board) Apply(ch model.Changes) {
	if len(b.entries) > 0 || !b.bulk(ch.New) {
		b.each(ch.New)
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

// each adds new updates one at a time.
//
// Updates newer than all the board holds go in oldest first, so each lands
// at the front of its groups; older ones, such as an earlier page of the
// story, newest first, so each lands at the back. Either way no group is
// copied.
func (b *Board) each(us []*model.Update) {
	at, seq := b.newAt, b.newSeq
	for i := len(us) - 1; i >= 0; i-- {
		if u := us[i]; newer(updateTime(u), u.Seq(), at, seq) {
			b.put(u)
		}
	}
	for _, u := range us {
		if !newer(updateTime(u), u.Seq(), at, seq) {
			b.put(u)
		}
	}
}

func (b *Board) put(u *model.Update) {
	if u.Removed {
		b.drop(u.ID)
	} else {
		b.set(u)
	}
}

// bulk fills an empty board from a newest-first batch, such as a story's
// first reading, giving each group a buffer of the right size at once. It
// reports false, having done nothing, when the batch is not newest first.
func (b *Board) bulk(us []*model.Update) bool {
	if len(us) < 2 {
		return false
	}
	for i := 1; i < len(us); i++ {
		if newer(updateTime(us[i]), us[i].Seq(), updateTime(us[i-1]), us[i-1].Seq()) {
			return false
		}
	}
	type span struct {
		e    *entry
		figs []Figure
		gs   []*group // each figure's group; nil for one in none
	}
	spans := make([]span, 0, len(us))
	b.entries = make(map[string]*entry, len(us))
	ents := make([]entry, 0, len(us)) // the entries, in one block
	var order []*group
	var counts []int    // figures per group, by its place in order
	var arena []Figure  // the figures, read into blocks of many updates
	var garena []*group // and their groups
	ahead := readAll(us)
	for n, u := range us {
		if b.entries[u.ID] != nil || u.Removed {
			continue // listed twice (the first, newest, wins), or taken back by its source
		}
		if cap(garena)-len(garena) < 64 {
			garena = make([]*group, 0, 2048)
		}
		ents = append(ents, entry{})
		e := &ents[len(ents)-1]
		var figs []Figure
		var ok bool
		if ahead != nil {
			figs = ahead[n].figs
			ok = b.fill(u, e, figs, ahead[n].list)
		} else {
			if cap(arena)-len(arena) < 64 {
				arena = make([]Figure, 0, 2048)
			}
			lo := len(arena)
			ok, arena = b.readInto(u, e, arena)
			figs = arena[lo:]
			if !ok {
				clear(figs)
				arena = arena[:lo]
			}
		}
		if !ok {
			ents = ents[:len(ents)-1]
			continue
		}
		b.entries[u.ID] = e
		if len(e.list) > 0 {
			b.lists = append(b.lists, e)
			if b.listFrom == nil {
				b.showList(e)
			}
		}
		glo := len(garena)
		for i := range figs {
			f := &figs[i]
			if !grouped(f) {
				garena = append(garena, nil)
				continue
			}
			k := keyOfFigure(f)
			g := b.groups[k]
			if g == nil {
				g = &group{k: k, pos: len(order), at: e.at, seq: e.seq, ord: f.ord}
				b.groups[k] = g
				order = append(order, g)
				counts = append(counts, 0)
			}
			counts[g.pos]++
			garena = append(garena, g)
		}
		spans = append(spans, span{e, figs, garena[glo:]})
	}
	for _, g := range order {
		n := counts[g.pos]
		g.buf = make([]Figure, n+n/8+8) // room in front for a few new figures; more grow it
		g.off = len(g.buf) - n
		counts[g.pos] = 0 // now the number filled
	}
	for _, sp := range spans {
		for i, g := range sp.gs {
			if g == nil {
				continue
			}
			g.buf[g.off+counts[g.pos]] = sp.figs[i]
			counts[g.pos]++
			sp.e.addGroup(g)
		}
	}
	// newest first; groups led by the same update keep their text order
	sort.SliceStable(order, func(i, j int) bool {
		return order[i].before(order[j])
	})
	b.order = order
	b.groupsVersion++
	b.out = make([]Group, len(order))
	for i, g := range order {
		g.pos = i
		b.out[i] = g.k.group()
		b.out[i].Figures = g.buf[g.off:]
	}
	return true
}

// read extracts an update's figures, appending them to figs, and its list.
// The entry is nil when the update has neither a list nor a figure that
// says what it counts.
func (b *Board) read(u *model.Update, figs []Figure) (*entry, []Figure) {
	e := &entry{}
	ok, figs := b.readInto(u, e, figs)
	if !ok {
		return nil, figs
	}
	return e, figs
}

// readInto is read, filling in e. It reports false when the update has
// neither a list nor a figure that goes into a group.
func (b *Board) readInto(u *model.Update, e *entry, figs []Figure) (bool, []Figure) {
	lo := len(figs)
	figs = extractUpdate(u, figs)
	return b.fill(u, e, figs[lo:], ExplicitList(u)), figs
}

// fill sets up e for u, whose figures and list have been read. It reports
// false when the update has neither a list nor a figure that goes into a
// group.
func (b *Board) fill(u *model.Update, e *entry, figs []Figure, list []string) bool {
	*e = entry{id: u.ID, at: updateTime(u), seq: u.Seq(), list: list}
	if newer(e.at, e.seq, b.newAt, b.newSeq) {
		b.newAt, b.newSeq = e.at, e.seq
	}
	for i := range figs {
		if grouped(&figs[i]) {
			return true
		}
	}
	return len(list) > 0
}

// extractUpdate appends the figures of an update's text and headline to
// figs, each marked with the update and its place in it. It touches no
// board, so updates can be read side by side.
func extractUpdate(u *model.Update, figs []Figure) []Figure {
	lo := len(figs)
	at := updateTime(u)
	h := hints{year: at.Year(), yday: at.YearDay(), aside: asideHeadline(u.Headline)}
	if at.IsZero() {
		h.year, h.yday = 0, 0
	}
	figs = extractTo(u.Text, figs, h)
	h.scores = true
	figs = extractTo(u.Headline, figs, h) // a match's score is often in the headline alone
	for i := lo; i < len(figs); i++ {
		figs[i].ord = int32(i - lo)
		figs[i].UpdateID, figs[i].Time = u.ID, at
	}
	return figs
}

// readAll reads the figures and lists of a large batch of updates over the
// cores, each core a run of them, or returns nil for a small batch. Each
// core keeps its figures in blocks of many updates, as bulk does.
func readAll(us []*model.Update) []readUpdate {
	workers := min(runtime.GOMAXPROCS(0), len(us)/parallelFrom)
	if workers < 2 {
		return nil
	}
	out := make([]readUpdate, len(us))
	per := (len(us) + workers - 1) / workers
	var wg sync.WaitGroup
	for from := 0; from < len(us); from += per {
		wg.Go(func() {
			var arena []Figure
			for i := from; i < min(from+per, len(us)); i++ {
				u := us[i]
				if u.Removed {
					continue
				}
				if cap(arena)-len(arena) < 64 {
					arena = make([]Figure, 0, 2048)
				}
				lo := len(arena)
				arena = extractUpdate(u, arena)
				out[i] = readUpdate{figs: arena[lo:len(arena):len(arena)], list: ExplicitList(u)}
			}
		})
	}
	wg.Wait()
	return out
}

// readUpdate is one update's figures and list, read ahead by readAll.
type readUpdate struct {
	figs []Figure
	list []string
}

// parallelFrom is how many updates each extra core must have to be worth
// starting.
const parallelFrom = 500

// grouped reports whether a figure goes into a group: it says what it
// counts, or whose it is ("Labour 31", which a tracker of Labour's seats
// may take in).
func grouped(f *Figure) bool {
	return f.Key != "" || f.Subject != "" && f.Unit != "score" && f.Context == ""
}

// asideHeadline reports whether a headline says its update is about another
// event: "Earlier walkout, for comparison".
func asideHeadline(h string) bool {
	if h == "" {
		return false
	}
	l := strings.ToLower(h)
	return strings.Contains(l, "comparison") || strings.Contains(l, "compared") || strings.Contains(l, "last time") ||
		strings.Contains(l, "a year ago") || strings.Contains(l, "how it compares") || strings.Contains(l, "how this compares")
}

// Len returns the number of updates the board holds grouped figures or a
// list for.
func (b *Board) Len() int { return len(b.entries) }

// List returns the lines of the newest explicit list and the ID of the
// update it came from; nil and "" when no update has one.
func (b *Board) List() ([]Line, string) {
	if b.listFrom == nil {
		return nil, ""
	}
	return b.lines, b.listFrom.id
}

// Groups returns the grouped figures, the group with the most recent figure
// first. Figures that say neither what they count nor whose they are are in
// no group; those that say only whose ("Labour 31") are in a group with no
// Label, never shown alone. The slice and the Figures slices inside are the board's own: do not
// modify them, and do not keep them across an Apply (copy what you need).
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
	e, figs := b.read(u, b.scratch[:0])
	if e != nil {
		b.entries[u.ID] = e
		b.link(e, figs)
	}
	clear(figs) // let go of the update's text
	b.scratch = figs[:0]
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

func (b *Board) link(e *entry, figs []Figure) {
	if len(e.list) > 0 {
		b.lists = append(b.lists, e)
		if b.listFrom == nil || newer(e.at, e.seq, b.listFrom.at, b.listFrom.seq) {
			b.showList(e)
		}
	}
	var block [8]Figure
	for i := range figs {
		f := &figs[i]
		if !grouped(f) || seenKey(figs[:i], f) {
			continue
		}
		k := keyOfFigure(f)
		same := append(block[:0], *f)
		for j := i + 1; j < len(figs); j++ {
			if keyOfFigure(&figs[j]) == k {
				same = append(same, figs[j])
			}
		}
		e.addGroup(b.insert(k, same, e))
	}
}

func seenKey(before []Figure, f *Figure) bool {
	k := keyOfFigure(f)
	for i := range before {
		if keyOfFigure(&before[i]) == k {
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
	e.eachGroup(func(g *group) { b.remove(g, e) })
}

func (b *Board) showList(e *entry) {
	b.listFrom = e
	b.lines = make([]Line, len(e.list))
	for i, l := range e.list {
		b.lines[i] = Line{Text: l, UpdateID: e.id}
	}
}

// insert adds one update's figures for one group.
func (b *Board) insert(k gkey, figs []Figure, e *entry) *group {
	g := b.groups[k]
	if g == nil {
		g = &group{k: k, pos: len(b.order)}
		b.groupsVersion++
		b.groups[k] = g
		b.order = append(b.order, g)
		b.out = append(b.out, k.group())
	}
	cur := g.buf[g.off:]
	if len(cur) == 0 || newer(e.at, e.seq, g.at, g.seq) {
		if g.off < len(figs) { // no room in front
			n := len(cur) + len(figs)
			if full := g.buf[:cap(g.buf)]; len(full)-len(cur) >= len(cur)/2+len(figs)+4 {
				// room behind, where old figures were cut off: slide back
				// (the copies left in front are overwritten as new figures come)
				off := len(full) - len(cur)
				copy(full[off:], cur)
				g.buf, g.off = full, off
			} else { // grow, leaving as much room again
				nb := make([]Figure, 2*n+4)
				copy(nb[len(nb)-len(cur):], cur)
				g.buf, g.off = nb, len(nb)-len(cur)
			}
		}
		g.off -= len(figs)
		copy(g.buf[g.off:], figs)
		g.at, g.seq, g.ord = e.at, e.seq, figs[0].ord
	} else if b.figureNewer(&cur[len(cur)-1], e) {
		// older than all the group holds, as an earlier page of a story is:
		// add at the end, keeping the room in front
		if len(g.buf)+len(figs) > cap(g.buf) {
			n := len(cur) + len(figs)
			nb := make([]Figure, g.off+len(cur), g.off+2*n+4)
			copy(nb[g.off:], cur)
			g.buf = nb
		}
		g.buf = append(g.buf, figs...)
	} else {
		// in the middle: insert into a copy
		p := sort.Search(len(cur), func(i int) bool { return !b.figureNewer(&cur[i], e) && cur[i].UpdateID != e.id })
		n := len(cur) + len(figs)
		nb := make([]Figure, n+n/2+4)
		off := len(nb) - n
		copy(nb[off:], cur[:p])
		copy(nb[off+p:], figs)
		copy(nb[off+p+len(figs):], cur[p:])
		g.buf, g.off = nb, off
		if p == 0 {
			g.at, g.seq, g.ord = e.at, e.seq, figs[0].ord
		}
	}
	b.out[g.pos].Figures = g.buf[g.off:]
	b.reposition(g)
	return g
}

// figureNewer reports whether figure f comes before update e, newest first.
func (b *Board) figureNewer(f *Figure, e *entry) bool {
	if c := f.Time.Compare(e.at); c != 0 {
		return c > 0
	}
	o := b.entries[f.UpdateID]
	return o != nil && o.seq > e.seq
}

// remove drops one update's figures from a group.
func (b *Board) remove(g *group, e *entry) {
	cur := g.buf[g.off:]
	// figures are newest first: find the update's run by its time
	var lo int
	switch {
	case cur[len(cur)-1].UpdateID == e.id: // the oldest: a story's window moving on
		lo = len(cur) - 1
		for lo > 0 && cur[lo-1].UpdateID == e.id {
			lo--
		}
	case cur[0].UpdateID == e.id: // the newest
	default:
		lo = sort.Search(len(cur), func(i int) bool { return !b.figureNewer(&cur[i], e) })
	}
	for lo < len(cur) && cur[lo].UpdateID != e.id && cur[lo].Time.Equal(e.at) {
		lo++ // another update at the same time
	}
	if lo >= len(cur) || cur[lo].UpdateID != e.id {
		lo = 0 // not where its time says: look everywhere
		for lo < len(cur) && cur[lo].UpdateID != e.id {
			lo++
		}
	}
	hi := lo
	for hi < len(cur) && cur[hi].UpdateID == e.id {
		hi++
	}
	keep := len(cur) - (hi - lo)
	switch {
	case hi == lo:
		return
	case keep == 0:
		delete(b.groups, g.k)
		b.groupsVersion++
		copy(b.order[g.pos:], b.order[g.pos+1:])
		b.order = b.order[:len(b.order)-1]
		copy(b.out[g.pos:], b.out[g.pos+1:])
		b.out[len(b.out)-1] = Group{}
		b.out = b.out[:len(b.out)-1]
		for i := g.pos; i < len(b.order); i++ {
			b.order[i].pos = i
		}
		return
	case hi == len(cur):
		// the group's oldest figures (a story's window moving on): cut them
		// off the end
		clear(cur[lo:])
		g.buf = g.buf[:g.off+lo]
	default:
		nb := make([]Figure, keep+keep/2+4)
		off := len(nb) - keep
		copy(nb[off:], cur[:lo])
		copy(nb[off+lo:], cur[hi:])
		g.buf, g.off = nb, off
	}
	cur = g.buf[g.off:]
	if o := b.entries[cur[0].UpdateID]; o != nil {
		g.at, g.seq, g.ord = o.at, o.seq, cur[0].ord
	}
	b.out[g.pos].Figures = cur
	b.reposition(g)
}

// reposition moves a group whose newest figure changed to its place.
func (b *Board) reposition(g *group) {
	p, t := g.pos, g.pos
	for t > 0 && g.before(b.order[t-1]) {
		t--
	}
	if t < p {
		og := b.out[p]
		copy(b.order[t+1:p+1], b.order[t:p])
		copy(b.out[t+1:p+1], b.out[t:p])
		b.order[t], b.out[t] = g, og
		for i := t; i <= p; i++ {
			b.order[i].pos = i
		}
		return
	}
	for t+1 < len(b.order) && b.order[t+1].before(g) {
		t++
	}
	if t > p {
		og := b.out[p]
		copy(b.order[p:t], b.order[p+1:t+1])
		copy(b.out[p:t], b.out[p+1:t+1])
		b.order[t], b.out[t] = g, og
		for i := p; i <= t; i++ {
			b.order[i].pos = i
		}
	}
}
