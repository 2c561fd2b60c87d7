package figures

// This file decides whether a number read in the text is a figure a
// reader wants: not a clock, an ordinal, an idiom, a hedge or a forecast.

import (
	"strings"
)

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
