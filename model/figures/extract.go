// Package figures finds a live story's key figures: the explicit "In
// numbers" lists its updates carry, and the counts, percentages, sums of
// money, ranges and approximations in their prose, grouped by what they
// count so a reader can see how a value moved over the story.
//
// It is pure: no UI, network or files.
//
// Choices made:
//   - Only an update's Text is read for figures; its headline usually
//     repeats it. A headline does open an explicit list ("Key figures").
//   - Shares of a whole are percentages: "44 per cent" and "43%" are 44 and
//     43 with Unit "%", "more than half" is 50 (Qualifier "more than"),
//     "two-thirds" 66.67, "one in five" and "nine out of ten" 20 and 90.
//   - A range ("2,000 to 3,000", "10-15%", "between £2bn and £3bn") has its
//     low end in Value and its high end in High. "from 3,454 to 4,000" and
//     "by £12,000 to £286,000" are changes: two figures.
//   - Numbers in words count when they count something: "three hospitals",
//     "Two further strikes", "a dozen protesters"; not "one of the", "the
//     two sides", "two days". A lone "one" is never a figure.
//   - Vague counts ("thousands of junior doctors", "tens of thousands of
//     patients") are figures without a value.
//   - Figures that do not say what they count keep an empty Label and Key;
//     the Board leaves them out of its groups.
//   - A figure's Key is its noun phrase in lower case without modifiers such
//     as "further", "planned" or "cancelled", so "1,140 planned inpatient
//     procedures" and "2,077 inpatient [procedures]" group together, apart
//     from "5,264 procedures".
//   - An update its source took back (Removed) no longer counts; if it comes
//     back it is read again.
package figures

import (
	"strings"
	"sync"
	"time"
)

// Figure is one quantitative fact found in an update's text.
//
// Percentages are in per cent (44 for "44 per cent"); fractions of a whole
// are percentages too ("more than half" is 50 with Unit "%" and Qualifier
// "more than", "two-thirds" 66.67), so they group with the percentages
// of the same thing. Ratios ("one in five") are percentages as well.
// Vague counts ("thousands of junior doctors") have HasValue false.
type Figure struct {
	Text     string    // as written, qualifier included: "around 4,000", "44 per cent", "£1.2bn", "2,000 to 3,000"
	Value    float64   // the normalised number: 4000, 44, 1.2e9; a range's lower end (see HasValue)
	Unit     string    // "" for counts, "%", "pp" (percentage points), "£", "$", "€", "¥", a measure ("km", "mph", "tonnes"), or "score" ("287/6 after 50 overs", "2-1")
	Label    string    // what it counts, as written: "operations cancelled", "junior doctors"; "" when the text does not say
	UpdateID string    // the update it was found in (set by Board)
	Time     time.Time // that update's time (set by Board)

	High      float64 // a range's upper end ("2,000 to 3,000" has Value 2000, High 3000), else 0
	Qualifier string  // "around", "more than", "up to", "between"...; "" for a figure given exactly
	// Key is what the figure counts, normalised: the label's noun phrase in
	// lower case without the verb and without modifiers such as "planned" or
	// "further", and with one name for one measure ("death toll", "people
	// killed" and "dead" are all "deaths"). Figures with the same Subject,
	// Key and Unit count the same thing.
	Key string

	// Subject is whose figure it is when the text says: the party, team or
	// place of a per-party, per-team or per-place figure ("Labour" in
	// "Labour has won 410 seats"), else "".
	Subject string
	// Context is, for text not in English, the words around the figure as
	// written, in place of a Label no one checked.
	Context string
	// Aside marks a figure about another time or event: a comparison ("For
	// comparison, the 2007 floods killed 13 people"), a value it moved from
	// ("up from 18,000"). It is kept apart from the story's own figures.
	Aside bool
	// InWords marks a number written in words ("three hospitals").
	InWords bool
	// HasValue is false for vague counts such as "thousands of".
	HasValue bool

	weak      bool  // a figure no reader pins: an increment ("a further 900"), a wish ("should be 95%"), a place ("at 12 schools")
	increment bool  // weak as an increment: the count has moved, and this is not its new total
	hedge     uint8 // how its clause hedges it: planned or expected, or hoped for, required or denied (see hedge)
	borrowed  bool  // what it counts was taken from a figure in another sentence, not written beside it
	ord       int32 // its place among its update's figures
}

// cand is a figure being built, with the token positions post-passes need.
type cand struct {
	f         Figure
	np        string // the noun phrase it counts
	part      string // the participle after it: "cancelled"
	qs, qe    int    // tokens of the figure's text: [qs, qe)
	le        int    // token after the label
	needHead  bool   // "2,077 inpatient and 3,187 day case procedures": borrow the next head noun
	needPrev  bool   // "39% of them": the last count's noun
	apposite  bool   // "39% of them - around 10,000 -": the previous figure's noun
	wordsOnly bool   // written in words: dropped without a noun
	back      bool   // np was read backwards, from before the figure ("turnout was 67%")
	keyPart   bool   // part belongs in the key: "people died", "homes without power"
	share     bool   // with no noun, a share of the vote its Subject has: "National 48.2%"
	price     bool   // the price of the product that is its Subject
	total     bool   // np is a running total of what the figure before counts: "This brings the Ruritania total to 5,120"
	bare      bool   // a number right after a name, with nothing after it: "Labour 98,"
}

var pool = sync.Pool{New: func() any { return &scanner{toks: make([]token, 0, 256)} }}

// Extract finds the figures in English prose, in text order. Dates, clock
// times, years, ages, ordinals, phone and reference numbers and durations
// ("24-hour walkout", "in 40 years", "two days") are not figures; neither
// are written numbers that do not count anything ("one of the", "the two
// sides").
//
// Text that reads as another language than English yields only figures with
// an explicit unit (a per cent sign, a currency), each with its Context.
func Extract(text string) []Figure {
	return extractTo(text, nil, hints{})
}

// extractTo appends the figures in text to dst; with a nil dst the result
// is allocated at its exact size.
func extractTo(text string, dst []Figure, h hints) []Figure {
	if !mayHaveFigures(text) {
		return dst
	}
	sc := pool.Get().(*scanner)
	sc.text = text
	sc.toks = sc.toks[:0]
	if need := len(text)/4 + 16; cap(sc.toks) < need {
		sc.toks = make([]token, 0, need) // one allocation, not a growing series, for a long text
	}
	sc.headAt, sc.heading, sc.cues, sc.english, sc.other, sc.year, sc.dated = 0, "", false, 0, 0, h.year, h.yday > 0
	sc.tokenize()
	if sc.foreign() {
		dst = sc.extractForeign(dst, h)
	} else {
		dst = sc.extract(dst, h)
	}
	sc.text = ""
	if cap(sc.toks) <= 4096 {
		pool.Put(sc)
	}
	return dst
}

// mayHaveFigures is a quick test: a digit, a currency sign, or a word that
// may be a number must appear.
func mayHaveFigures(t string) bool {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if isDigit(c) || c == '$' || c >= 0x80 {
			return true
		}
	}
	// no digits: look for number words the slow way
	return hasNumberWord(t)
}

func hasNumberWord(t string) bool {
	var sc scanner
	for i := 0; i < len(t); {
		if !isLetter(t[i]) {
			i++
			continue
		}
		j := i
		for j < len(t) && (isLetter(t[j]) || t[j] == '-') {
			j++
		}
		if w := sc.classify(t[i:j]); w.cls&(cNum|cScale|cPlural|cFrac|cDozen) != 0 {
			return true
		}
		if j-i > 5 && strings.IndexByte(t[i:j], '-') > 0 { // twenty-five
			return true
		}
		i = j
	}
	return false
}

func (sc *scanner) extract(out []Figure, h hints) []Figure {
	toks := sc.toks
	cands := sc.cands[:0]
	if len(toks) > 256 {
		numbers := 0
		for i := range toks {
			if t := &toks[i]; t.kind == kNum || t.kind == kCur || t.kind == kWord && t.w.cls&(cNum|cScale|cPlural|cFrac|cDozen) != 0 {
				numbers++
			}
		}
		if cap(cands) < numbers {
			cands = make([]cand, 0, numbers)
		}
	}
	defer func() { clear(cands); sc.cands = cands[:0] }()
	rejEnd := -1
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if !(t.kind == kNum || t.kind == kCur || t.kind == kWord && t.w.cls&(cNum|cScale|cPlural|cFrac|cDozen) != 0) {
			continue
		}
		if t.kind == kNum && (t.flags&fSlash != 0 || i+1 < len(toks) && toks[i+1].kind == kPunct && toks[i+1].p == '-') {
			if c, end, ok := sc.scoreAt(i); ok {
				cands = append(cands, c)
				i = end - 1
				continue
			}
		}
		if h.scores {
			continue
		}
		if rejEnd >= 0 && i == rejEnd+1 && sc.connector(rejEnd) && toks[rejEnd].kind == kWord && t.kind != kCur {
			continue // "junctions 5 and 6": the second goes with the first
		}
		c, end, ok := sc.figureAt(i)
		if ok {
			cands = append(cands, c)
		} else {
			rejEnd = max(end, i+1)
		}
		if end > i+1 {
			i = end - 1
		}
	}
	if len(cands) == 0 {
		return out
	}
	sc.markAsides(h)
	// post-passes: borrowed nouns
	for i := range cands {
		c := &cands[i]
		if c.f.Unit != "score" {
			c.f.Aside = h.aside || sc.asides[c.qs] || sc.comparedBefore(c.qs)
		}
		if sc.borrow(cands[:i], c) {
			continue
		}
		switch {
		case c.needPrev:
			for j := i - 1; j >= 0; j-- {
				if p := &cands[j]; p.f.Unit == "" && p.np != "" {
					c.np = p.np
					c.f.borrowed = p.f.borrowed || sc.borrowedFrom(cands[:i], j, c.qs)
					break
				}
			}
		case c.apposite && i > 0 && c.qs-cands[i-1].le <= 4 && !sc.boundary(cands[i-1].le, c.qs):
			c.np, c.part = cands[i-1].np, cands[i-1].part
		case c.needHead && i+1 < len(cands) && cands[i+1].np != "":
			np := cands[i+1].np
			c.np = c.np + " " + np[strings.LastIndexByte(np, ' ')+1:]
			if c.part == "" {
				c.part = cands[i+1].part
			}
		case c.np == "" && i > 0 && cands[i-1].np != "" && (cands[i-1].qe+1 == c.qs || cands[i-1].le+1 == c.qs) && c.f.Unit == cands[i-1].f.Unit && sc.connector(c.qs-1):
			c.np, c.part = cands[i-1].np, cands[i-1].part // from 3,454 to around 4,000
		case c.np == "" && i+1 < len(cands) && cands[i+1].np != "" && c.qe+1 == cands[i+1].qs &&
			(c.f.Unit == cands[i+1].f.Unit) && sc.connector(c.qe):
			c.np, c.part = cands[i+1].np, cands[i+1].part
		case c.total:
			// "Another 14 people had died. This brings the Ruritania total to 5,120"
			for j := i - 1; j >= 0 && j >= i-3; j-- {
				if p := &cands[j]; p.np != "" && !p.total && p.f.Unit == c.f.Unit {
					c.np, c.part, c.keyPart = p.np, p.part, p.keyPart
					break
				}
			}
		case c.f.Subject == "" && c.np != "" && i > 0 && cands[i-1].f.Subject != "" && cands[i-1].le == c.qs-1 &&
			sc.toks[c.qs-1].kind == kPunct && sc.toks[c.qs-1].p == ',' && c.f.Unit == cands[i-1].f.Unit:
			c.f.Subject = cands[i-1].f.Subject // "Greens: 38 seats, 12 seats gained"
		}
	}
	for i := 1; i < len(cands); i++ {
		// the whole a part is of: "609 of the 650 seats", "220 out of 441
		// seats"; not "1,210 [deaths] out of 3,400 cases"
		c, p := &cands[i], &cands[i-1]
		k := c.qs - 1
		if sc.is(k, "the") {
			k--
		}
		if sc.is(k, "of") && (p.qe == k || sc.is(k-1, "out") && p.qe == k-1) && p.np == c.np {
			c.f.weak = true
		}
	}
	sc.placeLists(cands)
	for i := 1; i < len(cands); i++ {
		// "Bresk reported 38 new cases, taking its total to 1,204": a
		// running total is its sentence's owner's
		if c, p := &cands[i], &cands[i-1]; c.f.Subject == "" && p.f.Subject != "" && p.f.Unit == c.f.Unit && c.f.Unit != "score" &&
			!sc.boundary(p.qe, c.qs) && sc.totalBefore(p.qe, c.qs) {
			c.f.Subject = p.f.Subject
		}
	}
	for i := range cands {
		if c := &cands[i]; c.f.Subject == "" && c.f.Unit == "" && strings.EqualFold(c.np, "seats") && !sc.asides[c.qs] && !sc.seatLevel(c.qs) {
			c.f.Subject = sc.sentenceOwner(c.qs, c.le) // "National has had a disastrous night, struggling to win 35 seats"
		}
	}
	keep := 0
	for i := range cands {
		if cands[i].np != "" || !cands[i].wordsOnly {
			keep++
		}
	}
	if keep == 0 {
		return out
	}
	if out == nil {
		out = make([]Figure, 0, keep)
	}
	lo := len(out)
	for i := range cands {
		c := &cands[i]
		if c.np == "" && c.wordsOnly {
			continue
		}
		f := c.f
		if f.Unit == "score" {
			f.ord = int32(len(out) - lo)
			out = append(out, f)
			continue
		}
		if f.Subject == "" && c.np != "" {
			c.np, f.Subject = sc.owner(c.np) // "30,000 GMB members"
		}
		f.Label = c.np
		if c.part != "" && c.np != "" {
			f.Label = c.np + " " + c.part
		}
		if c.keyPart {
			f.Key = canon(keyOf(f.Label))
		} else {
			f.Key = canon(keyOf(c.np))
		}
		if i := strings.Index(f.Key, " among "); i > 0 {
			f.Key = f.Key[:i]
		}
		if _, toll := canonical[f.Key]; toll && f.Subject == "" {
			f.Subject = sc.headingBefore(c.qs) // figures under a heading that names a place: "Wales"
		}
		if f.Key == "" && c.share && f.Unit == "%" {
			f.Key = "share" // "National 48.2%": a party's share
		}
		if c.price {
			f.Key = "price"
		}
		if f.Key == "" && f.Subject != "" && f.Unit != "" && f.Unit != "%" && f.Unit != "pp" && f.Unit != "score" {
			f.Key = f.Unit // "Jack Fire · 9,120 acres", "roads budget · £4bn"
		}
		f.ord = int32(len(out) - lo)
		out = append(out, f)
	}
	return out
}

// borrowedFrom reports whether a figure starting at token qs that takes
// what it counts from before[p] (before holding the figures read before
// it) takes it from further than its own sentence: from any sentence but
// the one just before, or past another figure that says what it counts.
func (sc *scanner) borrowedFrom(before []cand, p, qs int) bool {
	if !sc.boundary(before[p].qe, qs) {
		return false
	}
	for k := p + 1; k < len(before); k++ {
		if before[k].np != "" {
			return true
		}
	}
	ends, was := 0, false // sentence ends, and whether the token before ended one
	for i := before[p].qe; i < qs && i < len(sc.toks); i++ {
		t := &sc.toks[i]
		end := t.kind == kBreak || t.kind == kPunct && (t.p == '.' || t.p == '!' || t.p == '?' || t.p == ';')
		if end && !was {
			if ends++; ends > 1 {
				return true
			}
		}
		was = end
	}
	return false
}

// chaseLeft reports whether the figure starting at token qs is what a side
// still needs: "need 96 to win", "needs another 72 runs".
func (sc *scanner) chaseLeft(qs int) bool {
	k := qs - 1
	if sc.is(k, "another") || sc.is(k, "further") {
		k--
	}
	return sc.is(k, "need") || sc.is(k, "needs") || sc.is(k, "require") || sc.is(k, "requires")
}

// boundary reports whether a sentence or line ends between tokens i and j.
func (sc *scanner) boundary(i, j int) bool {
	for ; i < j && i < len(sc.toks); i++ {
		if t := &sc.toks[i]; t.kind == kBreak || t.kind == kPunct && (t.p == '.' || t.p == '!' || t.p == '?' || t.p == ';') {
			return true
		}
	}
	return false
}

func (sc *scanner) connector(i int) bool {
	if i >= len(sc.toks) {
		return false
	}
	t := &sc.toks[i]
	if t.kind == kPunct {
		return t.p == ','
	}
	return sc.is(i, "to") || sc.is(i, "and") || sc.is(i, "or")
}

// is reports whether token i is the word w (w in lower case).
func (sc *scanner) is(i int, w string) bool {
	if i < 0 || i >= len(sc.toks) {
		return false
	}
	t := &sc.toks[i]
	if t.kind != kWord || int(t.e-t.s) != len(w) {
		return false
	}
	x := sc.text[t.s:t.e]
	for k := 0; k < len(w); k++ {
		if c := x[k]; c != w[k] && c|0x20 != w[k] {
			return false
		}
	}
	return true
}

func (sc *scanner) word(i int) string {
	t := &sc.toks[i]
	return sc.text[t.s:t.e]
}

// keyOf normalises a noun phrase for grouping: lower case, without
// modifiers such as "further" or "planned".
func keyOf(np string) string {
	if np == "" {
		return ""
	}
	var sc scanner
	clean := true
	for i := 0; i < len(np); i++ {
		if c := np[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			clean = false
			break
		}
	}
	for i := 0; clean && i < len(np); {
		j := i
		for j < len(np) && np[j] != ' ' {
			j++
		}
		if sc.classify(np[i:j]).cls&cModifier != 0 {
			clean = false
		}
		i = j + 1
	}
	if clean {
		return np
	}
	var b strings.Builder
	for w := range strings.SplitSeq(np, " ") {
		if sc.classify(w).cls&cModifier != 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ToLower(strings.ReplaceAll(w, "’", "'")))
	}
	if b.Len() == 0 {
		return strings.ToLower(np)
	}
	return b.String()
}
