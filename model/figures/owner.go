package figures

// This file finds whose a figure is: a product, a party, a side or a
// company named near it, or what a sum of money is for.

import (
	"strings"
)

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

// sentenceOwner returns whose a count of seats starting at token qs is when nothing beside it says: the name that opens
// its sentence before a verb, with no other name between ("National has
// had a disastrous night, struggling to win 35 seats"), or, when the
// clause after it opens on "it", the name that so opens the sentence
// before ("Labour has won. With 64 seats, it becomes the first party to
// ..."); "" when neither does.
func (sc *scanner) sentenceOwner(qs, le int) string {
	s := qs
	for s > 0 && qs-s < 40 && !sc.boundary(s-1, s) {
		s--
	}
	if name := sc.openingName(s, qs); name != "" {
		return name
	}
	if !(sc.toks[s].kind == kWord && s < qs && sc.is(s, "with")) || le >= len(sc.toks) || sc.toks[le].kind != kPunct ||
		sc.toks[le].p != ',' || !sc.is(le+1, "it") && !sc.is(le+1, "they") {
		return ""
	}
	p := s - 1 // the sentence before
	for p > 0 && s-p < 40 && !sc.boundary(p-1, p) {
		p--
	}
	if p < 0 || p >= s {
		return ""
	}
	return sc.openingName(p, s-1)
}

// openingName returns the name opening the sentence starting at token s
// before a verb ("Labour has won", "The Greens won"), when no other name
// stands between it and token end; "" otherwise.
func (sc *scanner) openingName(s, end int) string {
	i := s
	if sc.is(i, "the") {
		i++
	}
	e := i
	for e < end && e-i < 3 && sc.capWord(e) {
		e++
	}
	if e == i || e >= end || sc.nameBefore(e-1) != i || sc.toks[e].kind != kWord || sc.toks[e].w.cls&(cLink|cVerb|cAux) == 0 {
		return ""
	}
	for j := e; j < end; j++ {
		if sc.capWord(j) && !sc.initial(j) {
			return "" // another name: whose the figure is is not clear
		}
	}
	return sc.text[sc.toks[i].s:sc.toks[e-1].e]
}
