package figures

import "strings"

// The In numbers section pins a figure drawn from prose only when it is
// confident the figure is one a reader follows the story for, said of the
// right thing. Rules written for the shapes of one page do not carry over
// to the next, so confidence rests on signals that do:
//
//   - what the figure counts is on a short, closed list of the measures
//     live blogs are read for (see measure); anything else, however well
//     read, stays unpinned;
//   - it says whose it is when the measure needs it (a party's seats, a
//     product's price, a company's shares, a side's score), and the name
//     it counts is written beside it rather than taken from another
//     sentence;
//   - the story states it again in another update, agreeing on what and
//     whose it is (a tracker);
//   - it is a count worth pinning: not a lone "1".
//
// Each signal adds to a figure's confidence; the section pins those that
// reach pinThreshold, and only a few of those that are not trackers.

// measure is what a figure counts, from the closed list of measures a live
// blog's readers pin.
type measure uint8

const (
	noMeasure      measure = iota
	tollMeasure            // deaths, injured, missing, evacuated, rescued, arrested
	careMeasure            // cases, admissions, patients in hospital or intensive care, people vaccinated
	powerMeasure           // homes and customers without power
	fireMeasure            // the area a fire has burned, how much of it is contained
	serviceMeasure         // operations and appointments cancelled, trains and flights running, schools closed
	strikeMeasure          // staff on strike or at work, votes to strike
	voteMeasure            // seats, votes, turnout, a party's share or majority, the count's progress
	moneyMeasure           // a price, a company's results, a sum with its purpose
	stockMeasure           // a named company's shares
	scoreMeasure           // a match's score, a chase's target, a side's runs
)

// measureWords are the words that put a figure's key or label on the list.
var measureWords = map[string]measure{
	"deaths": tollMeasure, "death": tollMeasure, "dead": tollMeasure, "killed": tollMeasure, "died": tollMeasure,
	"fatalities": tollMeasure, "bodies": tollMeasure, "toll": tollMeasure, "injured": tollMeasure,
	"injuries": tollMeasure, "wounded": tollMeasure, "hurt": tollMeasure, "casualties": tollMeasure,
	"missing": tollMeasure, "unaccounted": tollMeasure, "evacuated": tollMeasure, "evacuees": tollMeasure, "evacuation": tollMeasure,
	"rescued": tollMeasure, "displaced": tollMeasure, "arrests": tollMeasure, "arrested": tollMeasure,
	"detained": tollMeasure,

	"cases": careMeasure, "infections": careMeasure, "infected": careMeasure, "admissions": careMeasure,
	"admitted": careMeasure, "hospitalised": careMeasure, "hospitalized": careMeasure, "hospital": careMeasure,
	"inpatients": careMeasure, "in-patients": careMeasure, "icu": careMeasure, "intensive": careMeasure,
	"critical": careMeasure, "vaccinated": careMeasure, "uptake": careMeasure,

	"outages": powerMeasure,

	"burned": fireMeasure, "burnt": fireMeasure, "scorched": fireMeasure, "contained": fireMeasure,

	"operations": serviceMeasure, "appointments": serviceMeasure, "procedures": serviceMeasure,
	"surgeries": serviceMeasure, "outpatients": serviceMeasure, "trains": serviceMeasure, "flights": serviceMeasure,
	"cancellations": serviceMeasure, "closed": serviceMeasure,

	"strikers": strikeMeasure, "striking": strikeMeasure, "walkout": strikeMeasure, "doctors": strikeMeasure,
	"nurses": strikeMeasure, "nursing": strikeMeasure, "staff": strikeMeasure, "workers": strikeMeasure,
	"teachers": strikeMeasure, "drivers": strikeMeasure, "midwives": strikeMeasure, "paramedics": strikeMeasure,
	"employees": strikeMeasure, "members": strikeMeasure,

	"seats": voteMeasure, "seat": voteMeasure, "votes": voteMeasure, "vote": voteMeasure, "turnout": voteMeasure,
	"share": voteMeasure, "majority": voteMeasure, "counted": voteMeasure, "declared": voteMeasure,
	"ballots": voteMeasure, "mps": voteMeasure, "councillors": voteMeasure, "delegates": voteMeasure,
	"voted": voteMeasure, "doubt": voteMeasure,

	"price": moneyMeasure, "prices": moneyMeasure, "revenue": moneyMeasure, "revenues": moneyMeasure,
	"sales": moneyMeasure, "profit": moneyMeasure, "profits": moneyMeasure, "income": moneyMeasure,
	"earnings": moneyMeasure, "eps": moneyMeasure, "margin": moneyMeasure, "buyback": moneyMeasure, "budget": moneyMeasure, "funding": moneyMeasure, "fund": moneyMeasure,
	"funds": moneyMeasure, "spending": moneyMeasure, "investment": moneyMeasure, "claims": moneyMeasure,
	"allowance": moneyMeasure, "fine": moneyMeasure, "valuation": moneyMeasure, "bill": moneyMeasure,
	"cost": moneyMeasure, "borrowing": moneyMeasure, "debt": moneyMeasure, "deficit": moneyMeasure,
	"support": moneyMeasure, "aid": moneyMeasure,

	"shares": stockMeasure, "stock": stockMeasure,

	"target": scoreMeasure, "runs": scoreMeasure,
}

// measureOf returns what a figure counts, or noMeasure when it is not on
// the list. Its key and label are read word by word (and the subject of a
// sum named by its purpose); a phrase such as "without power" or "on
// strike" counts as its measure wherever it stands.
func measureOf(f *Figure) measure {
	if f.Unit == "score" {
		return scoreMeasure
	}
	if (f.Unit == "acres" || f.Unit == "hectares") && f.Subject != "" {
		return fireMeasure // "Ridge Fire · 12,400 acres"
	}
	texts := [3]string{f.Key, f.Label}
	if f.Key == f.Unit {
		texts[2] = f.Subject // "schools budget · £3bn": the subject says what the sum is for
	}
	m := noMeasure
	for _, t := range texts {
		switch {
		case hasFold(t, "without power") || hasFold(t, "without electricity"):
			return powerMeasure
		case hasFold(t, "on strike") || hasFold(t, "walked out") || hasFold(t, "at work"):
			return strikeMeasure
		case hasFold(t, "per share"):
			return moneyMeasure
		}
		for w := range strings.FieldsSeq(t) {
			var buf [24]byte
			if len(w) > len(buf) {
				continue
			}
			for i := 0; i < len(w); i++ {
				buf[i] = lowerASCII(w[i])
			}
			if x, ok := measureWords[string(buf[:len(w)])]; ok && (m == noMeasure || x < m) {
				m = x // a toll before the people it counts: "doctors killed" is a toll
			}
		}
	}
	if m == noMeasure && f.Unit == "%" && f.Subject == "" && properName(f.Label) {
		return voteMeasure // "31% Kestrel": a party's share, its name in place of a noun
	}
	return m
}

// hasFold reports whether s holds sub (in lower case), whatever the case
// of s.
func hasFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && lowerASCII(s[i+j]) == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// fits reports whether the figure's unit fits its measure: counts of
// people are counts, sums are in a currency, a price is not a percentage.
func fits(m measure, f *Figure) bool {
	switch m {
	case tollMeasure, powerMeasure:
		return f.Unit == ""
	case careMeasure:
		return f.Unit == "" || f.Unit == "%" && (strings.Contains(f.Key, "vaccinated") || strings.Contains(f.Key, "uptake"))
	case fireMeasure:
		return f.Unit == "acres" || f.Unit == "hectares" || f.Unit == "%" && strings.Contains(f.Key, "contained")
	case serviceMeasure, strikeMeasure, voteMeasure:
		return f.Unit == "" || f.Unit == "%"
	case moneyMeasure:
		return money(f.Unit) || f.Unit == "%" && strings.Contains(f.Key, "margin") // a share of sales, or their rise, is not their level
	case stockMeasure:
		return money(f.Unit) || f.Unit == "%"
	case scoreMeasure:
		return f.Unit == "score" || f.Unit == ""
	}
	return false
}

// needsOwner reports whether figures of measure m say nothing without
// whose they are: a party's seats, a company's shares, a side's score.
func needsOwner(m measure, f *Figure) bool {
	switch m {
	case stockMeasure, scoreMeasure:
		return f.Key != "target"
	case moneyMeasure:
		return f.Key == "price" || f.Key == "prices"
	}
	return false
}

// named reports whether a figure of measure m says whose it is: it has a
// subject, or its label is a name: a party's in place of a noun ("31%
// Kestrel"), a company's before its shares ("Orchard shares").
func named(m measure, f *Figure) bool {
	switch {
	case f.Subject != "":
		return true
	case m == voteMeasure:
		return f.Unit == "%" && properName(f.Label)
	case m == stockMeasure:
		return startsWithName(f.Label)
	}
	return false
}

// properName reports whether s is a name: every word capitalised ("KP",
// "Kestrel", "Kestrel Party"), and not a possessive, which owns the noun
// after it ("a fifth of the Centre's wins" is no share of the vote).
func properName(s string) bool {
	if s == "" || possessive(s) {
		return false
	}
	for w := range strings.FieldsSeq(s) {
		if w[0] < 'A' || w[0] > 'Z' {
			return false
		}
	}
	return true
}

// startsWithName reports whether a label opens with a capitalised word
// before a noun in lower case: "Orchard shares".
func startsWithName(s string) bool {
	sp := strings.IndexByte(s, ' ')
	return sp > 0 && s[0] >= 'A' && s[0] <= 'Z' && s[sp+1] >= 'a' && s[sp+1] <= 'z'
}

// told reports whether a figure of measure m is told as what happened: not
// hoped for, required or denied, and not expected unless it is a plan the
// story is about (a walkout, cancellations, a product's price).
func told(m measure, f *Figure) bool {
	switch f.hedge {
	case hypotheticalHedge:
		return false
	case plannedHedge:
		return m == strikeMeasure || m == serviceMeasure || f.Key == "price" || f.Key == "prices"
	}
	return true
}

// pinThreshold is the confidence a figure needs to be pinned.
const pinThreshold = 3

// confidence scores how surely a figure is one of the story's key figures,
// said of the right thing; restated says the story states it again in
// another update. A figure off the list of measures, in a unit that does
// not fit it, whose measure needs an owner it does not name, or that its
// clause hedges, scores 0.
func confidence(f *Figure, restated bool) int {
	if f.Context != "" {
		if f.Unit == "%" || money(f.Unit) {
			return pinThreshold // text not in English: figures with an explicit unit, as they stand
		}
		return 0
	}
	m := measureOf(f)
	if m == noMeasure || !fits(m, f) || needsOwner(m, f) && !named(m, f) || !told(m, f) {
		return 0
	}
	c := 2
	if f.borrowed {
		c-- // what it counts is a guess from another sentence
	} else {
		c++ // what it counts is written beside it: "deaths · 26", "Labour · 410 seats"
	}
	if restated {
		c++
	}
	if f.Unit == "" && f.Value == 1 && m != tollMeasure && m != careMeasure {
		c -= 2 // "Greens 1": a lone one is rarely what a story is about
	}
	return c
}
