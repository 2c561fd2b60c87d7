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

// qty is a quantity as parsed from tokens, before its context is checked.
type qty struct {
	start, end int // tokens [start, end)
	num        int // the first number token or number word
	v, high    float64
	scale      float64
	unit       string
	has, rng   bool
	scaled     bool
	word       bool // written in words
	frac       bool // half, a third, two-thirds
	ratio      bool // one in five
	vague      bool // thousands of
	money      bool
	reject     bool
}

func curSymbol(s string) string {
	switch s {
	case "$":
		return "$"
	case "€":
		return "€"
	case "¥":
		return "¥"
	}
	return "£"
}

// numberWord reports whether token i can start a number in words.
func (sc *scanner) numberWord(i int) bool {
	t := &sc.toks[i]
	return t.kind == kWord && t.w.cls&(cNum|cScale|cPlural|cFrac|cDozen) != 0
}

// quantity parses the amount starting at token i: currency, digits or
// words, scale, unit, and (when allowRange) a second amount making a range.
func (sc *scanner) quantity(i int, allowRange bool) (q qty) {
	toks := sc.toks
	n := len(toks)
	t := sc.text
	q.start, q.scale = i, 1
	if toks[i].kind == kCur {
		q.unit, q.money = curSymbol(t[toks[i].s:toks[i].e]), true
		i++
		if i+1 < n && toks[i].kind == kCur && !toks[i].sp {
			i++ // "$£699": the same price in two currencies
		}
		if i >= n || !(toks[i].kind == kNum || toks[i].kind == kWord && toks[i].w.cls&(cNum|cScale) != 0) {
			q.end, q.reject = i, true
			return
		}
	}
	q.num = i
	if tk := &toks[i]; tk.kind == kNum {
		q.v, q.has = tk.w.v, true
		if tk.flags&(fColon|fSlash|fLeadZero|fPlus|fGlued) != 0 {
			q.reject = true
		}
		if tk.flags&fPct != 0 {
			q.unit = "%"
		} else if tk.x > tk.e && tk.flags&(fColon|fSlash) == 0 {
			sc.suffix(&q, t[tk.e:tk.x])
		}
		i++
	} else {
		i = sc.wordNumber(&q, i)
		if q.reject || q.vague {
			q.end = i
			return
		}
	}
	if i < n && !q.scaled && !q.frac && q.unit != "%" {
		if tk := &toks[i]; tk.kind == kWord && tk.w.cls&cScale != 0 && (tk.e-tk.s > 2 || q.money) {
			q.v *= tk.w.v
			q.scale *= tk.w.v
			q.scaled = true
			i++
		}
	}
	if q.unit == "" && i < n {
		tk := &toks[i]
		switch {
		case tk.kind == kPunct && tk.p == '%':
			q.unit = "%"
			i++
		case tk.kind != kWord:
		case tk.w.cls&cPercent != 0:
			q.unit = "%"
			i++
		case sc.is(i, "per") && sc.is(i+1, "cent"):
			q.unit = "%"
			i += 2
		case sc.is(i, "percentage") && (sc.is(i+1, "points") || sc.is(i+1, "point")):
			q.unit = "pp"
			i += 2
		case tk.w.cls&cCurWord != 0:
			q.unit, q.money = units[tk.w.u], true
			if sc.is(i, "cents") {
				q.v /= 100 // "55 cents"
			}
			i++
		case tk.w.cls&cMeasure != 0 && !q.frac && (tk.e-tk.s > 1 || !tk.sp):
			q.unit = units[tk.w.u]
			i++
		}
	}
	if q.has && q.unit == "" && !q.money && i+1 < n && (sc.is(i, "in") || sc.is(i, "out") && sc.is(i+1, "of") && i+2 < n) {
		of := 0
		if sc.is(i, "out") {
			of = 1 // nine out of ten
		}
		d := &toks[i+1+of]
		var dv float64
		ok := false
		switch {
		case d.kind == kNum && d.flags&(fComma|fDot|fDigits4|fPct|fColon|fSlash) == 0 && d.x == d.e:
			dv, ok = d.w.v, true
		case d.kind == kWord && d.w.cls&cNum != 0 && d.flags&fHyphen == 0:
			dv, ok = d.w.v, true
		}
		if ok && dv > 1 && dv >= q.v && dv <= 100 && !(i+2+of < n && toks[i+2+of].kind == kWord && toks[i+2+of].w.cls&(cTime|cMonth) != 0) {
			q.v, q.unit, q.ratio = q.v/dv*100, "%", true
			i += 2 + of
		}
	}
	if allowRange && i+1 < n && !q.ratio {
		c := &toks[i]
		join := false
		switch {
		case c.kind == kPunct:
			join = c.p == '-' && (!c.sp && !toks[i+1].sp || c.sp && toks[i+1].sp && sc.text[c.s] != '-')
		case sc.is(i, "to"):
			join = !sc.is(q.start-1, "from") && !sc.is(q.start-1, "by") // rose from/by 3,454 to 4,000: a change
		case sc.is(i, "and"):
			join = sc.is(q.start-1, "between")
		case sc.is(i, "or"):
			join = true
		}
		if q.reject || q.start > 0 && toks[q.start-1].kind == kWord && camel(sc.word(q.start-1)) {
			join = false // "vPad 7 to $319": a model, then its price
		}
		if join && (toks[i+1].kind == kNum || toks[i+1].kind == kCur || sc.numberWord(i+1)) {
			q2 := sc.quantity(i+1, false)
			switch {
			case c.kind == kPunct && !c.sp && q.unit == "" && q2.unit == "" && q.v <= 20 && q2.v <= 20 && !q.word && !q.scaled && !q2.scaled:
				q.reject, i = true, q2.end // 2-1: a score
			case !q2.reject && !q2.vague && q.has && q2.has && (q.unit == "" || q2.unit == "" || q.unit == q2.unit) && q2.word == q.word &&
				q2.v*max(q.scale, q2.scale)/q2.scale > q.v:
				// a range runs upwards: "46.1% to 38.9%" is two figures
				if q.unit == "" {
					q.unit, q.money = q2.unit, q2.money
				}
				if q.scale == 1 && q2.scale != 1 && q.v*q2.scale <= q2.v {
					q.v *= q2.scale
				}
				q.high, q.rng = q2.v, true
				i = q2.end
			case c.kind == kPunct && !c.sp && toks[q.num].kind == kNum && toks[q.num].flags&fDigits4 != 0:
				i = q2.end // 2015-16: a span of years, read as one
			}
		}
	}
	q.end = i
	return
}

// suffix reads what is glued to digits: bn, m, k, p, units; a clock, an
// ordinal, a decade or a compound ("24-hour", "32-year-old") rejects.
func (sc *scanner) suffix(q *qty, s string) {
	if s[0] == '-' {
		if strings.EqualFold(s, "-strong") {
			return
		}
		q.reject = true
		return
	}
	if len(s) > 5 && strings.EqualFold(s[len(s)-5:], "-plus") {
		s = s[:len(s)-5] // "£100million-plus"
	}
	b, h := sc.lower(s)
	switch string(b) {
	case "bn", "b", "billion":
		q.v, q.scale, q.scaled = q.v*1e9, 1e9, true
	case "m", "mn", "million":
		q.v, q.scale, q.scaled = q.v*1e6, 1e6, true
	case "k", "thousand":
		q.v, q.scale, q.scaled = q.v*1e3, 1e3, true
	case "tn", "trn", "trillion":
		q.v, q.scale, q.scaled = q.v*1e12, 1e12, true
	case "p":
		if !q.money {
			q.v, q.unit, q.money = q.v/100, "£", true
		}
	default:
		if w := lookup(b, h); w.cls&cMeasure != 0 {
			q.unit = units[w.u]
			return
		}
		q.reject = true // 9am, 3rd, 1970s, 4x4...
	}
}

// hyphenWord reads a hyphenated number: twenty-five, two-thirds; other
// compounds (seven-day, one-off) reject.
func (sc *scanner) hyphenWord(i int) (v float64, frac, ok bool) {
	w := sc.word(i)
	var parts [4]winfo
	np := 0
	for p := range strings.SplitSeq(w, "-") {
		if np == len(parts) {
			return 0, false, false
		}
		parts[np] = sc.classify(p)
		np++
	}
	if np == 2 && parts[0].cls&cNum != 0 && parts[0].v >= 20 && parts[1].cls&cNum != 0 && parts[1].v < 10 {
		return parts[0].v + parts[1].v, false, true
	}
	if np == 2 && parts[0].cls&cNum != 0 && parts[1].cls&cFrac != 0 {
		return parts[0].v * parts[1].v, true, true
	}
	return 0, false, false
}

// wordNumber reads a number written in words.
func (sc *scanner) wordNumber(q *qty, i int) int {
	toks := sc.toks
	n := len(toks)
	q.word = true
	tk := &toks[i]
	if tk.flags&fHyphen != 0 {
		v, frac, ok := sc.hyphenWord(i)
		if !ok {
			q.reject = true
			return i + 1
		}
		q.v, q.has = v, true
		if frac {
			q.unit, q.frac = "%", true
			return i + 1
		}
		i++
	}
	cls := tk.w.cls
	switch {
	case q.has:
	case cls&cPlural != 0:
		j := i + 1
		if sc.is(j, "of") && j+1 < n && toks[j+1].w.cls&cPlural != 0 { // tens of thousands
			j += 2
		}
		if sc.is(j, "of") {
			q.vague = true
			return j
		}
		q.reject = true
		return i + 1
	case cls&cFrac != 0:
		q.v, q.has, q.unit, q.frac = tk.w.v, true, "%", true
		j := i + 1
		if (sc.is(j, "a") || sc.is(j, "an")) && j+1 < n && toks[j+1].w.cls&cScale != 0 && toks[j+1].w.v >= 1000 {
			q.v, q.unit, q.frac, q.scaled = tk.w.v/100*toks[j+1].w.v, "", false, true
			return j + 2
		}
		return j
	}
	total, cur := 0.0, 0.0
	if q.has {
		cur = q.v
	}
	j := i
loop:
	for ; j < n && toks[j].kind == kWord; j++ {
		w := &toks[j].w
		switch {
		case toks[j].flags&fHyphen != 0:
			v, frac, ok := sc.hyphenWord(j)
			if !ok || frac || j > i && toks[j-1].w.cls&cNum != 0 && toks[j-1].w.v >= 20 {
				break loop
			}
			cur += v
		case w.cls&cNum != 0:
			if j > i && toks[j-1].w.cls&cNum != 0 && toks[j-1].flags&fHyphen == 0 && !(toks[j-1].w.v >= 20 && w.v < 10) {
				break loop // "two three": not one number
			}
			cur += w.v
		case w.cls&cDozen != 0:
			if cur == 0 {
				cur = 1
			}
			cur *= 12
		case w.cls&cScale != 0 && toks[j].e-toks[j].s > 2:
			if cur == 0 {
				cur = 1
			}
			if w.v == 100 {
				cur *= 100
			} else {
				total += cur * w.v
				cur = 0
			}
			q.scaled = true
			q.scale = w.v
		case sc.is(j, "and") && j > i && toks[j-1].w.cls&cScale != 0 && j+1 < n && toks[j+1].w.cls&cNum != 0:
		case w.cls&cFrac != 0 && j > i && toks[j-1].w.cls&cNum != 0: // two thirds, one quarter
			q.v, q.has, q.unit, q.frac = (total+cur)*w.v, true, "%", true
			return j + 1
		default:
			break loop
		}
	}
	if j == i && !q.has {
		q.reject = true
		return i + 1
	}
	q.v, q.has = total+cur, true
	return j
}

// qualifier finds a qualifier ending right before token start.
func (sc *scanner) qualifier(start int) (int, string) {
	if start == 0 || sc.toks[start-1].kind != kWord || sc.toks[start-1].w.cls&cQualEnd == 0 {
		return start, ""
	}
	b, _ := sc.lower(sc.word(start - 1))
	for _, qi := range qualifiersEnding[string(b)] {
		ph := qualifiers[qi]
		k := start - len(ph)
		if k < 0 {
			continue
		}
		ok := true
		for j := len(ph) - 1; j >= 0; j-- {
			if !sc.is(k+j, ph[j]) {
				ok = false
				break
			}
		}
		if ok {
			return k, qualifierText[qi]
		}
	}
	return start, ""
}

// qualifiersEnding lists, for each word a qualifier ends with, the
// qualifiers that end with it, longest first.
var qualifiersEnding = map[string][]int{}

var qualifierText = func() []string {
	out := make([]string, len(qualifiers))
	for i, q := range qualifiers {
		out[i] = strings.Join(q, " ")
	}
	return out
}()

// initial reports whether token i starts a sentence or line.
func (sc *scanner) initial(i int) bool {
	if i == 0 {
		return true
	}
	p := &sc.toks[i-1]
	switch p.kind {
	case kBreak:
		return true
	case kPunct:
		switch p.p {
		case '.', '!', '?', ':', ';', '"', '(', '-', '*', '[':
			return true
		}
	}
	return false
}

// figureAt reads the figure starting at token i, if it is one. end is the
// token after the quantity, so the caller does not read its parts again.
func (sc *scanner) figureAt(i int) (c cand, end int, ok bool) {
	toks := sc.toks
	n := len(toks)
	q := sc.quantity(i, true)
	end = max(q.end, i+1)
	if q.reject {
		return c, end, false
	}
	start := q.start
	if start == q.num && toks[start].kind == kWord && toks[start].w.cls&(cScale|cFrac|cDozen) != 0 && (sc.is(start-1, "a") || sc.is(start-1, "an")) {
		start--
	}
	qs, qual := sc.qualifier(start)
	if q.rng && qual == "" && sc.is(start-1, "between") {
		qs, qual = start-1, "between"
	}
	if sc.rejected(&q, start, qs, qual) {
		return c, end, false
	}
	c.qs, c.qe = qs, q.end
	c.wordsOnly = q.word && !q.frac && !q.vague || q.vague
	f := &c.f
	f.Text = sc.text[toks[qs].s:toks[q.end-1].x]
	f.Value, f.HasValue, f.Unit, f.Qualifier = q.v, q.has && !q.vague, q.unit, qual
	if q.rng {
		f.High = q.high
	}
	if q.frac {
		c.wordsOnly = false
	}
	f.InWords = q.word
	sc.label(&q, qs, &c)
	if q.word && !q.frac && !q.vague && !q.ratio && c.np == "" && sc.placeAfter(c.le) == "" {
		return c, end, false // "two of the", "the first two"
	}
	// a product's price: "The Zephyr 3 Pro starts at $899", "vPad 7 to $319"
	// ("The vPad Mini now has a price cut": the whole name, not "Mini")
	if q.money && strings.IndexByte(f.Subject, ' ') < 0 {
		if p := sc.productBefore(qs); p != "" && (f.Subject == "" || strings.HasSuffix(p, " "+f.Subject)) {
			f.Subject, c.np, c.part, c.keyPart, c.back, c.price = p, "", "", false, false, true
		}
	}
	// whose figure it is: "Labour has won 410 seats", "Labour: 411 seats", "Labour 98,"
	if f.Subject == "" && !q.word {
		k := keyOf(c.np)
		direct := c.bare || c.np != "" && !c.back && (perSubject[k] || perSubject[head(k)])
		colon := qs > 0 && toks[qs-1].kind == kPunct && toks[qs-1].p == ':'
		if s := sc.entityBefore(qs, direct); s != "" && (c.np == "" && !colon || c.np != "" && !c.back) && sc.joint(qs) {
			f.weak = true // told of several names together
		} else if s != "" && (c.np == "" && !colon || c.np != "" && !c.back) {
			f.Subject = s
			for b := qs - 1; b >= 0 && b >= qs-3 && toks[b].kind == kWord; b-- {
				if sc.is(b, "need") || sc.is(b, "needs") || sc.is(b, "require") || sc.is(b, "requires") {
					c.part = "needed" // "the visitors need another 87 runs": not runs scored
					break
				}
			}
			// a bare share is a party's share only right after its name at
			// the start of a line ("National 48.2%") or after "on" or
			// "ahead"; "Tory hold 53.6%" is one seat's result
			c.share = c.np == "" && (sc.is(qs-1, "on") || sc.is(qs-1, "ahead") ||
				sc.capWord(qs-1) && sc.initialLine(sc.nameBefore(qs-1)))
		}
	}
	// "a chase of 167 to win", "Target 335": what a side must reach
	if (c.np == "" || sc.is(qs-1, "target")) && !q.money && q.unit == "" && (sc.is(q.end, "to") && sc.is(q.end+1, "win") || sc.is(qs-1, "target") && !sc.is(qs-2, "a")) {
		c.np = "target"
		if sc.is(qs-1, "target") {
			f.Subject = "" // not a name: "Target 240"
		}
		if sc.chaseLeft(qs) {
			c.np = "runs" // "Hosts need 96 to win": what is left of the chase, not its target
		}
	}
	if c.np == "runs" && sc.chaseLeft(qs) {
		c.part, c.keyPart = "needed", true // "need another 72 runs"
	}
	// "Confirmed cases: 84": the words before a colon say what it counts
	if c.np == "" && f.Subject == "" && qs > 1 && toks[qs-1].kind == kPunct && (toks[qs-1].p == ':' || toks[qs-1].p == '-' && toks[qs-1].sp) {
		b := qs - 1
		for b > 0 && qs-1-b < 6 && toks[b-1].kind == kWord && toks[b-1].w.cls&(cNum|cTime|cMonth|cWeekday) == 0 {
			b--
		}
		if b < qs-1 && (b == 0 || toks[b-1].kind == kBreak || toks[b-1].kind == kPunct && (toks[b-1].p == '-' || toks[b-1].p == '*')) {
			if s := sc.nameBefore(qs - 2); s == b && !q.word && !(s == qs-2 && sc.nounNamed(s)) {
				f.Subject = sc.text[toks[b].s:toks[qs-2].e] // "Labour: 18,450": whose, not what
			} else {
				c.np = sc.text[toks[b].s:toks[qs-2].e]
			}
		}
	}
	// "- EPS $1.62 vs. $1.38 estimate": a list item's words before its figure
	// say what it counts, and the line leading the list whose it is
	if c.np == "" && f.Subject == "" && !q.word {
		if b := sc.itemStart(qs); b >= 0 && b < qs && !(q.unit == "" && sc.nameBefore(qs-1) == b && !sc.nounNamed(b)) {
			c.np = sc.text[toks[b].s:toks[qs-1].x] // (not "- Labour 98": a party's count)
		}
	}
	if f.Subject == "" && c.np != "" && !c.back && sc.itemStart(qs) >= 0 {
		f.Subject = sc.leadName(qs)
	}
	if q.unit == "" && !q.money && (sc.is(q.end, "more") || sc.is(q.end, "further") || sc.is(q.end, "additional") || sc.is(q.end, "extra") ||
		sc.is(q.end, "new")) {
		f.weak, f.increment = true, true // an increment: "24 more cases", "38 new cases"
	}
	switch qual {
	case "a further", "another", "an extra", "an additional":
		if !sc.chaseLeft(qs) {
			f.weak, f.increment = true, true // an increment, not the total; not "Hosts need another 72 runs"
		}
	}
	if q.unit == "" && !q.money && qual == "" && !c.back && f.Subject == "" &&
		(sc.is(qs-1, "at") || sc.is(qs-1, "in") || sc.is(qs-1, "across") || sc.is(qs-1, "within") || sc.is(qs-1, "into") || sc.is(qs-1, "from")) {
		f.weak = true // a place or a source: "clinics will open at 12 schools", "figures from 228 organisations"
	}
	if j := max(c.le, q.end); j < n && toks[j].kind == kWord && toks[j].w.cls&cStop != 0 && (sc.is(j, "short") || sc.is(j, "ahead") ||
		sc.is(j, "behind") || sc.is(j, "adrift") || sc.is(j, "clear") || (sc.is(j, "more") || sc.is(j, "fewer") || sc.is(j, "less")) && sc.is(j+1, "than")) {
		f.weak = true // a gap, not a count: "30 seats short of a majority"
	}
	if specUnits[q.unit] {
		f.weak = true // a product's specification, not the story's figure: "a 12 megapixel camera"
	}
	if sc.projected(qs) || sc.byFutureYear(q.end) {
		f.weak = true // a forecast or a target, not a result: "the BBC now predicts the Greens 120 seats", "2.4% of GDP by 2026"
	}
	if f.Subject == "" && q.money && (c.np == "" || purposeHeads[strings.ToLower(c.np)]) {
		if p := sc.purpose(max(c.le, q.end)); p != "" {
			f.Subject = p // "£3 million of funding to support the book fair": its purpose says whose
		}
	}
	if c.np == "" && f.Subject == "" && !q.word && (sc.is(qs-1, "others") || sc.is(qs-1, "independents")) {
		f.Subject = upperFirst(sc.word(qs - 1)) // "Labor 62 seats, others 5"
	}
	if c.np == "" && f.Subject == "" && q.unit != "" && q.unit != "%" && q.unit != "pp" && !q.money {
		f.Subject = sc.antecedent(qs) // "The Ridge Fire is ... it has burned 51,000 acres"
	}
	if sc.is(qs-1, "by") && (sc.is(qs-2, "beat") || sc.is(qs-2, "missed") || sc.is(qs-2, "by") && sc.is(qs-3, "beat") || sc.is(qs-2, "won") || sc.is(qs-2, "lost")) {
		f.weak = true // a margin: "Vexo beat by $0.12 a share", "won by 1,400 votes"
	}
	if (q.money || q.unit == "") && (sc.is(qs-1, "down") || sc.is(qs-1, "up")) {
		f.weak = true // a change, not a level: "shares were down $3.10"
	}
	if (q.unit == "" || q.money) && sc.is(qs-1, "by") && qs > 1 && (sc.toks[qs-2].w.cls&cMove != 0 || sc.is(qs-2, "up") || sc.is(qs-2, "down")) {
		f.weak, f.increment = true, true // "infections have climbed by about 4,000", "sales rose by $5m": a change, not the level
	}
	if q.unit == "%" && sc.seatLevel(qs) {
		f.weak = true // one seat's result: "in his Northfield seat, with 31% for the Greens"
	}
	if !(c.np == "runs" && sc.chaseLeft(qs)) {
		f.hedge = sc.hedge(qs, q.end)
	}
	if q.unit == "%" && sc.countProgress(&c) {
		// how far the count has got: "with 95% of the votes reported" is
		// no party's share; unpinned unless its key says it ("vote counted")
		f.Subject, f.weak = "", f.weak || !(c.keyPart && c.part != "")
	}
	if sc.signed(qs) {
		f.weak, f.increment = true, true // a change, not a level: "Con -191", "Lab +140"
	}
	if q.rng && q.money && results[head(keyOf(c.np))] {
		f.weak = true // results are reported exactly; a range is a forecast: "$1.18 to $1.20 in adjusted earnings per share"
	}
	return c, end, true
}

// results are the measures a company reports as one number: a range of
// them is guidance or an estimate.
var results = wordSet("earnings", "eps", "share", "revenue", "revenues", "sales", "income", "profit", "profits", "ebitda", "turnover")

// countProgress reports whether a share counts how far a count has got
// rather than what anyone won: "95% of the votes reported", "with 91% of
// precincts", "63% of ballots counted".
func (sc *scanner) countProgress(c *cand) bool {
	switch np := c.np; {
	case len(np) > 16 || np == "":
	case strings.EqualFold(np, "precincts") || strings.EqualFold(np, "polling stations") || strings.EqualFold(np, "polls") ||
		strings.EqualFold(np, "districts") || strings.EqualFold(np, "constituencies"):
		return sc.is(c.le, "reporting") || sc.is(c.le, "reported") || sc.is(c.le, "counted") || sc.is(c.le, "voting") || sc.is(c.le, "in")
	case strings.EqualFold(np, "votes") || strings.EqualFold(np, "vote") || strings.EqualFold(np, "ballots"):
		return c.part != "" && progressParts[c.part] || sc.is(c.le, "reported") || sc.is(c.le, "counted") ||
			sc.is(c.le, "in") && !sc.nounWord(c.le+1) || sc.is(c.le, "tallied") || sc.is(c.le, "returned") || sc.is(c.le, "processed")
	}
	return false
}

var progressParts = wordSet("reported", "counted", "tallied", "returned", "processed", "in")

// signed reports whether the number at token qs carries its own sign, set
// apart from the word before it: "Con -191", "Lab +140". Such a number is
// a change.
func (sc *scanner) signed(qs int) bool {
	if qs < 1 || qs >= len(sc.toks) || sc.toks[qs].kind != kNum || sc.toks[qs].sp {
		return false
	}
	p := &sc.toks[qs-1]
	return p.kind == kPunct && (p.p == '-' || p.p == '+') && p.sp && qs >= 2 && sc.toks[qs-2].kind == kWord
}

// Hedges: words in a figure's clause that make it something other than
// what happened. A figure after "could", "would", "need", "if" or "not"
// is hoped for, feared, required or denied: "the toll could rise to 30",
// "the Greens need 40 seats", "did not win 300 seats". One after "will",
// "expected" or "forecast" is planned or expected: "analysts had expected
// revenue of $5.1bn", which a strike's walkout or a product's price often
// is as the story is told ("2,000 nurses are set to strike", "will cost
// $649").
var (
	hypothetical = []string{"could", "would", "might", "may", "should", "must", "need", "needs", "needed", "require",
		"requires", "required", "if", "unless", "not", "never", "hope", "hopes", "aim", "aims", "want", "wants"}
	planned = []string{"will", "expect", "expects", "expected", "expecting", "forecast", "forecasts", "predict", "predicts",
		"predicted", "projected", "likely", "set", "due", "anticipated"}
)

// Hedge strengths, as Figure.hedge holds them.
const (
	plainHedge uint8 = iota
	plannedHedge
	hypotheticalHedge
)

// hedge returns how the clause the figure starting at token qs and ending
// before token qe stands in hedges it: in the words before it in its
// clause, or in the few right after it ("2,000 nurses could strike", "37
// seats that were not contested").
func (sc *scanner) hedge(qs, qe int) uint8 {
	toks := sc.toks
	clause := func(t *token) bool {
		return t.kind == kBreak || t.kind == kPunct && t.p != '%' && t.p != '\'' && !(t.p == '-' && !t.sp)
	}
	h := plainHedge
	for j := qs - 1; j >= 0 && qs-j <= 12 && !clause(&toks[j]); j-- {
		h = max(h, toks[j].w.hedge) // (a word's hedge is in its class, read as the text was split into tokens)
	}
	for j := qe; j < len(toks) && j-qe < 4 && !clause(&toks[j]); j++ {
		h = max(h, toks[j].w.hedge)
	}
	return h
}

// rejected checks the quantity's context: dates, times, years, ages,
// ordinals, durations, phone and reference numbers, names.
func (sc *scanner) rejected(q *qty, start, qs int, qual string) bool {
	toks := sc.toks
	n := len(toks)
	num := &toks[q.num]
	digits := num.kind == kNum
	plain := q.unit == "" && !q.scaled && !q.money
	if digits && num.flags&fDigits4 != 0 && num.x == num.e && plain && num.w.v >= 1000 && num.w.v <= 2100 {
		return true // a year
	}
	after := q.end
	var na *token
	if after < n {
		na = &toks[after]
	}
	before := start - 1
	// list numbering at the start of a line: "1. ", "2) "
	if digits && plain && sc.initialLine(q.num) && na != nil && na.kind == kPunct && (na.p == '.' || na.p == ')') && q.end == q.num+1 {
		return true
	}
	if before >= 0 && na != nil && toks[before].kind == kPunct && na.kind == kPunct {
		switch {
		case toks[before].p == '[' && na.p == ']':
			return true // a link reference
		case toks[before].p == '(' && na.p == ')' && plain && digits && num.flags&fComma == 0 && q.v <= 120 && !q.rng:
			return true // an age after a name: "(32)"
		case toks[before].p == ',' && na.p == ',' && plain && digits && num.flags&(fComma|fDot) == 0 && q.v <= 120 &&
			before > 0 && toks[before-1].kind == kWord && toks[before-1].flags&fCap != 0:
			return true // "Jeremy Hunt, 49, said"
		}
	}
	if digits && before >= 0 && toks[before].kind == kNum && !q.money && q.unit == "" {
		return true // the tail of a phone number: 0800 123 4567
	}
	if na != nil && plain && (sc.is(after, "and") || sc.is(after, "or") || sc.is(after, "to") || na.kind == kPunct && na.p == '-') &&
		after+2 < n && toks[after+1].kind == kNum && toks[after+2].kind == kWord && toks[after+2].w.cls&cMonth != 0 {
		return true // 5 and 6 March
	}
	if digits && plain && na != nil && na.kind == kNum && na.sp {
		return true // 020 7946 0000, or a score
	}
	if na != nil && na.kind == kWord && q.unit != "%" && !q.money {
		switch c := na.w.cls; {
		case c&cMonth != 0 && (sc.word(after) != "May" || true) && !q.rng && !q.scaled:
			return true // 1 March
		case c&cClock != 0:
			return true // 9 am, 9 GMT
		case c&cTime != 0 && (q.v < 1000 || q.word || plural(sc.word(after)) || !sc.nounWord2(after+1)):
			return true // 48 hours, two days, a 24 hour strike; not "3,187 day case procedures"
		case (sc.is(after, "a") || sc.is(after, "p")) && after+2 < n && toks[after+1].p == '.' && sc.is(after+2, "m"):
			return true // 9 a.m.
		case (sc.is(after, "a") || sc.is(after, "an")) && q.frac && after+1 < n && toks[after+1].w.cls&cTime != 0:
			return true // half an hour
		}
	}
	if na != nil && na.kind == kPunct && na.p == '-' && !na.sp && after+1 < n && toks[after+1].kind == kWord && toks[after+1].w.cls&cTime != 0 {
		return true // two-day written with a spaced dash
	}
	if na != nil && after+1 < n && toks[after+1].kind == kWord && toks[after+1].w.cls&cTime != 0 && (sc.is(after, "full") ||
		sc.is(after, "whole") || sc.is(after, "entire") || sc.is(after, "straight") || sc.is(after, "consecutive") ||
		sc.is(after, "successive") || sc.is(after, "long") || sc.is(after, "working") || sc.is(after, "hard")) {
		return true // "over two full days", "three straight years"
	}
	// the word before the figure (and before its qualifier)
	for _, b := range [2]int{qs - 1, start - 1} {
		if b < 0 || toks[b].kind != kWord {
			continue
		}
		c := toks[b].w.cls
		switch {
		case c&cMonth != 0 && plain && !(sc.word(b) == "May" && false):
			return true // March 2016, March 1
		case c&cWeekday != 0 && plain:
			return true // Tuesday 9
		case c&cNegPrev != 0 && plain:
			return true // aged 32, page 3, call 111
		case digits && q.scaled && !q.money && num.x > num.e && toks[b].flags&fCap != 0 && !sc.initial(b) && b == start-1 && qual == "":
			return true // part of a name: "Vexo TV 4k"
		case digits && plain && b == start-1 && qual == "" && camel(sc.word(b)):
			return true // a model: "vPad 7"
		case digits && plain && toks[b].flags&fCap != 0 && !sc.initial(b) && b == start-1 && qual == "" && !possessive(sc.word(b)) &&
			!sc.nounNamed(b):
			if !sc.bareEnd(after) && !(after < n && toks[after].kind == kWord && perSubject[strings.ToLower(sc.word(after))]) || sc.nameBefore(b) < 0 {
				return true // Radio 4, Stage 2; not "the League's 20 clubs"
			}
			// "Labour 398, Conservative 104": a name's figure, which needs a noun
			// from elsewhere; "CL 60 seats" has its own
		}
	}
	if digits && plain && !q.rng && num.flags&(fComma|fDot) == 0 && !sc.nounWord2(after) {
		switch q.v {
		case 999, 111, 101, 112, 911:
			return true // emergency and service numbers; not "at least 101 deaths"
		}
	}
	if q.word && !q.vague {
		if !q.scaled && !q.ratio && !q.frac && q.v == 1 {
			return true // "one" counts nothing on its own
		}
		if b := start - 1; b >= 0 && toks[b].kind == kWord && toks[b].w.cls&cDet != 0 && qual == "" {
			return true // the two sides, the first two
		}
		if sc.is(after, "of") && !q.frac {
			return true // two of the
		}
	}
	if q.frac && qual == "" && !q.scaled && !sc.is(after, "of") && !sc.is(start, "a") && !sc.is(start, "an") && q.v != 0 {
		if toks[q.num].flags&fHyphen == 0 && !(q.num > start) {
			return true // the second half, half-time
		}
	}
	if q.frac && !sc.is(after, "of") && (sc.nounWord2(after) || (sc.is(after, "or") || sc.is(after, "and")) && sc.nounWord2(after+1)) {
		return true // ordinals: "a third party", "a third or fourth party"
	}
	if q.frac && (sc.is(start-1, "second") || sc.is(start-1, "first") || sc.is(start-1, "last")) {
		return true
	}
	return false
}

// bareEnd reports whether nothing follows token i in its clause: a comma,
// a full stop, a line break or the end.
func (sc *scanner) bareEnd(i int) bool {
	if i >= len(sc.toks) {
		return true
	}
	t := &sc.toks[i]
	return t.kind == kBreak || t.kind == kPunct && (t.p == ',' || t.p == '.' || t.p == ';' || t.p == ')')
}

// initialLine reports whether token i starts a line.
func (sc *scanner) initialLine(i int) bool {
	return i == 0 || sc.toks[i-1].kind == kBreak
}

// label finds what the figure counts.
func (sc *scanner) label(q *qty, qs int, c *cand) {
	toks := sc.toks
	n := len(toks)
	k := q.end
	share := q.unit == "%" || q.unit == "pp"
	outOf := sc.is(k, "out") && sc.is(k+1, "of") && k+2 < n && toks[k+2].kind == kNum
	if outOf {
		k++ // "220 out of 441 seats": of the whole, as "220 of 441 seats"
	}
	if sc.is(k, "of") && (share || q.vague || !q.word || q.money) || q.money && sc.is(k, "in") {
		k++
		for k < n && toks[k].kind == kWord && toks[k].w.cls&cDet != 0 && toks[k].w.cls&cPron == 0 {
			k++
		}
		if k < n && toks[k].kind == kWord && toks[k].w.cls&cPron != 0 {
			c.needPrev = true
			c.le = k + 1
			return
		}
		if k < n && toks[k].kind == kNum && toks[k].flags&(fPct|fColon|fSlash) == 0 {
			k++
			if k < n && toks[k].kind == kWord && toks[k].w.cls&cScale != 0 {
				k++
			}
		}
	}
	s, e, next, needHead := sc.nounPhrase(k)
	if share && next == k+1 && (sc.is(k, "vote") || sc.is(k, "voted")) {
		// "81.4% vote to STRIKE", "90% voted in favour"
		switch {
		case sc.is(next, "to") && next+1 < n && toks[next+1].kind == kWord:
			e, next = toks[next+1].e, next+2
		case sc.is(next, "in") && sc.is(next+1, "favour") || sc.is(next, "in") && sc.is(next+1, "favor"):
			e, next = toks[next+1].e, next+2
		case sc.is(next, "for") || sc.is(next, "against"):
			e, next = toks[next].e, next+1
		}
	}
	gen := next-k == 1 && s < e && toks[k].w.cls&cGeneric != 0 // "23 people": generic[np], from the word's class
	c.le = next
	c.bare = s == e && sc.bareEnd(k)
	if s == e && !q.money && (q.unit == "" || share) {
		switch {
		case share && sc.participle(k) && !sc.nounWord2(k+1) && k < n && toks[k].w.cls&cVerb == 0:
			s, e, next = toks[k].s, toks[k].e, k+1 // "40 percent contained", "43.7% counted"
		case q.unit == "" && sc.is(k, "in") && sc.lowNoun(k+1):
			m := k + 2
			for m < n && m-k < 4 && sc.lowNoun(m) {
				m++ // "106 in critical care beds"
			}
			if !sc.nounWord2(m) {
				s, e, next = toks[k].s, toks[m-1].e, m // "31 in doubt"
			}
		}
		c.le = next
	}
	if next < n && toks[next].kind == kWord && toks[next].w.cls&cModal != 0 {
		c.f.weak = true // "5,000 nurses could join"
	}
	{
		j, aux := next, 0
		for j < n && aux < 5 && toks[j].kind == kWord && (toks[j].w.cls&cAux != 0 || aux > 0 && (sc.is(j, "reported") ||
			sc.is(j, "feared") || sc.is(j, "believed") || sc.is(j, "thought") || sc.is(j, "confirmed") || sc.is(j, "presumed")) ||
			sc.is(j, "remain") || sc.is(j, "remained") || sc.is(j, "left")) {
			j++
			aux++
		}
		switch {
		case aux > 0 && j < n && toks[j].kind == kWord && toks[j].w.cls&cState != 0 && !(s == e && share):
			// (not "a quarter were missing": a share of what, it does not say)
			// "40 are missing", "40 people are reported missing"
			if s == e {
				c.np = sc.word(j)
			} else {
				c.np, c.part, c.keyPart = sc.text[s:e], sc.word(j), true
			}
			c.le = j + 1
			return
		case s < e && (plural(sc.text[s:e]) || sc.is(k, "people") && next == k+1) && (sc.is(j, "without") || (sc.is(j, "in") || sc.is(j, "on") || sc.is(j, "under") && sc.is(j+1, "evacuation")) && sc.onlyBe(next, j)) && sc.lowNoun(j+1):
			// "9,500 homes remain without power", "3,140 patients in hospital",
			// "396 patients were in ventilation beds": where they are is what they are
			k := j + 2
			if sc.lowNoun(k) {
				k++
			}
			if k >= n || !(toks[k].kind == kWord && (sc.nounWord(k) || toks[k].w.cls&cTime != 0)) {
				c.np, c.part, c.keyPart = sc.text[s:e], sc.text[toks[j].s:toks[k-1].e], true
				c.le = k
				return
			}
		}
	}
	if s < e {
		c.np = sc.text[s:e]
		c.needHead = needHead
		// a participle after an auxiliary: "were cancelled", "had to be cancelled"
		j, aux := next, 0
		if j+2 < n && toks[j].kind == kPunct && toks[j].p == '[' && toks[j+1].kind == kNum && toks[j+2].kind == kPunct && toks[j+2].p == ']' {
			j += 3 // a link reference: "operations [2] were cancelled"
		}
		if sc.is(j, "with") {
			// "240 patients with confirmed flu were admitted"
			k := j + 1
			for k < n && k-j <= 4 && (toks[k].kind == kWord && toks[k].w.cls&cAux == 0 || toks[k].kind == kNum) {
				k++
			}
			if k < n && toks[k].kind == kWord && toks[k].w.cls&cAux != 0 {
				j = k
			}
		}
		for j < n && aux < 4 && toks[j].kind == kWord && toks[j].w.cls&cAux != 0 {
			j++
			aux++
		}
		if aux > 0 && sc.participle(j) && !(sc.is(qs-1, "by") || sc.is(qs-1, "with") || sc.is(qs-1, "from")) {
			// (not "the action by 30,000 members has shut down": that verb is the action's)
			ps := j
			j++
			if (sc.is(j, "or") || sc.is(j, "and")) && sc.participle(j+1) {
				j += 2
			}
			if sc.is(j, "off") || sc.is(j, "out") || sc.is(j, "back") || sc.is(j, "down") || sc.is(j, "up") {
				j++ // called off, laid off
			}
			c.part = sc.text[toks[ps].s:toks[j-1].e]
			c.le = j
		}
		if c.part == "" && gen && next < n && toks[next].kind == kWord &&
			isCanonical(strings.ToLower(c.np+" "+sc.word(next))) {
			c.part, c.keyPart, c.le = sc.word(next), true, next+1 // "Twelve people died", "left 1,800 people injured"
		}
		// the verb before: "Police arrested 23 people", "the council has closed 31 schools"
		if p := qs - 1; c.part == "" && p >= 0 && sc.participle(p) && toks[p].w.cls&(cVerb|cModal) == 0 {
			if gen {
				c.part, c.keyPart = sc.word(p), true
			} else if p > 0 && toks[p-1].kind == kWord && toks[p-1].w.cls&cAux != 0 {
				c.part = sc.word(p)
			}
		} else if aux > 0 && c.part != "" && gen {
			c.keyPart = true // "people have died", "people were evacuated"
		}
		if c.part == "" {
			// "580 seats declared", "12 seats gained", "41,000 deaths
			// registered", "100 seats to go": a measure of its own
			switch j := next; {
			case sc.is(j, "to") && sc.is(j+1, "go"):
				c.part, c.keyPart, c.le = "to go", true, j+2
			case sc.is(j, "still") && sc.is(j+1, "to") && sc.is(j+2, "be") && sc.participle(j+3):
				c.part, c.keyPart, c.le = "to be "+sc.word(j+3), true, j+4
			case sc.measureParticiple(j):
				c.part, c.keyPart, c.le = sc.word(j), true, j+1
			case (sc.is(j, "now") || sc.is(j, "already")) && sc.measureParticiple(j+1):
				c.part, c.keyPart, c.le = sc.word(j+1), true, j+2 // "629 seats now declared"
			}
		}
	}
	// "the cancellation of around 4,000 operations"
	if c.part == "" && sc.is(qs-1, "of") && qs >= 2 && toks[qs-2].kind == kWord && toks[qs-2].w.cls&cNominal != 0 {
		c.part = units[toks[qs-2].w.u]
	}
	if outOf && c.np != "" {
		// "risen to 1,210 out of 3,400 cases": the clause may say what the
		// part counts ("the number of people who have died")
		np, part, keyPart := c.np, c.part, c.keyPart
		c.np, c.part, c.keyPart = "", "", false
		if sc.readBack(q, qs, c); c.np == "" {
			c.np, c.part, c.keyPart = np, part, keyPart
		}
		return
	}
	if c.np != "" && !(c.part == "" && gen) || c.needPrev {
		return
	}
	// "39% of them - around 10,000 -": the figure before explains this one
	if b := qs - 1; c.np == "" && b >= 0 && toks[b].kind == kPunct && (toks[b].p == '-' || toks[b].p == '(') {
		c.apposite = true
		return
	}
	sc.readBack(q, qs, c)
}

// readBack reads what a figure counts from the words before it, when the
// words after it do not say or say only "people": "turnout was 67%", "a
// turnout of 67%", "The death toll in the storm rose to
// 57 people", "The number of people still missing has been updated to 31".
func (sc *scanner) readBack(q *qty, qs int, c *cand) {
	toks := sc.toks
	n := len(toks)
	share := q.unit == "%" || q.unit == "pp"
	j, steps, moved, modal := qs-1, 0, false, false
	for j >= 0 && steps < 6 && toks[j].kind == kWord && (toks[j].w.cls&(cVerb|cAux) != 0 ||
		steps > 0 && (sc.participle(j) || toks[j].w.cls&cModal != 0 || edIng(sc.word(j)) && toks[j].w.cls&cStop == 0 || adverb(sc.word(j)))) {
		moved = moved || toks[j].w.cls&cMove != 0 || sc.is(j, "stand") || sc.is(j, "stands") || sc.is(j, "stood") ||
			sc.is(j, "reached") || sc.is(j, "totals") || sc.is(j, "totalled") || sc.is(j, "hit") || sc.is(j, "passed")
		modal = modal || toks[j].w.cls&cModal != 0
		j--
		steps++
	}
	if steps == 0 {
		return
	}
	if modal {
		c.f.weak = true // "uptake should be 95%": a wish, not a count
	}
	if moved && sc.is(qs-1, "by") && q.unit == "" {
		c.f.weak, c.f.increment = true, true // "has increased by 1,204": an increment, not the total
	}
	if j > 1 && (toks[j].kind == kNum || sc.capWord(j)) {
		// "Calls to Line 24 rose by 9%": past a name to the noun
		p := j
		for p > 0 && j-p < 3 && (toks[p].kind == kNum || sc.capWord(p)) {
			p--
		}
		if p > 0 && (sc.is(p, "to") || sc.is(p, "for") || sc.is(p, "from")) && sc.nounWord(p-1) && (toks[p-1].flags&fCap == 0 || sc.initial(p-1)) {
			j = p - 1
		}
	}
	chainEnd := j
	place, last := -1, -1 // a place after the noun: "Sales in Greater China", "cases in the UK"
	if j >= 0 && sc.nounWord(j) && toks[j].flags&fCap != 0 && !sc.initial(j) {
		p := j
		for p > 0 && j-p < 3 && sc.capWord(p-1) && !sc.initial(p) {
			p--
		}
		b := p - 1
		if sc.is(b, "the") {
			b--
		}
		if b >= 1 && (sc.is(b, "in") || sc.is(b, "for") || sc.is(b, "across") || sc.is(b, "at")) && sc.nounWord(b-1) &&
			(toks[b-1].flags&fCap == 0 || sc.initial(b-1)) {
			place, last, j = p, j, b-1
		} else {
			j = -1
		}
	}
	if chainEnd >= 0 && !q.word && !(j >= 0 && sc.measureWord(j)) {
		// "The toll from the floods along the Bresk valley has risen to
		// 57": the measure the clause is about, further back
		if np, part, keyPart, si, ok := sc.measureBefore(chainEnd); ok {
			c.np, c.part, c.keyPart, c.back = np, part, keyPart, true
			sc.whose(si, c)
			return
		}
	}
	if c.np != "" {
		return // "268 people", when nothing better says what they are
	}
	measure := j >= 0 && !q.word && toks[j].kind == kWord && (singular[strings.ToLower(sc.word(j))] || sc.measureWord(j))
	if (share || q.money || moved || measure) && j >= 0 && sc.nounWord(j) && (toks[j].flags&fCap == 0 || sc.initial(j)) {
		// "turnout among trainees was": the noun before the preposition
		p := j - 1
		for p >= 0 && p > j-4 && (toks[p].kind == kWord && toks[p].w.cls&cDet != 0 || sc.nounWord(p)) {
			p--
		}
		if p >= 1 && (sc.is(p, "in") || sc.is(p, "among") || sc.is(p, "for") || sc.is(p, "across") || sc.is(p, "at")) &&
			sc.nounWord(p-1) && (toks[p-1].flags&fCap == 0 || sc.initial(p-1)) {
			j = p - 1
		}
		si := j
		if m := j - 1; m >= 0 && sc.nounWord(m) && !(possessive(sc.word(m)) && toks[m].flags&fCap != 0) && (sc.initial(m) ||
			m > 0 && toks[m-1].kind == kWord && (toks[m-1].w.cls&cDet != 0 || toks[m-1].w.cls&cStop != 0 && toks[m-1].w.cls&(cAux|cModal|cVerb) == 0) ||
			sc.capWord(m-1)) {
			si = m // "Waiting lists grew by 35,000"
		}
		end := toks[j].e
		if last > j {
			if _, toll := canonical[strings.ToLower(sc.word(j))]; toll && j == si {
				c.f.Subject = sc.text[toks[place].s:toks[last].e] // "the total number of cases in Ruritania": Ruritania's
			} else {
				end = toks[last].e // "Sales in Greater China"
			}
		}
		if (sc.is(j, "total") || sc.is(j, "tally")) && j+1 < n && sc.participle(j+1) {
			end = toks[j+1].e // "the total evacuated rose to 3,200"
			c.keyPart = true
		} else if sc.is(j, "total") || sc.is(j, "tally") {
			// "This brings the Ruritania total to 5,120": the total of what
			// the figure before counts, Ruritania's
			c.total = true
			if si < j && sc.capWord(si) {
				c.f.Subject = sc.text[toks[si].s:toks[j-1].e]
			}
			si = j
		}
		if si > 0 && toks[si-1].kind == kWord && unconfirmed[strings.ToLower(sc.word(si-1))] {
			si-- // "the number of suspected cases"
		}
		si = sc.whose(si, c)
		c.np = sc.text[toks[si].s:end]
		c.back = true
	}
}

// whose finds whose a measure read backwards is, from the words before its
// first token si: "The US death toll", "Labour's share of the vote", "Ruritania,
// for its part, has a toll of". It returns where the measure
// starts, past a possessive it took.
func (sc *scanner) whose(si int, c *cand) int {
	if c.f.Subject != "" {
		return si
	}
	toks := sc.toks
	k := si - 1
	for k >= 0 && si-k < 4 && toks[k].kind == kWord && (toks[k].w.cls&cDet != 0 || sc.is(k, "of") || sc.is(k, "a") || sc.is(k, "an") ||
		sc.nounWord(k) && !possessive(sc.word(k))) {
		k--
	}
	switch b := si - 1; {
	case b >= 0 && sc.capWord(b) && !sc.initial(b) && !possessive(sc.word(b)) && sc.nameBefore(b) >= 0:
		c.f.Subject = sc.text[toks[sc.nameBefore(b)].s:toks[b].e] // "The US death toll"
	case k >= 0 && toks[k].kind == kWord && possessive(sc.word(k)) && toks[k].flags&fCap != 0:
		w := sc.word(k)
		name := w[:len(w)-len("'s")]
		if strings.HasSuffix(w, "’s") {
			name = w[:len(w)-len("’s")]
		}
		if b := sc.nameBefore(k - 1); b >= 0 && b == k-1 && !sc.initial(k) {
			name = sc.text[toks[b].s:toks[k-1].e] + " " + name
		}
		c.f.Subject = name
		return k + 1
	case k >= 0 && toks[k].kind == kWord && toks[k].w.cls&cLink != 0 && toks[k].flags&fCap == 0:
		c.f.Subject = sc.entityBefore(k+1, false) // "Ruritania has a toll of"
	}
	return si
}

// measureWord reports whether token i names a toll or a count the story
// keeps: "toll", "deaths", "cases", "turnout", "number", "total".
func (sc *scanner) measureWord(i int) bool {
	if i < 0 || i >= len(sc.toks) || sc.toks[i].kind != kWord {
		return false
	}
	b, _ := sc.lower(sc.word(i))
	w := string(b)
	if _, ok := canonical[w]; ok {
		return true
	}
	switch w {
	case "total", "tally", "number", "count", "turnout", "caseload", "attendance", "crowd":
		return true
	}
	return false
}

// measureBefore finds, in the clause that ends at token j, the toll or
// count a figure after its verb gives: "the death toll from the landslide
// that buried the valley road has been raised to 41", "The number of
// people who have died ... has risen to 1,210". si is the
// measure's first token.
func (sc *scanner) measureBefore(j int) (np, part string, keyPart bool, si int, ok bool) {
	toks := sc.toks
	for m := j; m >= 0 && j-m < 16; m-- {
		t := &toks[m]
		if t.kind == kBreak || t.kind == kPunct && strings.IndexByte(".;:!?,", t.p) >= 0 ||
			sc.is(m, "but") || sc.is(m, "while") || sc.is(m, "whereas") || sc.is(m, "although") {
			return
		}
		if t.kind == kNum && !(m > 0 && sc.toks[m-1].kind == kWord && sc.toks[m-1].w.cls&cNegPrev != 0) && !(t.x > t.e && sc.text[t.e] == '-') {
			return // another figure's clause ("the magnitude 7.1 earthquake", "the 7.8-magnitude quake" are no figures)
		}
		if t.kind != kWord || !sc.measureWord(m) {
			continue
		}
		if k := sc.numberOfAround(m, j-15); k >= 0 {
			m = k // "the number of people being treated for suspected cases": people, not cases
		}
		if (sc.is(m, "number") || sc.is(m, "total") || sc.is(m, "count") || sc.is(m, "tally")) && sc.is(m+1, "of") {
			// "the number of people still missing": what it counts, and
			// the state or deed that makes them counted
			k := m + 2
			for k < j && toks[k].kind == kWord && toks[k].w.cls&cDet != 0 {
				k++
			}
			s, e, next, _ := sc.nounPhrase(k)
			if s == e {
				return
			}
			np = sc.text[s:e]
			for k := next; k < len(toks) && k < next+5; k++ {
				if toks[k].kind != kWord {
					break
				}
				if toks[k].w.cls&cState != 0 || sc.is(k, "died") || sc.is(k, "admitted") || sc.is(k, "evacuated") ||
					sc.is(k, "rescued") || sc.is(k, "arrested") {
					part, keyPart = sc.word(k), generic[strings.ToLower(np)]
					break
				}
			}
			for k := next; part == "" && k+1 <= j && generic[strings.ToLower(np)]; k++ {
				if sc.is(k, "in") && sc.is(k+1, "hospital") {
					part, keyPart = "in hospital", true // "the number of people being treated for the virus in hospital"
				}
			}
			return np, part, keyPart, m, true
		}
		if sc.is(m, "number") || sc.is(m, "total") || sc.is(m, "count") || sc.is(m, "tally") {
			continue // "the total" alone says nothing
		}
		si = m
		if m > 0 && (sc.nounWord(m-1) || unconfirmed[strings.ToLower(sc.word(m-1))]) && toks[m-1].flags&fCap == 0 {
			si = m - 1 // "death toll", "suspected cases"
		}
		if (sc.is(m+1, "in") || sc.is(m+1, "on")) && sc.lowNoun(m+2) && !sc.nounWord2(m+3) && plural(sc.word(m)) {
			// "confirmed deaths in hospitals": where is what they are
			return sc.text[toks[si].s:t.e], sc.text[toks[m+1].s:toks[m+2].e], true, si, true
		}
		return sc.text[toks[si].s:t.e], "", false, si, true
	}
	return
}

// numberOfAround finds, when the measure at token m is what another noun is
// counted for or with ("being treated for confirmed or suspected cases"),
// the "number of" or "total of" before it in its clause that the figure
// gives; -1 when there is none. It looks no further back than token lim.
func (sc *scanner) numberOfAround(m, lim int) int {
	b := m - 1
	for b >= 0 && m-b <= 4 && sc.toks[b].kind == kWord && !sc.is(b, "for") && !sc.is(b, "with") && !sc.is(b, "of") {
		b--
	}
	if !sc.is(b, "for") && !sc.is(b, "with") {
		return -1
	}
	for k := b - 1; k >= 0 && k >= lim; k-- {
		t := &sc.toks[k]
		if t.kind == kBreak || t.kind == kNum || t.kind == kPunct && strings.IndexByte(".;:!?,", t.p) >= 0 {
			return -1
		}
		if (sc.is(k, "number") || sc.is(k, "total")) && sc.is(k+1, "of") {
			return k
		}
	}
	return -1
}

// unconfirmed are the words that make a count another than the confirmed
// one: "the number of suspected cases" is not the number of cases.
var unconfirmed = wordSet("suspected", "probable", "possible", "presumptive", "presumed", "unconfirmed")

// adverb reports whether w reads as an adverb: "officially", "now".
func adverb(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "ly")
}

// nounWord reports whether token i can be part of a noun phrase.
func (sc *scanner) nounWord(i int) bool {
	t := &sc.toks[i]
	return t.kind == kWord && t.w.cls&(cStop|cDet|cPron|cTime|cMonth|cWeekday|cClock|cAux|cNum|cScale|cPlural|cFrac|cPercent|cCurWord|cVerb) == 0
}

// nounWord2 is nounWord for a token that may be past the end.
func (sc *scanner) nounWord2(i int) bool {
	return i < len(sc.toks) && sc.nounWord(i)
}

// participle reports whether token i is a past participle.
func (sc *scanner) participle(i int) bool {
	if i >= len(sc.toks) || sc.toks[i].kind != kWord {
		return false
	}
	t := &sc.toks[i]
	if t.w.cls&cPart != 0 {
		return true
	}
	w := sc.text[t.s:t.e]
	return len(w) >= 5 && w[len(w)-2:] == "ed" && t.w.cls&cStop == 0
}

func edIng(w string) bool {
	return len(w) >= 5 && (w[len(w)-2:] == "ed" || w[len(w)-3:] == "ing")
}

func possessive(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
}

func plural(w string) bool {
	if len(w) < 4 || w[len(w)-1] != 's' {
		return false
	}
	switch w[len(w)-2] {
	case 's', 'u', 'i', '\'':
		return false
	}
	return true
}

// nounPhrase reads the noun phrase starting at token k: up to four words,
// ending at a function word, a verb after the noun, a plural noun or
// punctuation. needHead says the phrase stops at "and"/"or" before another
// figure, with its head noun left out.
func (sc *scanner) nounPhrase(k int) (s, e int32, next int, needHead bool) {
	toks := sc.toks
	n := len(toks)
	j, cnt := k, 0
	last := ""
	for j < n && cnt < 4 {
		t := &toks[j]
		if t.kind != kWord {
			break
		}
		w := sc.text[t.s:t.e]
		if !sc.nounWord(j) && !(t.w.cls&cTime != 0 && !plural(w) && sc.nounWord2(j+1)) {
			if !(cnt == 0 && (sc.is(j, "more") || sc.is(j, "fewer") || sc.is(j, "other") || sc.is(j, "extra")) && j+1 < n && sc.nounWord(j+1)) {
				break
			}
		}
		related := cnt > 0 && sc.is(j, "related") && j+1 < n && sc.nounWord(j+1) // "flood related deaths"
		if edIng(w) && !related {
			if cnt > 0 && (w[len(w)-1] == 'd' || plural(last)) {
				break // a verb after the noun ("operations cancelled", "doctors striking"); not "additional funding"
			}
			if cnt == 0 && !ingNouns[strings.ToLower(w)] && !(j+1 < n && sc.nounWord(j+1) && !edIng(sc.word(j+1))) {
				if t.w.cls&cState != 0 { // "400 injured", "16 missing"
					s, e = t.s, t.e
					j++
					cnt++
				}
				break
			}
		}
		if cnt > 0 && t.w.cls&cPart != 0 {
			break // "people known to have died"
		}
		if cnt > 0 && t.flags&fCap != 0 && toks[j-1].flags&fCap == 0 {
			break // "5,000 doctors Tuesday", "in England"
		}
		if cnt == 0 {
			s = t.s
		}
		e = t.e
		last = w
		j++
		cnt++
		if plural(w) && !(j < n && sc.nounWord(j) && toks[j].flags&fCap == 0 && plural(sc.word(j)) && !edIng(sc.word(j))) &&
			!(sc.is(j, "related") && j+1 < n && sc.nounWord(j+1)) {
			break // ("outpatients appointments": the first plural names the second)
		}
	}
	if cnt > 0 && !plural(last) && (sc.is(j, "and") || sc.is(j, "or")) && j+1 < n && (toks[j+1].kind == kNum || toks[j+1].kind == kCur || sc.numberWord(j+1)) {
		needHead = true
	}
	if cnt > 0 && cnt < 4 && !plural(last) && (sc.is(j, "and") || sc.is(j, "or")) && j+1 < n && toks[j+1].kind == kWord && toks[j+1].flags&fCap == 0 {
		// "inpatient and outpatient appointments": two modifiers of one head
		if _, e2, next2, _ := sc.nounPhrase(j + 1); e2 > 0 && plural(sc.text[toks[next2-1].s:toks[next2-1].e]) {
			e, j = e2, next2
		}
	}
	return s, e, j, needHead
}

// measureParticiple reports whether token i is a participle that makes a
// count of its own ("seats declared"), not a verb with an object ("hospitals
// declared a critical incident").
func (sc *scanner) measureParticiple(i int) bool {
	if i >= len(sc.toks) || sc.toks[i].kind != kWord || sc.toks[i].w.cls&cMeasurePart == 0 {
		return false
	}
	if o := i + 1; o < len(sc.toks) {
		t := &sc.toks[o]
		return !(t.kind == kNum || t.kind == kCur || t.kind == kWord && (t.w.cls&cDet != 0 || sc.is(o, "a") || sc.is(o, "an") || sc.nounWord(o)))
	}
	return true
}

// onlyBe reports whether tokens [i, j) are only forms of "be" and "remain":
// "patients were in hospital"; not "doctors had been due on shift".
func (sc *scanner) onlyBe(i, j int) bool {
	for ; i < j; i++ {
		if sc.toks[i].kind != kWord || sc.toks[i].w.cls&(cAux|cVerb|cStop) == 0 && !sc.is(i, "remain") && !sc.is(i, "remains") {
			return false
		}
		if !(sc.is(i, "is") || sc.is(i, "are") || sc.is(i, "was") || sc.is(i, "were") || sc.is(i, "remain") ||
			sc.is(i, "remains") || sc.is(i, "remained") || sc.is(i, "still") || sc.is(i, "now")) {
			return false
		}
	}
	return true
}

// priceWords come between a product and its price: "starts at", "will
// cost", "has a price cut to".
var priceWords = wordSet("starts", "start", "starting", "costs", "cost", "priced", "sells", "sell", "retails", "retail",
	"cut", "drops", "dropped", "falls", "will", "would", "is", "be", "now", "also", "has", "a", "price", "at", "for",
	"to", "from")

// productBefore returns the product whose price the money figure at token
// qs is: a name of capitalised and camel-case words and model numbers
// ("vPad 8 Plus", "Zephyr Watch Series 3", "Vexo 6a") before a price
// verb, or before "to" or "at" in a list of prices ("vPad 7 to $319");
// "" when there is none.
func (sc *scanner) productBefore(qs int) string {
	toks := sc.toks
	j, priced, words := qs-1, false, 0
	for j >= 0 && words < 7 && toks[j].kind == kWord && priceWords[strings.ToLower(sc.word(j))] {
		switch strings.ToLower(sc.word(j)) {
		case "starts", "start", "starting", "costs", "cost", "priced", "sells", "sell", "retails", "retail", "cut", "drops", "dropped", "falls":
			priced = true
		}
		j--
		words++
	}
	if j > 0 && toks[j].kind == kPunct && toks[j].p == ',' {
		// "The Zephyr tablet, which comes with a stylus, will start at"
		for k := j - 1; k > 0 && j-k < 16; k-- {
			if toks[k].kind == kPunct && toks[k].p == ',' {
				if sc.is(k+1, "which") || sc.is(k+1, "who") || sc.is(k+1, "that") {
					j = k - 1
				}
				break
			}
		}
	}
	if j < 0 {
		return ""
	}
	end, named := j, false
	for j >= 0 && end-j < 6 {
		t := &toks[j]
		switch {
		case t.kind == kWord && t.flags&fCap != 0 && t.w.cls&(cDet|cMonth|cWeekday) == 0 && !sc.is(j, "a") && !sc.is(j, "and") && !sc.initial(j):
			named = true
		case t.kind == kWord && camel(sc.word(j)):
			named = true
		case t.kind == kWord && (sc.is(j, "plus") || sc.is(j, "pro") || sc.is(j, "max") || sc.is(j, "mini") || sc.is(j, "ultra")) && j < end+1:
		case t.kind == kNum && t.flags&(fComma|fDot|fPct|fColon|fSlash) == 0 && t.w.v < 100 && j > 0 && toks[j-1].kind == kWord:
		default:
			goto done
		}
		j--
	}
done:
	if !named || j == end {
		return ""
	}
	if sc.is(j, "the") {
		j--
	}
	list := j >= 0 && (toks[j].kind == kPunct && toks[j].p == ',' || sc.is(j, "and"))
	if !priced && !(list && words > 0 && (sc.is(qs-1, "to") || sc.is(qs-1, "at"))) && !(list && words == 0) {
		return ""
	}
	s := j + 1
	if sc.is(s, "the") {
		s++
	}
	return sc.text[toks[s].s:toks[end].x]
}

// camel reports whether w has a capital after its first letter: "vPad",
// "SkyBuds".
func camel(w string) bool {
	for i := 1; i < len(w); i++ {
		if w[i] >= 'A' && w[i] <= 'Z' && w[i-1] >= 'a' && w[i-1] <= 'z' {
			return true
		}
	}
	return false
}

// purposeHeads are nouns for money whose purpose says what it is for.
var purposeHeads = wordSet("funding", "support", "investment", "spending", "boost", "grant", "grants", "package", "fund",
	"additional funding", "new funding", "extra funding", "support allocated")

// purpose returns what the money at a figure ending before token k is for:
// "to support the book fair", "to tackle the 'green belt'", "for the
// early development of tidal power", "is added to the roads budget"; "" when nothing says.
func (sc *scanner) purpose(k int) string {
	toks := sc.toks
	for j := 0; j < 3 && k < len(toks) && toks[k].kind == kWord && (sc.onlyBe(k, k+1) || sc.is(k, "will") || sc.is(k, "be") ||
		sc.is(k, "been") || sc.participle(k)); j++ {
		k++ // "is added", "allocated"
	}
	switch {
	case sc.is(k, "to") && (sc.is(k+1, "support") || sc.is(k+1, "tackle") || sc.is(k+1, "fund") || sc.is(k+1, "help")):
		k += 2
	case sc.is(k, "for") || sc.is(k, "to") || sc.is(k, "on"):
		k++
	default:
		return ""
	}
	for k < len(toks) && (sc.is(k, "the") || sc.is(k, "a") || sc.is(k, "an") || sc.is(k, "early") || sc.is(k, "development") || sc.is(k, "of")) {
		k++
	}
	var b strings.Builder
	for n := 0; k < len(toks) && n < 4; k++ {
		t := &toks[k]
		if t.kind == kPunct && t.p == '"' {
			continue // "the 'green belt'"
		}
		if t.kind != kWord || t.w.cls&(cStop|cVerb|cAux) != 0 {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sc.word(k))
		n++
	}
	return b.String()
}

// byFutureYear reports whether a target year follows the figure ending
// before token k: "2.4% of GDP by 2026", "15 million tonnes of CO2 a
// year by 2035".
func (sc *scanner) byFutureYear(k int) bool {
	for j := k; j < len(sc.toks) && j-k < 8; j++ {
		t := &sc.toks[j]
		if t.kind == kBreak || t.kind == kPunct && (t.p == '.' || t.p == ';' || t.p == ',') {
			return false
		}
		if sc.is(j, "by") && j+1 < len(sc.toks) && sc.toks[j+1].kind == kNum && sc.toks[j+1].flags&fDigits4 != 0 &&
			sc.year > 0 && int(sc.toks[j+1].w.v) > sc.year {
			return true
		}
	}
	return false
}

// antecedent returns the name a figure's "it" or "the fire" stands for:
// the name that opens the sentence before ("The Ridge Fire is ... By
// Monday it had burned 51,000 acres"; "the Jack Fire ... the fire had grown
// to 9,120 acres"); "" when there is none.
func (sc *scanner) antecedent(qs int) string {
	toks := sc.toks
	// the subject of the figure's clause: "it" or "the <noun>", before a few verbs
	j := qs - 1
	for j >= 0 && qs-j <= 5 && toks[j].kind == kWord && (toks[j].w.cls&(cVerb|cAux) != 0 || sc.participle(j) || adverb(sc.word(j)) ||
		sc.is(j, "burned") || sc.is(j, "grown") || sc.is(j, "only")) {
		j--
	}
	noun := ""
	switch {
	case sc.is(j, "it"):
	case j > 0 && sc.nounWord(j) && toks[j].flags&fCap == 0 && sc.is(j-1, "the"):
		noun = strings.ToLower(sc.word(j))
		j--
	default:
		return ""
	}
	// the sentence before
	b := j - 1
	for b >= 0 && !sc.boundary(b, b+1) {
		b--
	}
	for s := b - 1; s >= 0 && b-s < 60; s-- {
		if s > 0 && !sc.boundary(s-1, s) {
			continue
		}
		// the sentence [s, b): find a name in it ending with the noun, or
		// opening it
		for i := s; i < b; i++ {
			if !sc.capWord(i) || sc.initial(i) && i != s && i != s+1 {
				continue
			}
			e := i
			for e+1 < b && sc.capWord(e+1) && e-i < 3 {
				e++
			}
			if e > i && (noun == "" && (i == s || i == s+1 && sc.is(s, "the")) || noun != "" && strings.EqualFold(sc.word(e), noun)) {
				return sc.text[toks[i].s:toks[e].e]
			}
			i = e
		}
		return ""
	}
	return ""
}

// projected reports whether the clause before token qs makes the figure a
// forecast: "BBC now predicts", "the exit poll suggests", "a projection of".
func (sc *scanner) projected(qs int) bool {
	for j := qs - 1; j >= 0 && qs-j <= 20; j-- {
		t := &sc.toks[j]
		if t.kind == kBreak || t.kind == kPunct && (t.p == '.' || t.p == ';' || t.p == '!' || t.p == '?') ||
			t.kind == kWord && t.e-t.s == 3 && (sc.is(j, "and") || sc.is(j, "but")) && j+1 < len(sc.toks) && sc.participle(j+1) {
			return false // ("raised its outlook and unveiled a $2 billion buyback": another clause)
		}
		if t.kind != kWord || t.w.cls&cSentence == 0 || sc.is(j, "seat") || sc.is(j, "constituency") || sc.is(j, "ward") {
			continue
		}
		if !sc.is(j, "poll") && !sc.is(j, "polls") || sc.is(j-1, "exit") {
			return true
		}
	}
	return false
}

// seatLevel reports whether the sentence around token qs is about one
// seat: it names "her seat", "the constituency", "the ward".
func (sc *scanner) seatLevel(qs int) bool {
	s := qs
	for s > 0 && qs-s < 40 && !sc.boundary(s-1, s) {
		s--
	}
	for j := s; j < len(sc.toks) && j-s < 60; j++ {
		if j > qs && sc.boundary(j, j+1) {
			break
		}
		if sc.toks[j].kind == kWord && sc.toks[j].w.cls&cSentence != 0 && (sc.is(j, "seat") || sc.is(j, "constituency") || sc.is(j, "ward")) {
			return true
		}
	}
	return false
}

// itemStart returns the first token of the list item ("- " or "• " opening
// a line) that token qs stands in, when only a few words come before qs;
// -1 otherwise.
func (sc *scanner) itemStart(qs int) int {
	toks := sc.toks
	b := qs
	for b > 0 && qs-b < 6 && (toks[b-1].kind == kWord && toks[b-1].w.cls&(cStop|cVerb|cAux|cTime|cMonth|cWeekday) == 0 ||
		toks[b-1].kind == kNum && toks[b-1].flags&fGlued != 0) {
		b--
	}
	if b > 0 && toks[b-1].kind == kPunct && (toks[b-1].p == '-' || toks[b-1].p == '*') && sc.initialLine(b-1) {
		return b
	}
	return -1
}

// leadName returns whose the figures of a list are, from the line that
// leads the list and ends in a colon ("Vexo:", "Zephyr beat on
// sales and profit:"): the name it opens with; "" when there is none.
func (sc *scanner) leadName(qs int) string {
	toks := sc.toks
	k := qs
	for lines := 0; k > 0 && lines < 12 && qs-k < 300; lines++ {
		// to the start of this line
		for k > 0 && toks[k-1].kind != kBreak {
			k--
		}
		if k == 0 {
			return ""
		}
		e := k - 1 // the break before it; the line before ends at e
		k = e
		for k > 0 && toks[k-1].kind != kBreak {
			k--
		}
		if k == e {
			continue // a blank line
		}
		if toks[k].kind == kPunct && (toks[k].p == '-' || toks[k].p == '*') {
			continue // another item
		}
		if last := &toks[e-1]; last.kind != kPunct || last.p != ':' {
			return ""
		}
		n := k
		for n < e-1 && n-k < 3 && (sc.capWord(n) || toks[n].kind == kWord && camel(sc.word(n))) {
			n++
		}
		if n == k || sc.nameBefore(n-1) != k && !camel(sc.word(k)) {
			return ""
		}
		return sc.text[toks[k].s:toks[n-1].e]
	}
	return ""
}

// nounNamed reports whether a capitalised word names what is counted
// rather than whose it is: "Turnout", "Deaths", "Cases".
func (sc *scanner) nounNamed(i int) bool {
	w := strings.ToLower(sc.word(i))
	_, toll := canonical[w]
	return toll || singular[w] || perSubject[w] || generic[w] || furniture[w]
}

// placeLists gives each figure of a list by place its place, and what it
// counts when it does not say: "31 people have died in Aland, 17 in
// neighbouring Bresk county, 9 in Corve", "The death toll includes 1,140
// in Aland, 620 in Bresk". A lone figure in a place keeps no
// subject: the place is most often the story's own.
func (sc *scanner) placeLists(cands []cand) {
	listed := false // some figures have their place
	for i := 0; i < len(cands); {
		j := i
		for j < len(cands) && cands[j].f.Unit == "" && cands[j].f.Subject == "" && sc.placeAfter(cands[j].le) != "" &&
			(j == i || !sc.boundary(cands[j-1].qe, cands[j].qs)) {
			j++
		}
		if j-i < 2 || sc.placeAfter(cands[i].le) == sc.placeAfter(cands[j-1].le) {
			i++ // (not "12 out of 140 hospital trusts in Wales": one place)
			continue
		}
		run := cands[i:j]
		if run[0].np == "" {
			if np, part, keyPart, _, ok := sc.measureBefore(run[0].qs - 1); ok {
				run[0].np, run[0].part, run[0].keyPart = np, part, keyPart
			}
		}
		for p := i - 1; p >= 0 && run[0].np == ""; p-- {
			// "... at least 60 deaths. There are 52 reported in Aland, three in ..."
			if pc := &cands[p]; pc.f.Unit == "" && isCanonical(canon(keyOf(pc.np))) {
				run[0].np, run[0].part, run[0].keyPart = pc.np, pc.part, pc.keyPart
				run[0].f.borrowed = pc.f.borrowed || sc.borrowedFrom(cands[:i], p, run[0].qs)
			}
		}
		for k := range run {
			c := &run[k]
			if c.np == "" {
				c.np, c.part, c.keyPart = run[0].np, run[0].part, run[0].keyPart
				c.f.borrowed = run[0].f.borrowed
			}
			c.f.Subject = sc.placeAfter(c.le)
			if c.f.InWords {
				c.f.weak = true // "four in North Carolina": it makes the list a list, but is small beside it
			} else if c.f.Qualifier == "another" {
				c.f.weak, c.f.increment = false, false // in a list "another" is the next place, not an increment
			}
		}
		listed = true
		i = j
	}
	// A sentence opening on its place ("In Aland, some 8,000 homes were
	// still without power") gives it to the figures it tells. And where the
	// text tells figures place by place, a figure placed in one on its own
	// is that place's too, not the story's whole ("more than 90,000
	// remained without power in Bresk").
	for i := range cands {
		c := &cands[i]
		if c.f.Subject == "" && c.f.Unit != "score" {
			if p := sc.frontedPlace(c.qs); p != "" {
				listed = true
				if sc.placeAfter(c.le) == "" {
					c.f.Subject = p // (not "In Aland, 64 cases are in Bresk county": the nearer place says)
				}
			}
		}
	}
	for i := range cands {
		if c := &cands[i]; listed && c.f.Subject == "" && c.f.Unit != "score" && !sc.placesAfter(c.le) {
			c.f.Subject = sc.placeAfter(c.le)
		}
	}
}

// placesAfter reports whether the place after token k is the first of
// several ("in Aland, Bresk and Corve"): a figure of them all is none's
// alone.
func (sc *scanner) placesAfter(k int) bool {
	s, e := sc.placeSpan(k)
	if s == e || e >= len(sc.toks) {
		return false
	}
	t := &sc.toks[e]
	return (t.kind == kPunct && t.p == ',' || sc.is(e, "and") || sc.is(e, "or")) && sc.capWord(e+1)
}

// totalBefore reports whether "total" or "tally" stands between tokens i
// and j.
func (sc *scanner) totalBefore(i, j int) bool {
	for k := i; k < j; k++ {
		if sc.is(k, "total") || sc.is(k, "tally") {
			return true
		}
	}
	return false
}

// frontedPlace returns the place the sentence holding token qs opens on,
// before a comma: "In Aland, ..."; "" when it opens otherwise.
func (sc *scanner) frontedPlace(qs int) string {
	s := qs
	for s > 0 && qs-s < 40 && !sc.boundary(s-1, s) {
		s--
	}
	if !sc.is(s, "in") {
		return ""
	}
	k := s + 1
	if sc.is(k, "the") {
		k++
	}
	e := k
	for e < qs && e-k < 4 && sc.capWord(e) {
		e++
	}
	if e == k || e >= qs || sc.toks[e].kind != kPunct || sc.toks[e].p != ',' {
		return ""
	}
	return sc.text[sc.toks[k].s:sc.toks[e-1].e]
}

// placeAfter returns the place named from token k on: "in Aland", "in
// the hill towns of Bresk", "in neighbouring Corve county"; "" when there is
// none.
func (sc *scanner) placeAfter(k int) string {
	s, e := sc.placeSpan(k)
	if s == e {
		return ""
	}
	return sc.text[sc.toks[s].s:sc.toks[e-1].e]
}

// placeSpan is placeAfter's place as tokens [s, e); s == e when there is
// none.
func (sc *scanner) placeSpan(k int) (s, e int) {
	for j := 0; j < 4 && k < len(sc.toks) && !sc.is(k, "in") && sc.toks[k].kind == kWord &&
		(sc.onlyBe(k, k+1) || sc.is(k, "without") || sc.participle(k) || sc.toks[k].w.cls&cState != 0 || sc.is(k, "power")); j++ {
		k++ // "52 reported in Aland", "30,000 were without power in Bresk"
	}
	if !sc.is(k, "in") {
		return k, k
	}
	k++
	if sc.is(k, "the") {
		k++
	}
	if k < len(sc.toks) && sc.toks[k].kind == kWord && sc.toks[k].flags&fCap == 0 && sc.toks[k].w.cls&cStop == 0 && sc.capWord(k+1) {
		k++ // "neighbouring Corve"
	}
	s = k
	for k < len(sc.toks) && k-s < 5 && (sc.capWord(k) || k > s && sc.is(k, "of") && sc.capWord(k+1)) {
		k++
	}
	return s, k
}

// headingBefore returns the place a heading line before token i names, as
// in a story's sections by nation ("England", "Wales"); "" when none does.
// Calls for one text must come in text order: the scan goes on from where
// the last one stopped.
func (sc *scanner) headingBefore(i int) string {
	for k := sc.headAt; k < i && k < len(sc.toks); k++ {
		if k > 0 && sc.toks[k-1].kind != kBreak {
			continue
		}
		e := k
		for e < len(sc.toks) && e-k < 4 && sc.capWord(e) {
			e++
		}
		if e > k && (e == len(sc.toks) || sc.toks[e].kind == kBreak) && sc.nameBefore(e-1) == k {
			sc.heading = sc.text[sc.toks[k].s:sc.toks[e-1].e]
		}
	}
	sc.headAt = max(sc.headAt, i)
	return sc.heading
}

// owner splits a noun phrase counted per party or union into whose it is
// and what it counts: "GMB members" is the GMB's members, "DUP seats" the
// DUP's seats. Other phrases come back whole, with no owner.
func (sc *scanner) owner(np string) (string, string) {
	sp := strings.LastIndexByte(np, ' ')
	if sp < 0 || !perSubject[strings.ToLower(np[sp+1:])] {
		return np, ""
	}
	name := np[:sp]
	for w := range strings.SplitSeq(name, " ") {
		if w == "" || w[0] < 'A' || w[0] > 'Z' {
			return np, ""
		}
	}
	return np[sp+1:], name
}

// lowNoun reports whether token i is a noun in lower case that can say
// where the counted are: "hospital", "intensive", "care".
func (sc *scanner) lowNoun(i int) bool {
	return i < len(sc.toks) && sc.nounWord(i) && sc.toks[i].flags&fCap == 0 && sc.toks[i].w.cls&cModifier == 0 && !edIng(sc.word(i))
}
