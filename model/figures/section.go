package figures

import (
	"sort"
	"strings"
	"time"
)

// MaxOthers is how many lines of other figures the In numbers section shows
// beside the page's own list and the trackers: a few, the surest first.
// Figures of one measure for several subjects share a line ("Labour 412 ·
// Conservative 121 seats").
const MaxOthers = 6

// maxRow bounds how many subjects one line reads.
const maxRow = 12

// Tracker is a quantity the story states again as it moves on: a toll, a
// count, a score, a share. Its figures come from two updates or more. Its
// history is the board's own: read it before the board's next Apply.
type Tracker struct {
	Key     string // stable: the lower-cased name, what it counts and the unit: "deaths", "labour seats", "turnout %"
	Subject string // what it is, readable alone: "deaths", "Labour", "Hosts"
	Unit    string // as Figure.Unit
	Latest  Figure // the newest statement

	figs []Figure // the group's figures after Latest, newest first
}

// maxScan bounds how far back a tracker looks for its change: a value
// restated more often than this is shown as unchanged, so a long story
// costs no more than a short one.
const maxScan = 16

// earlier calls f for each earlier statement, newest first, one per update,
// until f returns false or, when limit is true, maxScan figures have been
// looked at.
func (t *Tracker) earlier(limit bool, f func(*Figure) bool) {
	for i := 0; i < len(t.figs); {
		if limit && i >= maxScan {
			return
		}
		best, next := bestOfUpdate(t.figs, i)
		if best >= 0 && t.figs[best].UpdateID != t.Latest.UpdateID && !tooSmall(&t.figs[best], &t.Latest) && !f(&t.figs[best]) {
			return
		}
		i = next
	}
}

// tooSmall reports whether an earlier statement is too small to be the
// same count as the latest: under a twentieth of it, it is a part the text
// gave ("Juárez reports four cases" in an outbreak of 663).
func tooSmall(h, latest *Figure) bool {
	return h.Unit == "" && latest.Unit == "" && h.Value < latest.Value/20
}

// bestOfUpdate returns, for the figures of one update starting at figs[i],
// the one a reader would take as its statement, and where the next
// update's start: the first readable one, unless another in the same update
// says it more precisely ("over 100" deaths, then "at least 101"). best is
// -1 when none is readable.
func bestOfUpdate(figs []Figure, i int) (best, next int) {
	best = -1
	next = i
	for ; next < len(figs) && figs[next].UpdateID == figs[i].UpdateID; next++ {
		if f := &figs[next]; f.readableValue() && (best < 0 || morePrecise(f, &figs[best])) {
			best = next
		}
	}
	return best, next
}

// morePrecise reports whether a says better than b what one update's figures
// for a tracker say: of a toll, the whole rather than a part ("at least 22
// deaths", after "more than a dozen people dead in Bresk"); else b's value
// more precisely. For that the two
// are within a tenth of each other, and b is qualified ("over 100") and a
// is not, or a is less round ("at least 101"). A value far from b's is
// another count ("54" in Lee County), not a better statement of it.
func morePrecise(a, b *Figure) bool {
	if isCanonical(a.Key) && a.Unit == "" && a.Value > 2*b.Value {
		return true
	}
	if d := a.Value - b.Value; d > 0.1*max(a.Value, b.Value) || -d > 0.1*max(a.Value, b.Value) {
		return false
	}
	if (a.Qualifier == "") != (b.Qualifier == "") {
		return a.Qualifier == ""
	}
	return roundness(a.Value) < roundness(b.Value)
}

// roundness counts the zeros a whole number ends with: 100 has two, 101
// none.
func roundness(v float64) int {
	x := int64(v)
	if float64(x) != v {
		return 0
	}
	n := 0
	for x != 0 && x%10 == 0 {
		x /= 10
		n++
	}
	return n
}

// History returns the statements before the latest, newest first, one per
// update.
func (t *Tracker) History() []Figure {
	var out []Figure
	t.earlier(false, func(f *Figure) bool { out = append(out, *f); return true })
	return out
}

// Change returns the value the tracker moved from to reach its latest one,
// and when it reached it; ok is false when the statements give the same
// value.
func (t *Tracker) Change() (from Figure, at time.Time, ok bool) {
	at = t.Latest.Time
	t.earlier(true, func(f *Figure) bool {
		if !sameFigure(f, &t.Latest) {
			from, ok = *f, true
			return false
		}
		at = f.Time
		return true
	})
	if !ok {
		at = t.Latest.Time
	}
	return from, at, ok
}

func sameFigure(a, b *Figure) bool {
	if a.Unit == "score" {
		return a.Text == b.Text
	}
	return a.Value == b.Value && a.High == b.High
}

// Section is a story's "In numbers" section: what the panel pins and dump
// prints, in this order: the page's own list, verbatim; the trackers, the
// latest change first; then a few other figures, the surest first and then
// the newest. Only figures the section is confident of are in it (see
// confidence).
type Section struct {
	Lines    []Line
	Trackers []Tracker
	Others   []Figure
	pinned   map[figureID]bool
	days     bool // the figures span more than one day: times say which
}

type figureID struct {
	update string
	ord    int32
}

// Entry is one line of a Section; exactly one of its fields is set.
type Entry struct {
	Line    *Line
	Tracker *Tracker
	Figure  *Figure
	Row     *Row
}

// Row is one measure read for several subjects on one line: "Labour 412 ·
// Conservative 121 · Liberal Democrat 72 seats". Its members are the
// section's own trackers and figures, each still one subject's.
type Row struct {
	Members []Entry // each a Tracker or a Figure, the largest value first
}

// Entries returns the section's lines in order: the page's list, then the
// trackers and the other figures, those of one measure for several
// subjects together in a Row where the first of them stands.
func (s *Section) Entries() []Entry {
	out := make([]Entry, 0, len(s.Lines)+len(s.Trackers)+len(s.Others))
	for i := range s.Lines {
		out = append(out, Entry{Line: &s.Lines[i]})
	}
	items := make([]Entry, 0, len(s.Trackers)+len(s.Others))
	for i := range s.Trackers {
		items = append(items, Entry{Tracker: &s.Trackers[i]})
	}
	for i := range s.Others {
		items = append(items, Entry{Figure: &s.Others[i]})
	}
	rows := map[rowKey]*Row{}
	for _, e := range items {
		k, ok := rowKeyOf(e.latest())
		if !ok {
			continue
		}
		if r := rows[k]; r != nil {
			r.Members = append(r.Members, e)
		} else {
			rows[k] = &Row{Members: []Entry{e}}
		}
	}
	for _, e := range items {
		k, ok := rowKeyOf(e.latest())
		r := rows[k]
		switch {
		case !ok || len(r.Members) < 2:
			out = append(out, e)
		case r.Members[0] == e: // the row stands where its first member would
			if len(r.Members) > maxRow {
				r.Members = r.Members[:maxRow]
			}
			out = append(out, Entry{Row: r})
		}
	}
	for _, r := range rows {
		sort.SliceStable(r.Members, func(i, j int) bool { return r.Members[i].latest().Value > r.Members[j].latest().Value })
	}
	return out
}

// rowKey is what figures that share a line have in common.
type rowKey struct{ key, unit string }

// rowKeyOf returns the line a subject's figure may share with other
// subjects' figures of the same measure; ok is false for a figure that
// keeps its own line: one with no subject, a score, or text not in English.
func rowKeyOf(f *Figure) (rowKey, bool) {
	if f == nil || f.Subject == "" || f.Unit == "score" || f.Context != "" {
		return rowKey{}, false
	}
	return rowKey{f.Key, f.Unit}, true
}

// latest returns the figure an entry shows: a tracker's latest or the
// figure; nil for a list line or a row.
func (e Entry) latest() *Figure {
	switch {
	case e.Tracker != nil:
		return &e.Tracker.Latest
	case e.Figure != nil:
		return e.Figure
	}
	return nil
}

// Len returns the number of entries.
func (s *Section) Len() int { return len(s.Lines) + len(s.Trackers) + len(s.Others) }

// Pinned reports whether the section shows figure f: it is a tracker's
// latest statement or one of the other figures.
func (s *Section) Pinned(f *Figure) bool {
	return s.pinned[figureID{f.UpdateID, f.ord}]
}

// UpdateID returns the update an entry comes from: the one to open.
func (e Entry) UpdateID() string {
	switch {
	case e.Line != nil:
		return e.Line.UpdateID
	case e.Tracker != nil:
		return e.Tracker.Latest.UpdateID
	case e.Figure != nil:
		return e.Figure.UpdateID
	case e.Row != nil:
		newest := e.Row.Members[0].latest()
		for _, m := range e.Row.Members[1:] {
			if f := m.latest(); f.Time.After(newest.Time) {
				newest = f
			}
		}
		return newest.UpdateID
	}
	return ""
}

// Text returns the entry as the panel and dump show it: a list line as the
// page wrote it, "deaths · 21, up from 15 at 10:02", "Labour · 410 seats",
// "Hosts 287/6 after 50 overs". Times are shown in loc, with the day when
// the section spans more than one.
func (e Entry) Text(loc *time.Location, days bool) string {
	switch {
	case e.Line != nil:
		return e.Line.Text
	case e.Tracker != nil:
		t := e.Tracker
		s := figureText(&t.Latest)
		if t.Unit == "score" {
			return s
		}
		if from, at, ok := t.Change(); ok {
			dir := "was"
			switch {
			case t.Latest.Value > from.Value:
				dir = "up from"
			case t.Latest.Value < from.Value:
				dir = "down from"
			}
			layout := "15:04"
			if days {
				layout = "2 Jan 15:04"
			}
			s += ", " + dir + " " + from.Text
			if !at.IsZero() {
				s += " at " + at.In(loc).Format(layout)
			}
		}
		return s
	case e.Figure != nil:
		return figureText(e.Figure)
	case e.Row != nil:
		return e.Row.text()
	}
	return ""
}

// text shows a row: "Labour 412 (from 410) · Conservative 121 seats", each
// subject with its latest value and, for a tracker that moved, the value
// it moved from.
func (r *Row) text() string {
	var b strings.Builder
	for i, m := range r.Members {
		if i > 0 {
			b.WriteString(" · ")
		}
		f := m.latest()
		b.WriteString(f.Subject)
		b.WriteByte(' ')
		b.WriteString(f.Text)
		if m.Tracker != nil {
			if from, _, ok := m.Tracker.Change(); ok {
				b.WriteString(" (from ")
				b.WriteString(from.Text)
				b.WriteByte(')')
			}
		}
	}
	if name := measureName(r.Members[0].latest()); name != "" {
		b.WriteByte(' ')
		b.WriteString(name)
	}
	return b.String()
}

// measureName is how a row names what its figures count: "seats",
// "deaths"; "" for a party's share or a product's price, which say it
// with their unit.
func measureName(f *Figure) string {
	switch {
	case f.Key == "share" || f.Key == "price":
		return ""
	case isCanonical(f.Key):
		return canonical[f.Key]
	}
	return f.Label
}

// Days reports whether the section's figures span more than one day.
func (s *Section) Days() bool { return s.days }

// figureText shows a figure with what it is: "deaths · 21", "Labour · 410
// seats", "Hosts 287/6 after 50 overs", "turnout · 59.8%".
func figureText(f *Figure) string {
	switch {
	case f.Unit == "score":
		return f.Subject + " " + f.Text
	case f.Context != "":
		return f.Context
	case f.Subject != "":
		s := f.Subject + " · " + f.Text
		if f.Label != "" {
			s += " " + f.Label
		}
		return s
	}
	return f.Name() + " · " + f.Text
}

// trackerKey is a tracker's stable key.
func trackerKey(f *Figure) string {
	var b strings.Builder
	if f.Subject != "" {
		b.WriteString(subjectKey(f.Subject))
		if f.Key != "" {
			b.WriteByte(' ')
		}
	}
	if f.Subject != "" || f.Context != "" {
		b.WriteString(f.Key)
	} else {
		b.WriteString(canon(f.Key))
	}
	if f.Unit != "" && f.Unit != "score" {
		b.WriteByte(' ')
		b.WriteString(f.Unit)
	}
	return b.String()
}

// Section builds the story's In numbers section from the board: the newest
// explicit list, every tracker it is confident of, and up to MaxOthers lines
// of other figures it is confident of, the most confident first (see
// confidence). A tracker shows the statement of the newest update that
// speaks of it; when that update's statement cannot be read alone, the
// tracker is left out rather than shown with an older value as its latest.
// Its cost grows with the number of groups, not with the number of figures.
func (b *Board) Section() Section {
	var s Section
	s.Lines, _ = b.List()
	var listFrom string
	if b.listFrom != nil {
		listFrom = b.listFrom.id
	}
	s.pinned = make(map[figureID]bool)
	var first, last time.Time
	note := func(t time.Time) {
		if t.IsZero() {
			return
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	slots := make(map[rowKey]int) // the measures read per subject that have a line, and how many subjects it reads
	type other struct {
		f    *Figure
		conf int
	}
	var others []other
	fams := b.families()
	for fi := range fams {
		fm := &fams[fi]
		if g := fm.lead; g.k.aside || !g.readable() {
			continue
		}
		figs := fm.figures()
		latest := -1
		for i := 0; i < min(len(figs), maxScan); {
			best, next := bestOfUpdate(figs, i)
			if best >= 0 {
				switch {
				case !conflict(figs[i:next], &figs[best]):
					latest = best
				case cumulative[canon(figs[best].Key)] && figs[best].Unit == "":
					latest = i + largest(figs[i:next]) // a toll only grows: the largest is the latest
				}
				break
			}
			if movedOn(figs[i:next]) {
				break // the count has moved since, by an amount or to a value not given: an older one would be stale
			}
			i = next // a forecast, a margin, a gap: not a statement of the count
		}
		if latest < 0 {
			continue
		}
		f := &figs[latest]
		t := Tracker{Key: trackerKey(f), Subject: f.Name(), Unit: f.Unit, Latest: *f, figs: figs[latest+1:]}
		again := false
		t.earlier(true, func(*Figure) bool { again = true; return false })
		conf := confidence(f, again)
		if conf < pinThreshold {
			continue
		}
		switch {
		case again:
			_, at, changed := t.Change()
			if !changed && f.UpdateID == listFrom {
				continue // the page's list says it already, and it has not moved
			}
			s.Trackers = append(s.Trackers, t)
			if k, ok := rowKeyOf(f); ok {
				slots[k]++
			}
			note(f.Time)
			if changed {
				note(at)
			}
			s.pinned[figureID{f.UpdateID, f.ord}] = true
		case f.UpdateID == listFrom:
		default:
			others = append(others, other{f, conf})
		}
	}
	sort.SliceStable(others, func(i, j int) bool { return others[i].conf > others[j].conf })
	lines := 0 // lines of other figures
	for _, o := range others {
		f := o.f
		k, ok := rowKeyOf(f)
		switch {
		case ok && slots[k] > 0 && slots[k] < maxRow:
			slots[k]++ // a further subject on a line already shown
		case lines < MaxOthers && !(ok && slots[k] > 0):
			lines++
			if ok {
				slots[k] = 1
			}
		default:
			continue
		}
		s.Others = append(s.Others, *f)
		s.pinned[figureID{f.UpdateID, f.ord}] = true
	}
	s.days = !first.IsZero() && (first.Year() != last.Year() || first.YearDay() != last.YearDay())
	return s
}

// conflict reports whether one update's figures state a count two ways,
// with values too far apart to be one more precise than the other and
// neither a small part of the other: "officials counted 28 dead by noon
// ... 37 deaths are now confirmed". Which is the latest is then a guess.
func conflict(figs []Figure, best *Figure) bool {
	for i := range figs {
		f := &figs[i]
		if f == best || !f.readableValue() || tooSmall(f, best) || tooSmall(best, f) {
			continue
		}
		if d := f.Value - best.Value; d > 0.1*max(f.Value, best.Value) || -d > 0.1*max(f.Value, best.Value) {
			return true
		}
	}
	return false
}

// cumulative are the counts that only grow as a story goes on, whose
// largest statement in an update is its latest.
var cumulative = wordSet("deaths", "injured", "cases", "hospital admissions", "arrests", "people evacuated", "people rescued")

// largest returns the index of the largest readable figure.
func largest(figs []Figure) int {
	at := -1
	for i := range figs {
		if figs[i].readableValue() && (at < 0 || figs[i].Value > figs[at].Value) {
			at = i
		}
	}
	return at
}

// movedOn reports whether one update's figures say that a count has moved
// without saying its new value: an increment ("a further 81 deaths") or a
// vague count ("hundreds of deaths").
func movedOn(figs []Figure) bool {
	for i := range figs {
		if figs[i].increment || !figs[i].HasValue {
			return true
		}
	}
	return false
}

// readable reports whether the group's figures can be shown alone, as far
// as what they count goes; each figure is checked for the rest.
func (g *group) readable() bool {
	if g.ok == 0 {
		g.ok = -1
		if readableKey(g.k.key, g.k.subject, g.k.unit, g.k.foreign) {
			g.ok = 1
		}
	}
	return g.ok > 0
}
