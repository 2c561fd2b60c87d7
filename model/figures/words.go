package figures

// Word classes. A word can be in several.
const (
	cNum         uint32 = 1 << iota // one to ninety: v holds the value
	cScale                          // hundred, thousand, million, bn, m...: v holds the multiplier
	cPlural                         // hundreds, thousands, dozens...: a count with no exact value
	cFrac                           // half, quarter, third: v holds the share in per cent
	cDozen                          // dozen: v = 12
	cMonth                          // January... (May only when capitalised)
	cWeekday                        // Monday...
	cTime                           // units of time: a number before one is a duration
	cClock                          // am, pm, GMT, o'clock: a number before one is a time of day
	cStop                           // function words that end a noun phrase
	cDet                            // determiners: "the two sides" is not a figure
	cNegPrev                        // a number after one is an age, a page, a phone number or a name
	cAux                            // auxiliaries before a participle: "were cancelled"
	cPart                           // irregular participles: "were cut"
	cModifier                       // dropped from a figure's Key: "further strikes" counts strikes
	cCurWord                        // pounds, dollars, euros: u holds the symbol
	cPercent                        // percent, pc, per-cent
	cMeasure                        // km, miles, tonnes: u holds the unit
	cPron                           // them, those: "39% of them"
	cVerb                           // rose, fell, reached: "turnout rose to 67%"
	cMove                           // rose, fell: "operations rose from 3,454"
	cQualEnd                        // the last word of a qualifier
	cNominal                        // cancellation: "the cancellation of 3,000 operations"; u holds the participle
	cForeign                        // function words of French, German, Spanish, Italian, Dutch, Portuguese
	cLink                           // between a party or team and its figure: "Labour has won 410", "the Conservatives on 131"
	cModal                          // should, would: "uptake should be 95%" is a wish, not a count
	cState                          // missing, dead, injured: "40 are missing"
	cCue                            // the first word of an aside cue: "for comparison", "last year"
	cCueNext                        // the second word of an aside cue: a first word without one after it is no cue
	cGeneric                        // says too little alone: "people", "rise" (the generic set)
	cMeasurePart                    // a participle that makes a count of its own: "declared" (measureParticiples)
	cSentence                       // says what a whole sentence's figures are: "predicts", "projection", "poll"; "seat", "constituency"
)

type winfo struct {
	cls   uint32
	u     uint8 // index into units: a currency, a measure, a participle
	hedge uint8 // how the word hedges a figure in its clause: plannedHedge, hypotheticalHedge
	v     float64
}

// units holds the strings winfo.u points to; 0 is "".
var units = []string{""}

// unitIndex returns u's index in units, adding it when new.
func unitIndex(u string) uint8 {
	for i, x := range units {
		if x == u {
			return uint8(i)
		}
	}
	units = append(units, u)
	return uint8(len(units) - 1)
}

var words = map[string]winfo{}

func add(cls uint32, list ...string) {
	for _, w := range list {
		i := words[w]
		i.cls |= cls
		words[w] = i
	}
}

func addV(cls uint32, w string, v float64, u string) {
	i := words[w]
	i.cls |= cls
	i.v = v
	if u != "" {
		i.u = unitIndex(u)
	}
	words[w] = i
}

func init() {
	for i, w := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"} {
		addV(cNum, w, float64(i+1), "")
	}
	for i, w := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		addV(cNum, w, float64(20+10*i), "")
	}
	for w, v := range map[string]float64{"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
		"m": 1e6, "mn": 1e6, "bn": 1e9, "k": 1e3, "tn": 1e12, "trn": 1e12} {
		addV(cScale, w, v, "")
	}
	add(cPlural, "hundreds", "thousands", "millions", "billions", "dozens", "tens", "scores")
	addV(cDozen, "dozen", 12, "")
	for w, v := range map[string]float64{"half": 50, "halves": 50, "quarter": 25, "quarters": 25, "third": 100.0 / 3, "thirds": 100.0 / 3,
		"fifth": 20, "fifths": 20, "tenth": 10, "tenths": 10} {
		addV(cFrac, w, v, "")
	}
	add(cMonth, "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
		"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
	add(cWeekday, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun")
	add(cTime, "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs",
		"day", "days", "week", "weeks", "fortnight", "fortnights", "month", "months", "year", "years", "yr", "yrs",
		"decade", "decades", "century", "centuries", "night", "nights", "weekend", "weekends", "morning", "mornings",
		"afternoon", "evening", "evenings", "term", "terms", "year-old", "years-old", "olds", "year-olds", "time", "times")
	add(cClock, "am", "pm", "gmt", "bst", "utc", "cet", "cest", "est", "edt", "pst", "pdt", "o'clock", "hrs", "hours")
	add(cStop, "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "for", "with", "by", "from",
		"as", "into", "onto", "over", "under", "than", "that", "which", "who", "whom", "whose", "what", "when", "where",
		"while", "because", "since", "after", "before", "during", "until", "if", "so", "yet", "per", "via",
		"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did",
		"will", "would", "shall", "should", "can", "could", "may", "might", "must", "not", "no", "also", "said", "says",
		"say", "it", "its", "they", "them", "their", "he", "she", "his", "her", "we", "our", "you", "your", "i", "me",
		"this", "these", "those", "there", "here", "then", "now", "just", "only", "even", "still", "already", "all",
		"due", "across", "against", "among", "amid", "around", "about", "within", "without", "up", "down", "out", "off",
		"each", "every", "both", "either", "neither", "such", "including", "according", "like", "unlike", "compared",
		"whether", "though", "although", "today", "yesterday", "tomorrow", "tonight", "ago", "later", "earlier",
		"more", "less", "fewer", "most", "least", "some", "any", "many", "much", "few", "very", "too", "each", "against",
		"likely", "unlikely", "able", "higher", "lower", "bigger", "greater", "larger", "smaller", "better", "worse",
		"towards", "toward", "apiece", "far", "alone", "overall", "instead", "again", "away", "back", "ahead")
	// "more", "some" and the like end a phrase after its noun but may open one: see nounPhrase.
	add(cDet, "the", "these", "those", "both", "all", "its", "their", "his", "her", "our", "my", "your", "this",
		"that", "each", "every", "first", "last", "next", "previous", "other", "another", "whose", "which", "any", "no")
	add(cNegPrev, "aged", "age", "ages", "page", "pages", "p", "pp", "call", "dial", "ring", "text", "phone", "tel",
		"telephone", "fax", "section", "article", "chapter", "clause", "paragraph", "rule", "junction", "platform",
		"route", "flight", "gate", "number", "no", "nos", "version", "episode", "season", "series", "stage", "tier",
		"level", "category", "grade", "band", "room", "ward", "line", "radio", "channel", "box", "po", "postcode",
		"code", "id", "ref", "reference", "figure", "table", "vol", "volume", "issue", "verse", "psalm", "act",
		"scene", "step", "phase", "round", "week", "day", "year", "term", "covid", "v", "vs", "versus", "magnitude",
		"junctions", "platforms", "sections", "chapters", "articles", "clauses", "rooms", "wards", "routes", "flights",
		"gates", "numbers", "steps", "stages", "levels", "tiers", "grades", "bands", "figures", "tables", "lines")
	add(cAux, "were", "was", "is", "are", "be", "been", "being", "had", "have", "has", "to", "will", "would", "could",
		"may", "might", "must", "should", "set", "due", "now", "also", "already", "still", "reportedly",
		"either", "all", "later", "got", "get", "getting")
	add(cPart, "cut", "held", "lost", "hit", "shut", "put", "seen", "taken", "given", "kept", "left", "made", "paid",
		"sent", "spent", "struck", "sold", "told", "won", "written", "brought", "bought", "built", "caught", "chosen",
		"done", "drawn", "driven", "fallen", "found", "grown", "heard", "hidden", "hurt", "known", "laid", "led", "let",
		"met", "run", "shot", "shown", "spoken", "stolen", "stuck", "sworn", "thrown", "withdrawn", "undertaken",
		"overturned", "rebooked", "rescheduled", "off", "died", "fled", "freed")
	add(cModifier, "planned", "further", "more", "other", "new", "total", "extra", "additional", "official",
		"latest", "estimated", "overall", "another", "some", "fewer", "less", "many", "the", "a", "an", "of",
		"routine", "scheduled", "reported", "cancelled", "postponed", "rescheduled", "affected", "recorded", "confirmed", "expected",
		"related")
	addV(cCurWord, "pounds", 0, "£")
	addV(cCurWord, "pound", 0, "£")
	addV(cCurWord, "sterling", 0, "£")
	addV(cCurWord, "dollars", 0, "$")
	addV(cCurWord, "dollar", 0, "$")
	addV(cCurWord, "euros", 0, "€")
	addV(cCurWord, "euro", 0, "€")
	addV(cCurWord, "cents", 0, "$")
	add(cPercent, "percent", "pc", "per-cent", "pct")
	for w, u := range map[string]string{"km": "km", "kilometres": "km", "kilometers": "km", "miles": "miles",
		"mile": "miles", "mph": "mph", "kg": "kg", "kilograms": "kg", "kilos": "kg", "tonnes": "tonnes",
		"tons": "tonnes", "metres": "m", "meters": "m", "feet": "ft", "ft": "ft", "litres": "l", "degrees": "°",
		"megapixel": "megapixels", "megapixels": "megapixels", "gb": "GB", "tb": "TB", "inch": "inches", "inches": "inches",
		"ghz": "GHz", "mah": "mAh",
		"°c": "°C", "°f": "°F", "c": "°C", "mm": "mm", "points": "points", "pts": "points", "cm": "cm", "acres": "acres", "hectares": "ha"} {
		addV(cMeasure, w, 0, u)
	}
	add(cPron, "them", "those", "these", "it", "whom", "which")
	add(cVerb, "rose", "risen", "fell", "fallen", "reached", "hit", "stood", "stands", "climbed", "dropped",
		"increased", "decreased", "jumped", "soared", "grew", "was", "is", "were", "are", "now", "up", "down",
		"nearly", "almost", "just", "to", "at", "of", "by", "from", "past")
	add(cStop, "vs", "versus", "v", "behind", "adrift", "short", "clear")
	add(cMove, "rose", "risen", "fell", "fallen", "climbed", "dropped", "increased", "decreased", "jumped", "soared",
		"grew", "doubled", "halved", "trebled", "tripled")
	add(cForeign, "le", "la", "les", "des", "du", "et", "est", "une", "au", "aux", "sont", "dans", "pour", "avec", "sur",
		"qui", "que", "selon", "de", "à", "été", "plus", "der", "die", "das", "und", "ist", "nicht", "mit", "dem",
		"von", "zu", "auf", "für", "ein", "eine", "el", "los", "las", "y", "es", "una", "con", "por", "para", "del",
		"según", "il", "di", "che", "della", "sono", "het", "een", "van", "zijn", "niet", "não", "em", "uma", "os", "pelo")
	add(cLink, "has", "have", "had", "is", "are", "was", "were", "now", "on", "at", "won", "wins", "win", "took", "take",
		"takes", "taken", "holds", "hold", "held", "secured", "gained", "lost", "reported", "recorded", "scored",
		"reached", "polled", "got", "back", "just", "already", "still", "with", "so", "far", "leads", "lead", "hit", "hits",
		"stands", "stand", "stood", "meanwhile", "ahead", "need", "needs", "require", "requires")
	add(cModal, "should", "would", "could", "might", "must", "may", "needs", "need", "want", "wants", "aim", "aims",
		"target", "targets", "hope", "hopes", "expect", "expects", "expected", "forecast", "predicted", "projected")
	add(cState, "missing", "dead", "injured", "hurt", "trapped", "homeless", "unaccounted", "wounded", "stranded",
		"displaced", "critical", "hospitalised", "hospitalized", "killed")
	add(cMove, "raised", "lowered", "reduced", "increased", "cut")
	add(cVerb, "stand", "stands", "stood", "totals", "totalled", "totaled", "starts",
		"tops", "topped", "rises", "falls", "gains", "remain", "remains", "remained", "reaches", "hitting", "running", "sitting",
		"standing", "sits", "sat", "edged", "crept", "slipped", "surged", "slumped", "fallen", "risen",
		"saw", "came", "went", "took", "gave", "knew", "ran", "drew", "drove", "threw", "chose", "won", "lost", "made",
		"told", "sold", "paid", "sent", "met", "led", "kept", "held", "brought", "bought", "caught", "heard")
	for w, p := range map[string]string{"cancellation": "cancelled", "cancellations": "cancelled",
		"postponement": "postponed", "postponements": "postponed", "closure": "closed", "closures": "closed",
		"loss": "lost", "losses": "lost", "deaths": "dead", "arrest": "arrested", "arrests": "arrested",
		"evacuation": "evacuated", "rescue": "rescued"} {
		addV(cNominal, w, 0, p)
	}
}

// The words map is read through a small open-addressing table: slots hold
// a word's hash and its index in infos, 8 bytes each, so a lookup touches
// one or two cache lines and rarely compares a string.
const slotBits = 12

type slot struct {
	h uint32
	i uint16 // index into infos and names; 0 for an empty slot
}

var (
	slots [1 << slotBits]slot
	infos = []winfo{{}}
	names = []string{""}
)

// fnv1a32 step.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func hashWord(b []byte) uint32 {
	h := uint32(fnvOffset)
	for _, c := range b {
		h = (h ^ uint32(c)) * fnvPrime
	}
	return h
}

func init() {
	for _, q := range qualifiers {
		add(cQualEnd, q[len(q)-1])
	}
	for _, c := range append(append([][]string{{"the", "last"}}, strongCues...), weakCues...) {
		add(cCue, c[0])
		if len(c) > 1 {
			add(cCueNext, c[1])
		}
		if len(c) > 2 {
			add(cCueNext, c[2]) // so that "before the election" is not taken for "at the"
		}
	}
	for w := range generic {
		add(cGeneric, w)
	}
	add(cSentence, "predicts", "predict", "predicted", "predicting", "prediction", "predictions", "projects", "projected", "projecting", "projection",
		"projections", "forecast", "forecasts", "forecasting", "poll", "polls", "seat", "constituency", "ward",
		"expects", "guidance", "guided", "guiding", "outlook", "consensus", "analysts")
	for w := range measureParticiples {
		add(cMeasurePart, w)
	}
	for i, q := range qualifiers {
		last := q[len(q)-1]
		qualifiersEnding[last] = append(qualifiersEnding[last], i)
	}
	for h, ws := range [][]string{plannedHedge: planned, hypotheticalHedge: hypothetical} {
		for _, w := range ws {
			i := words[w]
			i.hedge = uint8(h)
			words[w] = i
		}
	}
	for w, info := range words {
		h := hashWord([]byte(w))
		j := h & (1<<slotBits - 1)
		for slots[j].i != 0 {
			j = (j + 1) & (1<<slotBits - 1)
		}
		slots[j] = slot{h: h, i: uint16(len(infos))}
		infos = append(infos, info)
		names = append(names, w)
	}
	if len(infos) > 1<<slotBits/2 {
		panic("figures: word table too full")
	}
}

// lookup returns the classes of a lower-cased word with hash h.
func lookup(b []byte, h uint32) winfo {
	for j := h & (1<<slotBits - 1); ; j = (j + 1) & (1<<slotBits - 1) {
		s := slots[j]
		if s.i == 0 {
			return winfo{}
		}
		if s.h == h && names[s.i] == string(b) {
			return infos[s.i]
		}
	}
}

// qualifiers come before a figure and say it is approximate or a bound.
// Longest first, so "just over" wins over "over".
var qualifiers = [][]string{
	{"no", "fewer", "than"}, {"no", "more", "than"}, {"not", "more", "than"}, {"as", "many", "as"},
	{"as", "much", "as"}, {"as", "few", "as"}, {"as", "little", "as"}, {"an", "estimated"},
	{"more", "than"}, {"less", "than"}, {"fewer", "than"}, {"greater", "than"}, {"up", "to"},
	{"at", "least"}, {"at", "most"}, {"just", "over"}, {"just", "under"}, {"well", "over"},
	{"well", "under"}, {"just", "below"}, {"just", "above"}, {"close", "to"}, {"in", "excess", "of"},
	{"nearly"}, {"almost"}, {"around"}, {"about"}, {"approximately"}, {"approx"}, {"roughly"}, {"some"},
	{"over"}, {"under"}, {"below"}, {"above"}, {"estimated"}, {"only"}, {"just"}, {"circa"}, {"c"},
	{"between"}, {"upwards", "of"}, {"a", "further"}, {"another"}, {"an", "extra"}, {"an", "additional"}, {"barely"}, {"exactly"}, {"precisely"},
}
