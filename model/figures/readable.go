package figures

import "strings"

// canonical gives one name to measures that stories word many ways, so that
// "the death toll rose to 7" and "12 people have died" are one tracker.
var canonical = map[string]string{
	"death toll": "deaths", "deaths": "deaths", "dead": "deaths", "people dead": "deaths", "people died": "deaths",
	"people killed": "deaths", "killed": "deaths", "fatalities": "deaths", "people have died": "deaths",
	"toll": "deaths", "bodies": "deaths", "people confirmed dead": "deaths", "lives": "deaths",
	"injured": "injured", "people injured": "injured", "injuries": "injured", "people hurt": "injured",
	"wounded": "injured", "people wounded": "injured",
	"missing": "missing", "people missing": "missing", "people unaccounted": "missing", "unaccounted": "missing",
	"people evacuated": "people evacuated", "evacuated": "people evacuated", "evacuees": "people evacuated",
	"people rescued": "people rescued", "rescued": "people rescued",
	"people arrested": "arrests", "arrests": "arrests", "arrested": "arrests",
	"confirmed cases": "cases", "cases": "cases", "cases confirmed": "cases", "new cases": "cases",
	"hospital admissions": "hospital admissions", "admissions": "hospital admissions",
	"people admitted": "hospital admissions", "people admitted to hospital": "hospital admissions",
	"admitted": "hospital admissions", "children admitted": "hospital admissions",
	"admitted to hospital": "hospital admissions", "children admitted to hospital": "hospital admissions",
	"patients admitted to hospital": "hospital admissions", "patients admitted": "hospital admissions",
	"people in hospital": "people in hospital", "patients in hospital": "people in hospital",
	"hospitalised": "hospitalised", "people hospitalised": "hospitalised", "patients hospitalised": "hospitalised",
	"hospitalized": "hospitalized", "people hospitalized": "hospitalized", "patients hospitalized": "hospitalized",
}

// isCanonical reports whether key is one of the names canonical gives one
// name to.
func isCanonical(key string) bool {
	_, ok := canonical[key]
	return ok
}

// canon returns the one name of a key.
func canon(key string) string {
	if c, ok := canonical[key]; ok {
		return c
	}
	return key
}

// perSubject are nouns that mean nothing without whose they are: "410
// seats", "18,837 votes" and "a 33% share" need a party, "87 runs" a team.
var perSubject = wordSet("seats", "seat", "votes", "vote", "share", "shares of the vote", "share of the vote", "vote share",
	"mps", "councillors", "councils", "delegates", "goals", "points", "wickets", "runs", "medals", "golds",
	"majority", "lead", "gains", "losses", "candidates", "constituencies", "wards", "member", "members", "citizens", "nationals")

// measureParticiples make a count of their own of the noun before them:
// "seats declared" is not "seats", "deaths registered" not "deaths".
var measureParticiples = wordSet("declared", "undeclared", "counted", "cast", "gained", "lost", "allocated", "registered",
	"rescheduled", "cancelled", "postponed")

// aloneParts are the parts after a noun counted per party or team that
// make it readable alone: "seats declared", "votes counted", "seats to go".
var aloneParts = wordSet("declared", "undeclared", "counted", "cast", "allocated", "to go", "to be declared", "to be counted")

// specUnits measure a product's specification, which no reader pins.
var specUnits = wordSet("megapixels", "GB", "TB", "inches", "GHz", "mAh")

// ingNouns are nouns in -ing that a figure counts: "£8.6 million funding".
var ingNouns = wordSet("funding", "spending", "borrowing", "lending", "housing", "training", "building", "buildings",
	"meeting", "meetings", "shooting", "shootings", "bombing", "bombings", "staffing", "heating", "savings")

// furniture are nouns no reader pins: parts of a match's running count,
// time, and a page's own furniture.
var furniture = wordSet("overs", "over", "balls", "ball", "deliveries", "partnership", "stand", "boundaries", "sixes", "fours",
	"minutes", "minute", "mins", "seconds", "hours", "days", "weeks", "months", "years", "times", "time", "yards",
	"comments", "comment", "replies", "posts", "updates", "update", "photos", "pictures", "images", "videos", "views",
	"shares on", "likes", "readers", "pages", "page", "results", "items", "stories", "articles", "min read",
	"percent", "per cent", "pc", "points lead")

// generic are heads that say too little alone: "23 people", "an 11% rise".
var generic = wordSet("people", "persons", "others", "ones", "things", "items", "rise", "increase", "fall", "drop", "cut",
	"jump", "decline", "gain", "loss", "growth", "rate", "number", "numbers", "figure", "figures", "total", "amount",
	"lot", "lots", "part", "parts", "rest", "staff", "members", "men", "women", "children", "adults", "residents",
	"pupils", "students", "workers", "employees", "households", "families", "patients", "users", "customers", "cent",
	"level", "levels", "record", "high", "low", "average", "offer", "deal", "sum", "bill", "price", "prices", "cost",
	"costs", "value", "fund", "package", "more", "less")

// singular are nouns that count without a plural: "21 dead", "a crowd of
// 24,310", "turnout of 59.8%".
var singular = wordSet("dead", "injured", "missing", "wounded", "homeless", "crowd", "attendance", "turnout", "police",
	"personnel", "workforce", "population", "revenue", "profit", "deficit", "debt", "inflation", "unemployment",
	"margin", "gross margin", "buyback", "share buyback", "uptake", "vaccination uptake", "target", "toll", "death toll",
	"rain", "rainfall", "snow", "snowfall", "majority", "turnover", "income", "spending", "budget", "valuation",
	"market value", "output", "growth", "interest rate", "bank rate", "base rate", "wage", "salary", "fine")

func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// head returns a key's last word.
func head(key string) string {
	return key[strings.LastIndexByte(key, ' ')+1:]
}

// Name returns what the figure is about, readable alone: its Subject when
// it has one ("Labour"), else one name for its measure ("deaths",
// "operations cancelled"), or for text not in English the words before it.
func (f *Figure) Name() string {
	switch {
	case f.Subject != "":
		return f.Subject
	case f.Context != "":
		return f.Context
	}
	if c, ok := canonical[f.Key]; ok {
		return c
	}
	return f.Label
}

// Readable reports whether the figure can be shown alone: it has a value
// written in digits, it is about this story rather than another event, and
// it says what it counts in words a reader can take without the sentence
// around it. Ordinals, idioms, clock times and the like never become
// figures at all; this weeds out the rest: "23 people", "410 seats" with no
// party, "49.3 overs", "1,204 comments", "full" from "over two full days".
func (f *Figure) Readable() bool {
	return readableKey(f.Key, f.Subject, f.Unit, f.Context != "") && f.readableValue()
}

// readableValue is Readable for a figure whose key is known to read alone:
// what is left to check is the figure itself.
func (f *Figure) readableValue() bool {
	if f.Aside || f.weak || !f.HasValue || f.hedge != plainHedge && !told(measureOf(f), f) {
		return false // (a hedged figure is no statement of the count: "the toll could rise to 30")
	}
	if _, toll := canonical[f.Key]; f.InWords && !toll && f.Unit != "%" && f.Value < 1000 {
		return false // "two sides": numbers in words count a toll ("Twelve people are dead"), a share ("one in five") or thousands ("One hundred thousand nurses")
	}
	if f.Unit == "" && f.Value < 10 && f.Subject == "" {
		if _, ok := canonical[f.Key]; !ok {
			return false // "3 cameras": small counts are rarely what a story is about
		}
	}
	return true
}

// readableKey reports whether figures with this key, subject and unit say
// what they count in words a reader can take alone.
func readableKey(key, subject, unit string, foreign bool) bool {
	switch {
	case foreign:
		return unit == "%" || money(unit)
	case unit == "score":
		return subject != ""
	case key == "":
		return false
	case subject != "":
		return !furniture[key] && !furniture[head(key)]
	}
	if _, ok := canonical[key]; ok {
		return true
	}
	h := head(key)
	if strings.HasSuffix(key, " per share") {
		return true // "earnings per share" is no share of the vote
	}
	if sp := strings.IndexByte(key, ' '); sp > 0 && perSubject[key[:sp]] {
		return aloneParts[key[sp+1:]] || strings.HasPrefix(key, "vote ") || strings.HasPrefix(key, "voted ") // "seats declared", "vote to strike"; not "seats gained" without whose
	}
	if perSubject[key] || perSubject[h] || furniture[key] || furniture[h] {
		return false
	}
	if generic[key] || generic[key[:strings.IndexByte(key+" ", ' ')]] && !strings.Contains(key, " without ") && !strings.Contains(key, " in ") &&
		!countsPeople(key) {
		return false // "23 people"; "people moved out" unless one name says what ("people evacuated")
	}
	if unit == "" && !strings.Contains(key, " ") && !singular[key] && !plural(key) {
		return false // "full", "strike": a count of one word names a plural
	}
	return true
}

// countsPeople reports whether a key names people by what befell them,
// after a noun that alone says too little: "residents rescued", "patients
// discharged".
func countsPeople(key string) bool {
	for w := range strings.FieldsSeq(key) {
		if m := measureWords[w]; m == tollMeasure || m == careMeasure {
			return true
		}
	}
	return false
}

// subjectKey is a subject as figures are grouped by it: lower case, without
// "the" and a plural "s", so "the Conservatives" and "Conservative" match.
func subjectKey(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ToLower(s)
	s = strings.TrimPrefix(s, "the ")
	if len(s) > 3 && s[len(s)-1] == 's' && s[len(s)-2] != 's' {
		s = s[:len(s)-1]
	}
	return s
}

// money reports whether a unit is a currency.
func money(unit string) bool {
	switch unit {
	case "£", "$", "€", "¥":
		return true
	}
	return false
}
