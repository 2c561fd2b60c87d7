package page

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// This file reads the dates and times that live pages print for people
// rather than for machines, in English, German and French: "09.15 Uhr",
// "9:15", "9.15am GMT", "10h42", "Mittwoch, 4. März 2026", "Wednesday 4
// March 2026", "March 4, 2026", "mercredi 4 mars 2026", "04.03.2026".

// clock is a time of day as a page prints it.
type clock struct {
	hour, min int
	zone      *time.Location // from an abbreviation such as MEZ or GMT; nil when none is given
}

// zones are the time-zone abbreviations live pages print after a time,
// as fixed offsets (a page says MEZ in winter and MESZ in summer).
var zones = map[string]int{
	"UTC": 0, "GMT": 0, "WET": 0, "BST": 1, "IST": 1, "WEST": 1,
	"MEZ": 1, "CET": 1, "MESZ": 2, "CEST": 2, "HNEC": 1, "HAEC": 2,
	"EET": 2, "EEST": 3, "OEZ": 2, "OESZ": 3,
	"EST": -5, "EDT": -4, "ET": -5, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "PT": -8,
}

// leadingClock reads a time of day at the start of s: hours and minutes
// ("09:15", "9.15", "10h42", "10 h 42"), or hours alone with a word that
// makes them a time ("9 Uhr", "9am", "10h"), then an optional "Uhr", "h",
// "am"/"pm" and zone. It returns the clock and the number of bytes read,
// white space after the time included.
func leadingClock(s string) (clock, int, bool) {
	i := 0
	h, n := digits(s, i, 2)
	if n == 0 {
		return clock{}, 0, false
	}
	i += n
	m, hasMin := 0, false
	if j := i; j < len(s) {
		sep := j
		if s[j] == ':' || s[j] == '.' || s[j] == 'h' || s[j] == 'H' {
			sep = j + 1
		} else if rest := s[j:]; strings.HasPrefix(rest, " h ") {
			sep = j + 3
		}
		if sep > j {
			if mm, k := digits(s, sep, 2); k == 2 {
				m, hasMin, i = mm, true, sep+2
			}
		}
	}
	if hasMin && i < len(s) && (isDigit(s[i]) || (s[i] == '.' || s[i] == ':') && i+1 < len(s) && isDigit(s[i+1])) {
		return clock{}, 0, false // a date such as 04.03.2026, or a score
	}
	c := clock{hour: h, min: m}
	marked := false // a word after the number says it is a time
	j := skipSpace(s, i)
	switch w := word(s, j); {
	case strings.EqualFold(w, "Uhr"):
		j, marked = j+len(w), true
	case w == "h" && !hasMin:
		j, marked = j+1, true
	default:
		if k, pm, ok := meridiem(s, j); ok {
			if h < 1 || h > 12 {
				return clock{}, 0, false
			}
			c.hour = h % 12
			if pm {
				c.hour += 12
			}
			j, marked = k, true
		}
	}
	if !hasMin && !marked {
		return clock{}, 0, false
	}
	if c.hour > 23 || c.min > 59 {
		return clock{}, 0, false
	}
	if hasMin && !marked && i < len(s) && isLetter(s[i]) {
		return clock{}, 0, false // "9.15am" is read above; "9.15x" is not a time
	}
	if !marked {
		j = i
	}
	k := skipSpace(s, j)
	if w := word(s, k); w != "" {
		if off, ok := zones[strings.ToUpper(w)]; ok && w == strings.ToUpper(w) {
			c.zone = time.FixedZone(w, off*3600)
			j = k + len(w)
		}
	}
	return c, skipSpace(s, j), true
}

// meridiem reads "am", "pm", "a.m." or "p.m." at s[i:].
func meridiem(s string, i int) (int, bool, bool) {
	for _, m := range []struct {
		text string
		pm   bool
	}{{"a.m.", false}, {"p.m.", true}, {"am", false}, {"pm", true}} {
		if len(s) >= i+len(m.text) && strings.EqualFold(s[i:i+len(m.text)], m.text) {
			end := i + len(m.text)
			if end < len(s) && isLetter(s[end]) {
				continue
			}
			return end, m.pm, true
		}
	}
	return 0, false, false
}

// digits reads up to max decimal digits at s[i:].
func digits(s string, i, max int) (int, int) {
	v, n := 0, 0
	for i+n < len(s) && n < max && isDigit(s[i+n]) {
		v = v*10 + int(s[i+n]-'0')
		n++
	}
	if i+n < len(s) && isDigit(s[i+n]) {
		return 0, 0 // longer than max: a year or a count
	}
	return v, n
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80 }

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

// word returns the run of letters at s[i:].
func word(s string, i int) string {
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	return s[i:j]
}

// day is a calendar date; year 0 when the page leaves it out.
type day struct{ year, month, dom int }

func (d day) ok() bool { return d.month >= 1 && d.month <= 12 && d.dom >= 1 && d.dom <= 31 }

// months names the months in English, German and French, with the short
// forms pages use.
var months = func() map[string]int {
	m := map[string]int{}
	for i, names := range [][]string{
		{"january", "jan", "januar", "jänner", "janvier", "janv"},
		{"february", "feb", "februar", "février", "fevrier", "févr", "fevr"},
		{"march", "mar", "märz", "maerz", "mars", "mär"},
		{"april", "apr", "avril", "avr"},
		{"may", "mai"},
		{"june", "jun", "juni", "juin"},
		{"july", "jul", "juli", "juillet", "juil"},
		{"august", "aug", "août", "aout"},
		{"september", "sep", "sept", "septembre"},
		{"october", "oct", "oktober", "okt", "octobre"},
		{"november", "nov", "novembre"},
		{"december", "dec", "dezember", "dez", "décembre", "decembre", "déc"},
	} {
		for _, n := range names {
			m[n] = i + 1
		}
	}
	return m
}()

// weekdays are the day names a date may start with.
var weekdays = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields("monday tuesday wednesday thursday friday saturday sunday " +
		"mon tue tues wed thu thur thurs fri sat sun " +
		"montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag mo di mi do fr sa so " +
		"lundi mardi mercredi jeudi vendredi samedi dimanche " +
		"today yesterday heute gestern aujourd'hui") {
		m[n] = true
	}
	return m
}()

// leadingDate reads a date at the start of s, a weekday before it
// allowed: "2026-03-04", "04.03.2026", "4.3.", "4/3/2026" (day first),
// "4. März 2026", "4 March 2026", "4th March", "March 4, 2026", "1er mars".
// It returns the date and the bytes read, white space and a comma after it
// included.
func leadingDate(s string) (day, int, bool) {
	i := 0
	if w := word(s, 0); w != "" && weekdays[strings.ToLower(w)] {
		i = len(w)
		if i < len(s) && s[i] == '.' {
			i++
		}
		i = skipSpace(s, i)
		if i < len(s) && s[i] == ',' {
			i++
		}
		i = skipSpace(s, i)
	}
	d, n, ok := numericDate(s[i:])
	if !ok {
		d, n, ok = namedDate(s[i:])
	}
	if !ok || !d.ok() {
		return day{}, 0, false
	}
	j := skipSpace(s, i+n)
	if j < len(s) && s[j] == ',' {
		j = skipSpace(s, j+1)
	}
	return d, j, true
}

// numericDate reads "2026-03-04", "04.03.2026", "4.3.26", "4.3." or
// "04/03/2026".
func numericDate(s string) (day, int, bool) {
	if y, n := digits(s, 0, 4); n == 4 && len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		m, n1 := digits(s, 5, 2)
		d, n2 := digits(s, 8, 2)
		if n1 == 2 && n2 == 2 {
			return day{y, m, d}, 10, true
		}
		return day{}, 0, false
	}
	d, n := digits(s, 0, 2)
	if n == 0 || n >= len(s) || s[n] != '.' && s[n] != '/' {
		return day{}, 0, false
	}
	sep := s[n]
	m, n2 := digits(s, n+1, 2)
	if n2 == 0 {
		return day{}, 0, false
	}
	i := n + 1 + n2
	if i >= len(s) || s[i] != sep {
		return day{}, 0, false
	}
	i++
	y, n3 := digits(s, i, 4)
	switch n3 {
	case 4:
	case 2:
		y += 2000
	case 0:
		if sep != '.' {
			return day{}, 0, false
		}
		y = 0 // "4.3." leaves the year to the page
	default:
		return day{}, 0, false
	}
	return day{y, m, d}, i + n3, true
}

// namedDate reads a date with the month's name, day first or month first.
func namedDate(s string) (day, int, bool) {
	if d, n := digits(s, 0, 2); n > 0 {
		i := n
		switch {
		case i < len(s) && s[i] == '.':
			i++
		case strings.HasPrefix(s[i:], "er"), strings.HasPrefix(s[i:], "st"), strings.HasPrefix(s[i:], "nd"),
			strings.HasPrefix(s[i:], "rd"), strings.HasPrefix(s[i:], "th"):
			i += 2
		}
		i = skipSpace(s, i)
		w := word(s, i)
		m, ok := months[strings.ToLower(w)]
		if !ok {
			return day{}, 0, false
		}
		i += len(w)
		if i < len(s) && s[i] == '.' {
			i++
		}
		return withYear(s, day{0, m, d}, i)
	}
	w := word(s, 0)
	m, ok := months[strings.ToLower(w)]
	if !ok {
		return day{}, 0, false
	}
	i := len(w)
	if i < len(s) && s[i] == '.' {
		i++
	}
	i = skipSpace(s, i)
	d, n := digits(s, i, 2)
	if n == 0 {
		return day{}, 0, false
	}
	i += n
	for _, suffix := range []string{"st", "nd", "rd", "th"} {
		if strings.HasPrefix(s[i:], suffix) {
			i += 2
			break
		}
	}
	if i < len(s) && s[i] == ',' {
		i++
	}
	return withYear(s, day{0, m, d}, i)
}

// withYear reads the year that may follow a day and month at s[i:].
func withYear(s string, d day, i int) (day, int, bool) {
	j := skipSpace(s, i)
	if y, n := digits(s, j, 4); n == 4 {
		d.year = y
		return d, j + n, true
	}
	return d, i, true
}

// wholeDate reads s as a date and nothing else (a trailing full stop or
// colon allowed), as in a date heading.
func wholeDate(s string) (day, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 60 {
		return day{}, false
	}
	d, n, ok := leadingDate(s)
	if !ok || strings.TrimRight(s[n:], " .:") != "" {
		return day{}, false
	}
	return d, true
}

// stamp is what a short element such as "04.03.2026, 09:15 Uhr" or
// "9.15am" says: a time of day, and the date when it gives one.
type stamp struct {
	date    day
	hasDate bool
	clock   clock
}

// wholeStamp reads s as a time of day, or a date and a time of day, and
// nothing else: "09:15", "9.15am GMT", "4 March 2026 9.15am",
// "04.03.2026, 09:15 Uhr", "4. März, 9 Uhr", "Stand: 09:15 Uhr".
func wholeStamp(s string) (stamp, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 60 {
		return stamp{}, false
	}
	for _, p := range []string{"Stand:", "Aktualisiert:", "Updated:", "Mis à jour :", "Mis à jour:", "Publié à"} {
		if strings.HasPrefix(s, p) {
			s = strings.TrimSpace(s[len(p):])
		}
	}
	var st stamp
	if d, n, ok := leadingDate(s); ok {
		st.date, st.hasDate = d, true
		s = s[n:]
		for _, w := range []string{"um ", "at ", "à ", "- ", "– ", "| "} {
			s = strings.TrimPrefix(s, w)
		}
	}
	c, n, ok := leadingClock(s)
	if !ok || strings.TrimRight(s[n:], " .:") != "" {
		return stamp{}, false
	}
	st.clock = c
	return st, true
}

// leadingStamp reads a time of day at the start of a heading or a
// paragraph, with the marks tickers put around it ("+++ 09.15 Uhr: ",
// "09:15 | ", "10h42 – "), and returns the text after it. sep reports
// whether a separator (a colon, bar, dash or "+++") followed the time.
func leadingStamp(s string) (c clock, rest string, sep, ok bool) {
	t := strings.TrimLeft(s, " \t\n\r+•*►▶")
	c, n, ok := leadingClock(t)
	if !ok {
		return clock{}, "", false, false
	}
	rest = t[n:]
	trimmed := strings.TrimLeft(rest, " \t\n\r")
	for _, mark := range []string{"+++", ":", "|", "–", "—", "-", "•", "/", ". "} {
		if strings.HasPrefix(trimmed, mark) {
			sep = true
			trimmed = trimmed[len(mark):]
			break
		}
	}
	rest = strings.TrimSpace(trimmed)
	return c, rest, sep, true
}

// at is the instant of a clock on a date in a zone: the clock's own zone
// when it names one, else loc.
func at(d day, c clock, loc *time.Location) time.Time {
	if c.zone != nil {
		loc = c.zone
	}
	return time.Date(d.year, time.Month(d.month), d.dom, c.hour, c.min, 0, 0, loc)
}

// dayOf is the calendar date of t in its own zone.
func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return day{y, int(m), d}
}
