package figures

// This file finds what a figure counts: the noun phrase after it or
// before it, and the measure that phrase names.

import (
	"strings"
)

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
			for j := next; c.part == "" && j < n && j-next < 5 && toks[j].kind == kWord; j++ {
				if sc.is(j, "remaining") {
					c.part, c.keyPart = "remaining", true // "2,161 cases across the country remaining": what is left, not the count
				}
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
	if v := sc.tollVerb(qs - 1); v != "" && c.part == "" && !share && !q.money && q.unit == "" && (c.np == "" || gen) {
		// "killing 77 people and injuring more than 570": the toll the verb before tells
		if c.np == "" {
			c.np = "people"
		}
		c.part, c.keyPart = v, true
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

// tollVerbs are the verbs in -ing that tell a toll by the count after them,
// with the participle that names it: "killing 77 people" are 77 people
// killed.
var tollVerbs = map[string]string{"killing": "killed", "injuring": "injured", "wounding": "wounded",
	"evacuating": "evacuated", "rescuing": "rescued", "arresting": "arrested"}

// tollVerb returns the participle naming the toll that token i, a verb in
// -ing, tells ("killing" is "killed"), or "".
func (sc *scanner) tollVerb(i int) string {
	if i < 0 || sc.toks[i].kind != kWord || !strings.HasSuffix(sc.word(i), "ing") {
		return ""
	}
	return tollVerbs[strings.ToLower(sc.word(i))]
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
