package figures

import (
	"sort"
	"strings"
)

// A story often writes one party, team or place several ways ("Con 293",
// "the Conservatives on 310 seats"), and prints a tally as bare names and
// numbers ("Conservatives 310" under "Declared results"). A family is the
// groups that count one thing for one subject, whatever the spelling, with
// the bare figures of that subject that fit the count.
type family struct {
	lead    *group   // the keyed group with the newest figure
	groups  []*group // the other keyed groups: other spellings of the subject
	bare    []*group // figures of the subject that say no noun: "Labour 31"
	pos     int      // the lead's place in Board.order
	subject string   // the subject's fullest spelling
}

// maxMerge bounds how many of each group's newest figures a family of
// several groups reads, so the section costs no more in a long story.
const maxMerge = 64

type famKey struct {
	subject, key, unit string
	aside, foreign     bool
}

// subjects is what the board knows of its subjects' spellings, rebuilt
// when groups come or go.
type subjects struct {
	version int               // Board.groupsVersion it was built at
	canon   map[string]string // a subject key to the key of the fullest spelling it abbreviates
	display map[string]string // a canonical subject key to its fullest spelling
}

// families returns the board's groups as families, in the order of their
// newest figure. Groups with no subject are each a family of their own.
func (b *Board) families() []family {
	out := b.famBuf[:0]
	var idx map[famKey]int
	var bare []*group
	for pos, g := range b.order {
		if g.k.subject == "" {
			out = append(out, family{lead: g, pos: pos})
			continue
		}
		if idx == nil {
			b.refreshSubjects()
			idx = make(map[famKey]int)
		}
		if g.k.key == "" {
			bare = append(bare, g)
			continue
		}
		k := famKey{b.subj.canonOf(g.k.subject), g.k.key, g.k.unit, g.k.aside, g.k.foreign}
		if i, ok := idx[k]; ok {
			out[i].groups = append(out[i].groups, g)
			continue
		}
		idx[k] = len(out)
		out = append(out, family{lead: g, pos: pos, subject: b.subj.display[k.subject]})
	}
	for _, g := range bare {
		// a bare tally joins the one count its subject has, if it has one
		k := famKey{subject: b.subj.canonOf(g.k.subject), unit: g.k.unit, aside: g.k.aside, foreign: g.k.foreign}
		at := -1
		for key, i := range idx {
			if key.subject == k.subject && key.unit == k.unit && key.aside == k.aside && key.foreign == k.foreign && out[i].lead.readable() {
				if at >= 0 {
					at = -2 // two counts: which one is not said
					break
				}
				at = i
			}
		}
		if at >= 0 {
			out[at].bare = append(out[at].bare, g)
			out[at].pos = min(out[at].pos, g.pos)
		}
	}
	if len(bare) > 0 {
		sort.SliceStable(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	}
	b.famBuf = out
	return out
}

// figures returns the family's figures, newest first. A family of one
// group hands out the group's own slice; a larger one a merged copy of
// each group's newest figures, bare ones taking the lead's label when their
// value fits the count.
func (f *family) figures() []Figure {
	lead := f.lead.buf[f.lead.off:]
	if len(f.groups) == 0 && len(f.bare) == 0 {
		return lead
	}
	ref := 0.0
	for i := range lead[:min(len(lead), maxScan)] {
		if lead[i].readableValue() {
			ref = lead[i].Value
			break
		}
	}
	tmpl := &lead[0]
	var all []Figure
	add := func(g *group, bare bool) {
		figs := g.buf[g.off:]
		for i := range figs[:min(len(figs), maxMerge)] {
			x := figs[i]
			if bare {
				if x.weak || !x.HasValue || x.Value-ref > max(ref, 20) || ref-x.Value > max(ref, 20) {
					continue // "Labour: 18,450" is not a seat count
				}
				x.Key, x.Label = tmpl.Key, tmpl.Label
			}
			all = append(all, x)
		}
	}
	add(f.lead, false)
	for _, g := range f.groups {
		add(g, false)
	}
	for _, g := range f.bare {
		add(g, true)
	}
	for i := range all {
		if f.subject != "" {
			all[i].Subject = f.subject
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, c := &all[i], &all[j]
		if !a.Time.Equal(c.Time) {
			return a.Time.After(c.Time)
		}
		if a.UpdateID != c.UpdateID {
			return a.UpdateID > c.UpdateID
		}
		return a.ord < c.ord
	})
	return all
}

// refreshSubjects works out which subjects abbreviate which, when groups
// have come or gone since it last did.
func (b *Board) refreshSubjects() {
	if b.subj.canon != nil && b.subj.version == b.groupsVersion {
		return
	}
	spell := make(map[string]string) // subject key to its spelling
	for _, g := range b.order {
		if k := g.k.subject; k != "" {
			if s := g.buf[g.off].Subject; len(s) > len(spell[k]) {
				spell[k] = s
			}
		}
	}
	keys := make([]string, 0, len(spell))
	for k := range spell {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	canon := make(map[string]string)
	for _, a := range keys {
		long := ""
		for _, c := range keys {
			if c != a && len(c) > len(a) && abbreviates(spell[a], a, c) {
				if long != "" {
					long = "" // abbreviates two names: which is not clear
					break
				}
				long = c
			}
		}
		if long != "" {
			canon[a] = long
		}
	}
	display := make(map[string]string, len(spell))
	for _, k := range keys {
		c := k
		for i := 0; i < 4 && canon[c] != ""; i++ {
			c = canon[c]
		}
		canon[k] = c
		if s := spell[k]; len(s) > len(display[c]) {
			display[c] = s
		}
	}
	b.subj = subjects{version: b.groupsVersion, canon: canon, display: display}
}

// canonOf returns the key of the fullest spelling of subject key k.
func (s *subjects) canonOf(k string) string {
	if c, ok := s.canon[k]; ok {
		return c
	}
	return k
}

// abbreviates reports whether subject a (key ak, written as text) is a
// short form of the subject with key bk: each word a prefix of the
// other's ("Lib Dems", "Liberal Democrats"; "Con", "Conservatives"), or
// capitals for its words' initials ("SNP", "Scottish National Party").
func abbreviates(text, ak, bk string) bool {
	aw, bw := strings.Fields(ak), strings.Fields(bk)
	if len(aw) == len(bw) {
		differ := false
		for i := range aw {
			if len(aw[i]) < 3 || !strings.HasPrefix(bw[i], aw[i]) {
				differ = false
				break
			}
			differ = differ || aw[i] != bw[i]
			if i == len(aw)-1 {
				return differ
			}
		}
	}
	if len(aw) != 1 || len(text) < 2 || strings.ToUpper(text) != text || len(bw) < 2 {
		return false
	}
	var initials []byte
	for _, w := range bw {
		switch w {
		case "and", "of", "the", "&":
			continue
		}
		initials = append(initials, w[0])
	}
	return string(initials) == ak
}
