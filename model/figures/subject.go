package figures

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// hints is what the board knows about an update beyond its text.
type hints struct {
	year   int  // the update's year, for "In 2019 it was 67.3%"; 0 when unknown
	yday   int  // the update's day of the year, for "17,172 were in hospital on April 12"; 0 when unknown
	aside  bool // the headline says the whole update is about another event
	scores bool // read scores only, as in a headline
}

// commonStarts are capitalised words that open sentences without naming a
// party, team or place: "Officials have 3 options" has no subject.
var commonStarts = wordSet("officials", "police", "hospitals", "trusts", "doctors", "ministers", "figures", "analysts",
	"experts", "researchers", "authorities", "residents", "patients", "people", "schools", "councils", "it", "this",
	"they", "there", "we", "he", "she", "the", "results", "polls", "counts", "votes", "seats", "shares", "sales",
	"prices", "cases", "deaths", "voters", "fans", "supporters", "earlier", "later", "meanwhile", "overall", "so",
	"now", "today", "tonight", "yesterday", "and", "but", "or", "if", "when", "with", "after", "before", "as", "in",
	"on", "at", "for", "by", "from", "a", "an", "of", "to", "our", "their", "its", "his", "her", "my", "your",
	"wicket", "goal", "four", "six", "out", "drinks", "update", "breaking", "live", "latest", "summary", "what",
	"here", "key", "lunch", "tea", "stumps", "full-time", "half-time", "kick-off", "okay", "ok", "well", "yes", "right",
	"still", "again", "also", "just", "only", "about", "around", "nearly", "almost", "some", "all", "both", "update",
	"total", "totals", "overall")

// capWord reports whether token i is a capitalised word that can be part of
// a name: "Labour", "Reform", "UK", "Sinn".
func (sc *scanner) capWord(i int) bool {
	if i < 0 || i >= len(sc.toks) {
		return false
	}
	t := &sc.toks[i]
	return t.kind == kWord && t.flags&fCap != 0 && t.w.cls&(cNum|cMonth|cWeekday|cScale|cPlural|cFrac|cDet) == 0 &&
		!sc.is(i, "a") && !sc.is(i, "an") && !sc.is(i, "and") && !sc.is(i, "in") && !sc.is(i, "on") && !sc.is(i, "at")
}

// nameBefore reads the name (up to four capitalised words) ending at token
// end, and returns its first token; -1 when there is none or it is a
// common word opening a sentence.
func (sc *scanner) nameBefore(end int) (start int) {
	if !sc.capWord(end) {
		return -1
	}
	start = end
	for start > 0 && end-start < 3 && sc.capWord(start-1) && !sc.initialLine(start) {
		start--
	}
	if !sc.capWord(start) {
		return -1
	}
	if w, _ := sc.lower(sc.word(start)); commonStarts[string(w)] {
		if end == start {
			return -1
		}
		start++ // "So Hosts need 96": the name is the words after
	}
	if p := start - 1; p >= 0 && sc.toks[p].kind == kPunct && sc.toks[p].p == '/' {
		return -1 // "Lab/Lib Dem 203": two parties together
	}
	return start
}

// entityBefore finds whose figure starting at token qs is: a name right
// before it ("Labour 98", "Labour: 411 seats", "Labour - 412") or before a
// few linking words ("Labour has now won 330", "the Conservatives on 131",
// "the Conservatives' at 23.7%"). direct allows a name with nothing between.
func (sc *scanner) entityBefore(qs int, direct bool) string {
	s, e := sc.entitySpan(qs, direct)
	if s < 0 {
		return ""
	}
	return sc.text[sc.toks[s].s:sc.toks[e].e]
}

// joint reports whether the name before the figure starting at token qs
// is the last of several the figure is told of together: "Both the US and
// Italy have recorded more than 100,000 cases" is neither's count alone.
func (sc *scanner) joint(qs int) bool {
	s, _ := sc.entitySpan(qs, false)
	if s < 2 || !(sc.is(s-1, "and") || sc.toks[s-1].kind == kPunct && sc.toks[s-1].p == '&') {
		return false
	}
	p := s - 2
	if sc.is(p, "the") && p > 0 {
		p--
	}
	return sc.capWord(p) && !sc.initialLine(s-1)
}

// entitySpan returns the first and last tokens of the name entityBefore
// finds, or -1, -1.
func (sc *scanner) entitySpan(qs int, direct bool) (int, int) {
	j := qs - 1
	links := 0
	for j >= 0 && links < 4 {
		t := &sc.toks[j]
		link := t.kind == kWord && t.w.cls&cLink != 0 && t.flags&fCap == 0 ||
			t.kind == kPunct && (links == 0 && (t.p == ':' || t.p == '-' && t.sp) || t.p == '"' && !t.sp)
		if !link {
			break
		}
		j--
		links++
	}
	if links == 0 && !direct || j < 0 {
		return -1, -1
	}
	if links > 0 && sc.toks[j].kind == kPunct && sc.toks[j].p == ',' {
		// "The United Kingdom, meanwhile, has": past an aside between commas
		for k := j - 1; k > 0 && j-k <= 3 && sc.toks[k].kind == kWord; k-- {
			if p := &sc.toks[k-1]; p.kind == kPunct && p.p == ',' {
				j = k - 2
				break
			}
		}
		if j < 0 || sc.toks[j].kind != kWord {
			return -1, -1
		}
	}
	s := sc.nameBefore(j)
	if s < 0 || sc.otherSide(s) {
		return -1, -1
	}
	return s, j
}

// otherSide reports whether the name starting at token s is the other side
// of what its clause tells: the one a seat was taken from, a side beaten
// or compared with ("took Northfield from the Greens with a majority of
// 312" is not the Greens' majority).
func (sc *scanner) otherSide(s int) bool {
	p := s - 1
	if sc.is(p, "the") {
		p--
	}
	return sc.is(p, "from") || sc.is(p, "against") || sc.is(p, "over") || sc.is(p, "than") || sc.is(p, "beat") ||
		sc.is(p, "beating") || sc.is(p, "defeated") || sc.is(p, "versus") || sc.is(p, "vs")
}

// scoreAt reads a score starting at token i: a cricket score with its overs
// ("Hosts 287/6 after 50 overs", "the visitors are 112/1 after 17 overs")
// or a football scoreline between two names ("Rovers 2-1 United").
func (sc *scanner) scoreAt(i int) (c cand, end int, ok bool) {
	toks := sc.toks
	n := len(toks)
	t := &toks[i]
	if t.kind != kNum || t.flags&(fComma|fDot|fPlus|fGlued|fLeadZero) != 0 {
		return c, i + 1, false
	}
	if t.flags&fSlash != 0 {
		tail := sc.text[t.e:t.x]
		if len(tail) < 2 || len(tail) > 3 || !allDigits(tail[1:], len(tail)-1) || t.w.v >= 1000 {
			return c, i + 1, false
		}
		wk := 0
		for _, d := range tail[1:] {
			wk = wk*10 + int(d-'0')
		}
		if wk > 10 {
			return c, i + 1, false
		}
		// the overs: "after 50 overs", "in 17.2 overs", "(50 overs)"
		j := i + 1
		if j < n && (sc.is(j, "after") || sc.is(j, "in") || sc.is(j, "off") || toks[j].kind == kPunct && toks[j].p == '(') {
			j++
		}
		if j+1 >= n || toks[j].kind != kNum || !(sc.is(j+1, "overs") || sc.is(j+1, "over") || sc.is(j+1, "ov")) {
			return c, i + 1, false
		}
		subject := sc.entityBefore(i, true)
		if subject == "" && i >= 2 && (sc.is(i-1, "are") || sc.is(i-1, "were") || sc.is(i-1, "is")) && toks[i-2].kind == kWord &&
			toks[i-2].w.cls == 0 && (sc.is(i-3, "the")) {
			subject = upperFirst(sc.word(i - 2)) // "the visitors are 112/1"
		}
		if subject == "" {
			return c, i + 1, false
		}
		end = j + 2
		if end < n && toks[end].kind == kPunct && toks[end].p == ')' {
			end++
		}
		c.f = Figure{Text: sc.text[t.s:t.x] + " after " + sc.text[toks[j].s:toks[j].e] + " overs", Value: t.w.v, HasValue: true,
			Unit: "score", Label: "score", Key: "score", Subject: subject}
		c.qs, c.qe, c.np = i, end, "score"
		return c, end, true
	}
	if c, end, ok := sc.cricketLine(i); ok {
		return c, end, true
	}
	if c, end, ok := sc.cricketBare(i); ok {
		return c, end, true
	}
	// football: Name 2-1 Name
	if i+2 >= n || t.w.v > 20 || toks[i+1].kind != kPunct || toks[i+1].p != '-' || toks[i+1].sp || toks[i+2].sp ||
		toks[i+2].kind != kNum || toks[i+2].w.v > 20 || toks[i+2].flags != 0 || t.flags != 0 || t.x != t.e || toks[i+2].x != toks[i+2].e {
		return c, i + 1, false
	}
	home := sc.nameBefore(i - 1)
	if home >= 0 && (home == i-1 || sc.capWord(i-1)) && !sc.capWord(i+3) {
		if w := sc.winnerBefore(home - 1); w >= 0 {
			// "Liverpool scored twice late on to beat Fulham 4-3": the winner's score
			c.f = Figure{Text: sc.text[t.s:toks[i+2].e] + " v " + sc.text[toks[home].s:toks[i-1].e], Value: t.w.v, HasValue: true,
				Unit: "score", Label: "score", Key: "score", Subject: sc.text[toks[sc.nameBefore(w)].s:toks[w].e]}
			c.qs, c.qe, c.np = i, i+3, "score"
			return c, i + 3, true
		}
	}
	if home < 0 || home != i-1 && !sc.capWord(i-1) || !sc.capWord(i+3) {
		return c, i + 1, false
	}
	away := i + 3
	for away+1 < n && away-i < 5 && sc.capWord(away+1) {
		away++
	}
	c.f = Figure{Text: sc.text[t.s:toks[away].e], Value: t.w.v, HasValue: true, Unit: "score", Label: "score", Key: "score",
		Subject: sc.text[toks[home].s:toks[i-1].e]}
	c.qs, c.qe, c.np = i, away+1, "score"
	return c, away + 1, true
}

// winnerBefore finds, when token v is a verb of winning ("beat",
// "defeated"), the last token of the side that won: the nearest name before
// it in its sentence, with only the words of its verb between ("10-man
// Chelsea held on to beat"); -1 when there is none, or a pronoun stands
// between ("Salah scored as they beat").
func (sc *scanner) winnerBefore(v int) int {
	if !(sc.is(v, "beat") || sc.is(v, "beating") || sc.is(v, "defeated") || sc.is(v, "thrashed") || sc.is(v, "edged")) {
		return -1
	}
	for k := v - 1; k >= 0 && v-k <= 14; k-- {
		t := &sc.toks[k]
		if t.kind == kBreak || t.kind == kPunct && strings.IndexByte(".;:!?,", t.p) >= 0 || t.kind == kWord && t.w.cls&cPron != 0 ||
			sc.is(k, "they") || sc.is(k, "he") || sc.is(k, "she") || sc.is(k, "it") || sc.is(k, "we") {
			return -1
		}
		if sc.capWord(k) {
			if sc.nameBefore(k) < 0 {
				return -1
			}
			return k
		}
	}
	return -1
}

// cricketLine reads a score as an over-by-over report writes it, after the
// over it stands at: "38.2 overs: Hosts 171-9 (Smith 52)", "9th over:
// Hosts 47-1".
func (sc *scanner) cricketLine(i int) (c cand, end int, ok bool) {
	toks := sc.toks
	n := len(toks)
	t := &toks[i]
	if i+2 >= n || t.w.v >= 1000 || t.flags&(fComma|fDot) != 0 || t.x != t.e || toks[i+1].kind != kPunct || toks[i+1].p != '-' ||
		toks[i+1].sp || toks[i+2].sp || toks[i+2].kind != kNum || toks[i+2].w.v > 10 || toks[i+2].flags != 0 || toks[i+2].x != toks[i+2].e {
		return c, i + 1, false
	}
	home := sc.nameBefore(i - 1)
	// the over: "38.2 overs:", "7th over:" opening the line
	o := home - 3
	if home < 0 || o < 0 || !sc.initialLine(o) || toks[o].kind != kNum || !(sc.is(o+1, "overs") || sc.is(o+1, "over")) ||
		toks[o+2].kind != kPunct || toks[o+2].p != ':' {
		return c, i + 1, false
	}
	overs := sc.text[toks[o].s:toks[o].e]
	end = i + 3
	c.f = Figure{Text: sc.text[t.s:toks[i+2].e] + " after " + overs + " overs", Value: t.w.v, HasValue: true, Unit: "score",
		Label: "score", Key: "score", Subject: sc.text[toks[home].s:toks[i-1].e]}
	c.qs, c.qe, c.np = i, end, "score"
	return c, end, true
}

// cricketBare reads a side's score written without its overs, as an
// over-by-over report heads a wicket: "WICKET! Hosts 88-5 (Reid b Cole
// 12)". The side's name comes right before it, and after it the batters in
// brackets or the end of the line; the runs are more than the wickets.
func (sc *scanner) cricketBare(i int) (c cand, end int, ok bool) {
	toks := sc.toks
	n := len(toks)
	t := &toks[i]
	if i+2 >= n || t.w.v >= 1000 || t.w.v < 10 || t.flags&(fComma|fDot) != 0 || t.x != t.e || toks[i+1].kind != kPunct ||
		toks[i+1].p != '-' || toks[i+1].sp || toks[i+2].sp || toks[i+2].kind != kNum || toks[i+2].w.v > 10 || toks[i+2].flags != 0 ||
		toks[i+2].x != toks[i+2].e {
		return c, i + 1, false
	}
	end = i + 3
	if end < n && !(toks[end].kind == kBreak || toks[end].kind == kPunct && toks[end].p == '(') {
		return c, i + 1, false
	}
	home := sc.nameBefore(i - 1)
	if home < 0 {
		return c, i + 1, false
	}
	c.f = Figure{Text: sc.text[t.s:toks[i+2].e], Value: t.w.v, HasValue: true, Unit: "score", Label: "score", Key: "score",
		Subject: sc.text[toks[home].s:toks[i-1].e]}
	c.qs, c.qe, c.np = i, end, "score"
	return c, end, true
}

// Aside cues. Strong ones make their whole sentence about another event;
// weak ones their clause, or the whole sentence when they open it.
var (
	strongCues = [][]string{{"for", "comparison"}, {"by", "comparison"}, {"in", "comparison"}, {"on", "that", "occasion"},
		{"at", "the", "last", "election"}, {"at", "the", "previous", "election"}, {"last", "time"}}
	weakCues = [][]string{{"last", "year"}, {"a", "year", "ago"}, {"years", "ago"}, {"last", "year's"}, {"previous"},
		{"an", "earlier"}, {"the", "earlier"}, {"a", "year", "earlier"}, {"outgoing"}, {"before", "the", "election"},
		{"so", "far", "this"}, {"year", "to", "date"}}
	// (not "last week": a health service's figures for "each day last week" are the latest it has)
)

// markAsides works out, in one pass, which tokens are in a sentence or
// clause about another time or event: asides[i] is true for those.
func (sc *scanner) markAsides(h hints) {
	n := len(sc.toks)
	if cap(sc.asides) < n {
		sc.asides = make([]bool, n)
	}
	sc.asides = sc.asides[:n]
	clear(sc.asides)
	if !sc.cues {
		return
	}
	sentStart, clauseStart, clauseNo := 0, 0, 0
	sentAside, clauseAside := false, false
	flushClause := func(end int) {
		if clauseAside {
			for k := clauseStart; k < end; k++ {
				sc.asides[k] = true
			}
		}
	}
	for i := 0; i <= n; i++ {
		endSent := i == n || sc.toks[i].kind == kBreak ||
			sc.toks[i].kind == kPunct && (sc.toks[i].p == '.' || sc.toks[i].p == '!' || sc.toks[i].p == '?' || sc.toks[i].p == ';')
		endClause := endSent || sc.toks[i].kind == kPunct && (sc.toks[i].p == ',' || sc.toks[i].p == '(' || sc.toks[i].p == ')' ||
			sc.toks[i].p == '-' && sc.toks[i].sp || sc.toks[i].p == ':')
		if endClause {
			if clauseAside && clauseNo == 0 {
				sentAside = true
			}
			flushClause(i)
			clauseStart, clauseAside = i+1, false
			clauseNo++
			if endSent {
				if sentAside {
					for k := sentStart; k < i; k++ {
						sc.asides[k] = true
					}
				}
				sentStart, clauseNo, sentAside = i+1, 0, false
			}
			continue
		}
		t := &sc.toks[i]
		switch {
		case t.kind == kNum && t.flags&fDigits4 != 0 && t.x == t.e && h.year > 0 && t.w.v >= 1900 && t.w.v <= 2100 &&
			int(t.w.v) != h.year && !sc.is(i-1, "since") && !sc.is(i-1, "until") && !sc.is(i-1, "by"):
			clauseAside = true // another year: "In 2019 it was 67.3%", "the 2007 floods"
		case t.kind == kWord && t.w.cls&cMonth != 0 && h.yday > 0:
			if d := sc.dayOf(i); d > 0 {
				if at := time.Date(h.year, time.Month(monthOf(sc.word(i))), d, 12, 0, 0, 0, time.UTC).YearDay(); at < h.yday-7 {
					clauseAside = true // a date more than a week before the update: "on April 12", in an update of August
				}
			}
		case t.kind != kWord || t.w.cls&cCue == 0:
		case !(i+1 < n && sc.toks[i+1].kind == kWord && sc.toks[i+1].w.cls&cCueNext != 0) && !sc.is(i, "previous") && !sc.is(i, "outgoing"):
			// most "the", "a" and "in" open no cue: the word after says
		case sc.cueAt(i, strongCues):
			sentAside = true
		case sc.cueAt(i, weakCues):
			clauseAside = clauseAside || !sc.comparedWith(i)
		case sc.is(i, "the") && sc.is(i+1, "last") && i+2 < n && sc.toks[i+2].kind == kWord &&
			sc.toks[i+2].w.cls&(cNum|cTime|cPlural|cScale) == 0 && !sc.is(i+2, "few"):
			clauseAside = true // "the last big outbreak"; not "the last 60 balls"
		}
	}
}

// comparedWith reports whether the cue at token i is what a figure is
// compared with ("up 8% compared with the same week last year", "up 5% on
// last year") rather than when the clause's figures stand.
func (sc *scanner) comparedWith(i int) bool {
	if sc.is(i-1, "on") || sc.is(i-1, "from") || sc.is(i-1, "over") || sc.is(i-1, "since") {
		return true
	}
	for j := i - 1; j >= 0 && j >= i-5; j-- {
		if sc.toks[j].kind != kWord {
			return false
		}
		if sc.is(j, "compared") || sc.is(j, "than") || sc.is(j, "versus") || sc.is(j, "vs") {
			return true
		}
	}
	return false
}

// cueAt reports whether one of cues starts at token i.
func (sc *scanner) cueAt(i int, cues [][]string) bool {
	for _, c := range cues {
		ok := true
		for k, w := range c {
			if !sc.is(i+k, w) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// comparedBefore reports whether the figure starting at token qs is the
// other side of a comparison: "down from 18,000", "compared with 40",
// "ahead of the $94.5bn", "smaller than the $110bn"; or a toll from before
// ("after killing 900 people").
func (sc *scanner) comparedBefore(qs int) bool {
	for j, k := qs-1, 0; j >= 0 && k < 3; j, k = j-1, k+1 {
		t := &sc.toks[j]
		if t.kind == kPunct && t.p == '.' && (sc.is(j-1, "vs") || sc.is(j-1, "v")) {
			continue // "vs. $1.38"
		}
		if t.kind != kWord {
			return false
		}
		switch {
		case sc.is(j, "from"):
			p := j - 1
			return p >= 0 && sc.toks[p].kind == kWord && (sc.toks[p].w.cls&cMove != 0 || sc.is(p, "up") || sc.is(p, "down") ||
				sc.is(p, "rise") || sc.is(p, "fall") || sc.is(p, "increase") || sc.is(p, "drop") || sc.is(p, "change"))
		case sc.is(j, "than"), sc.is(j, "against"), sc.is(j, "versus"), sc.is(j, "vs"), sc.is(j, "previously"):
			return true
		case sc.is(j, "with") || sc.is(j, "to"):
			return sc.is(j-1, "compared")
		case sc.is(j, "of"):
			return sc.is(j-1, "ahead") || sc.is(j-1, "short") || sc.is(j-1, "consensus") || sc.is(j-1, "estimate") ||
				sc.is(j-1, "forecast") || sc.is(j-1, "projection") // "against the analysts' consensus of $12.3 billion"
		case t.w.cls&cDet != 0, sc.is(j, "a"), sc.is(j, "an"):
		case sc.tollVerb(j) != "":
			return sc.is(j-1, "after") // "after killing almost 900 people in Haiti": the toll of where the storm was before
		default:
			return false
		}
	}
	return false
}

// foreign reports whether the text reads as another language than English:
// more of its function words are French, German, Spanish and the like than
// English ones.
func (sc *scanner) foreign() bool {
	return sc.other >= 3 && sc.other > 2*sc.english
}

// foreignCurrency returns the sign for a currency named in another
// language, or "".
func foreignCurrency(w string) string {
	w = strings.ToLower(w)
	w = strings.ReplaceAll(w, "’", "'")
	if i := strings.IndexByte(w, '\''); i >= 0 && i <= 3 {
		w = w[i+1:] // d'euros
	}
	switch w {
	case "euros", "euro", "eur", "euro's":
		return "€"
	case "dollars", "dollar", "dólares", "dollari", "usd":
		return "$"
	case "livres", "pfund", "libras", "gbp":
		return "£"
	}
	return ""
}

// foreignScale returns the value of a scale word in another language.
func foreignScale(w string) float64 {
	switch strings.ToLower(w) {
	case "million", "millions", "millones", "millón", "millionen", "milioni", "miljoen", "mio", "mln":
		return 1e6
	case "milliard", "milliards", "milliarden", "mrd", "miliardi", "miljard", "bn":
		return 1e9
	}
	return 0
}

// extractForeign reads text in another language, where no label can be
// trusted: only figures with an explicit unit (a per cent sign, a currency)
// are kept, each with the words around it as written.
func (sc *scanner) extractForeign(out []Figure, h hints) []Figure {
	toks := sc.toks
	n := len(toks)
	lo := len(out)
	for i := 0; i < n; i++ {
		t := &toks[i]
		if t.kind != kNum && t.kind != kCur || h.scores {
			continue
		}
		start := i
		unit := ""
		if t.kind == kCur {
			if i+1 >= n || toks[i+1].kind != kNum {
				continue
			}
			unit = curSymbol(sc.text[t.s:t.e])
			i++
			t = &toks[i]
		}
		if t.flags&(fColon|fSlash|fGlued|fLeadZero) != 0 {
			continue
		}
		v := t.w.v
		j := i + 1
		// "25,9" with a decimal comma, "3 200" with a space between thousands
		switch {
		case j+1 < n && toks[j].kind == kPunct && toks[j].p == ',' && !toks[j].sp && toks[j+1].kind == kNum && !toks[j+1].sp &&
			toks[j+1].e-toks[j+1].s <= 2 && toks[j+1].flags&(fComma|fDot) == 0:
			d := toks[j+1]
			frac := d.w.v
			for k := d.e - d.s; k > 0; k-- {
				frac /= 10
			}
			v += frac
			t = &toks[j+1]
			j += 2
		case j < n && toks[j].kind == kNum && toks[j].sp && toks[j].e-toks[j].s == 3 && toks[i].flags&(fComma|fDot) == 0 && v < 1000:
			v = v*1000 + toks[j].w.v
			t = &toks[j]
			j++
		}
		last := t
		switch {
		case unit != "":
		case t.flags&fPct != 0:
			unit = "%"
		case j < n && toks[j].kind == kPunct && toks[j].p == '%':
			unit, last = "%", &toks[j]
			j++
		case j < n && toks[j].kind == kCur:
			unit, last = curSymbol(sc.text[toks[j].s:toks[j].e]), &toks[j]
			j++
		default:
			k := j
			scale := 1.0
			if k < n && toks[k].kind == kWord {
				if s := foreignScale(sc.word(k)); s > 0 {
					scale = s
					k++
				}
			}
			if k < n && sc.is(k, "de") {
				k++
			}
			if k < n && toks[k].kind == kWord {
				if u := foreignCurrency(sc.word(k)); u != "" {
					unit, last, v, j = u, &toks[k], v*scale, k+1
				}
			}
		}
		if unit == "" {
			continue
		}
		// the words around it, within its clause
		b := start
		for b > 0 && start-b < 8 && toks[b-1].kind == kWord {
			b--
		}
		e := j
		for e < n && e-j < 3 && toks[e].kind == kWord {
			e++
		}
		before := strings.TrimSpace(sc.text[toks[b].s:toks[start].s])
		f := Figure{Text: sc.text[toks[start].s:last.x], Value: v, HasValue: true, Unit: unit,
			Context: sc.text[toks[b].s:toks[max(e, j)-1].x], ord: int32(len(out) - lo)}
		f.Key = strings.ToLower(before)
		if f.Key == "" {
			f.Key = strings.ToLower(f.Context)
		}
		out = append(out, f)
		i = j - 1
	}
	return out
}

// leadNoun returns the noun counted per party or team that a lead line
// ending in a colon gives the name-and-number lines under it ("Overall
// seats update:", "With 120 of 650 seats declared:"); "" when the lines
// before token qs have none.
func (sc *scanner) leadNoun(qs int) string {
	toks := sc.toks
	k := qs - 1
	for k >= 0 && qs-k <= 8 && toks[k].kind != kBreak {
		k--
	}
	if k >= 0 && toks[k].kind != kBreak {
		return "" // a long line: prose, not a line of a tally
	}
	for lines := 0; k >= 0 && lines < 12 && qs-k < 200; k-- {
		if toks[k].kind != kBreak {
			continue
		}
		// the line before: (k's previous break, k)
		s := k - 1
		for s >= 0 && toks[s].kind != kBreak {
			s--
		}
		if s+1 < k {
			lines++
			last := &toks[k-1]
			if last.kind == kPunct && last.p == ':' {
				// the noun nearest the colon, in the lead's last sentence: "Labor
				// have taken the lead, 50.18% to 49.82%. Currently the seats won
				// are:" gives seats, not lead
				for i := k - 1; i > s && !sc.boundary(i, i+1); i-- {
					if w := strings.ToLower(sc.word(i)); toks[i].kind == kWord && perSubject[w] {
						if perSubject[w+"s"] {
							w += "s" // "SEAT TALLY:" over "Centre 41": seats
						}
						return w
					}
				}
				return ""
			}
			num := false
			for i := s + 1; i < k && !num; i++ {
				num = toks[i].kind == kNum
			}
			if !num {
				return "" // prose, not a line of a tally
			}
		}
		k = s + 1
	}
	return ""
}

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// borrow gives a figure what it lacks from a figure before it: a name
// without a noun takes the noun of the names before ("Labour on 410 seats,
// the Conservatives on 131"), or of a count of the same thing ("With 120 of
// 650 seats declared: Labour 98"); a price after a move takes the move's
// subject ("shares rose 4.8% to $224.60"). It reports whether it did.
func (sc *scanner) borrow(before []cand, c *cand) bool {
	if c.f.Unit == "score" {
		return false
	}
	if money(c.f.Unit) && (sc.is(c.qs-1, "to") || sc.is(c.qs-1, "at")) {
		for j := len(before) - 1; j >= 0 && j >= len(before)-2; j-- {
			p := &before[j]
			if p.f.Unit == "%" && p.np != "" && c.qs-p.qe <= 8 && !sc.boundary(p.qe, c.qs) {
				c.np, c.part, c.keyPart, c.f.Subject = p.np, p.part, p.keyPart, p.f.Subject
				return true
			}
		}
	}
	if c.np != "" || c.f.Subject == "" {
		return false
	}
	if np := sc.leadNoun(c.qs); np != "" && c.f.Unit == "" {
		c.np = np // "Overall seats update:" over "Labour: 22"
		return true
	}
	for j := len(before) - 1; j >= 0 && j >= len(before)-12; j-- {
		p := &before[j]
		if p.np == "" || p.f.Unit != c.f.Unit || p.f.Unit == "score" {
			continue
		}
		if k := keyOf(p.np); p.f.Subject != "" || perSubject[k] || perSubject[k[:strings.IndexByte(k+" ", ' ')]] {
			c.np, c.part, c.keyPart = p.np, "", false
			c.f.borrowed = p.f.borrowed || sc.borrowedFrom(before, j, c.qs)
			return true
		}
	}
	return false
}

// dayOf returns the day of the month written beside the month name at
// token i ("April 12", "12 April", "12th April"), or 0.
func (sc *scanner) dayOf(i int) int {
	for _, k := range [2]int{i + 1, i - 1} {
		if k < 0 || k >= len(sc.toks) {
			continue
		}
		t := &sc.toks[k]
		if t.kind == kNum && t.flags&(fComma|fDot) == 0 && t.w.v >= 1 && t.w.v <= 31 && (t.x == t.e || ordinalTail(sc.text[t.e:t.x])) {
			return int(t.w.v)
		}
	}
	return 0
}

func ordinalTail(s string) bool {
	return s == "st" || s == "nd" || s == "rd" || s == "th"
}

// monthOf returns the month a month's name (or its short form) stands
// for, 1 to 12.
func monthOf(w string) int {
	if len(w) < 3 {
		return 1
	}
	switch string([]byte{lowerASCII(w[0]), lowerASCII(w[1]), lowerASCII(w[2])}) {
	case "feb":
		return 2
	case "mar":
		return 3
	case "apr":
		return 4
	case "may":
		return 5
	case "jun":
		return 6
	case "jul":
		return 7
	case "aug":
		return 8
	case "sep":
		return 9
	case "oct":
		return 10
	case "nov":
		return 11
	case "dec":
		return 12
	}
	return 1
}
