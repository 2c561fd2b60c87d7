package figures

// This file reads figures given for several places or parties at once:
// lists such as "Aland 31, Bresk 17", and a place named before a figure.

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
