package figures

// This file reads a number and what stands around it: digits, words,
// ranges, units and qualifiers such as "more than".

import (
	"strings"
)

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
