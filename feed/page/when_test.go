package page

import (
	"testing"
	"time"
)

func TestLeadingStamp(t *testing.T) {
	for _, tc := range []struct {
		in         string
		hour, min  int
		zone, rest string
		sep        bool
	}{
		{"09.15 Uhr: Bahnstrecke wieder frei", 9, 15, "", "Bahnstrecke wieder frei", true},
		{"+++ 22.45 Uhr: Laut einer Umfrage", 22, 45, "", "Laut einer Umfrage", true},
		{"+++ 06:56 Hessen setzt auf Impfteams +++", 6, 56, "", "Hessen setzt auf Impfteams +++", false},
		{"22:25 Uhr | Striktere Regeln", 22, 25, "", "Striktere Regeln", true},
		{"9 Uhr: Start", 9, 0, "", "Start", true},
		{"10h42 – Le pic attendu", 10, 42, "", "Le pic attendu", true},
		{"10 h 42 : Le pic", 10, 42, "", "Le pic", true},
		{"7h05 : Les quais fermés", 7, 5, "", "Les quais fermés", true},
		{"19h33. Les écoles ferment", 19, 33, "", "Les écoles ferment", true},
		{"9.15am GMT Talks resume", 9, 15, "GMT", "Talks resume", false},
		{"11.08pm: Late result", 23, 8, "", "Late result", true},
		{"12.30 a.m. - Quiet night", 0, 30, "", "Quiet night", true},
		{"17:45 MEZ: Abpfiff", 17, 45, "MEZ", "Abpfiff", true},
		{"07:53", 7, 53, "", "", false},
	} {
		c, rest, sep, ok := leadingStamp(tc.in)
		zone := ""
		if c.zone != nil {
			zone = c.zone.String()
		}
		if !ok || c.hour != tc.hour || c.min != tc.min || zone != tc.zone || rest != tc.rest || sep != tc.sep {
			t.Errorf("leadingStamp(%q) = %d:%d %q %q %v %v", tc.in, c.hour, c.min, zone, rest, sep, ok)
		}
	}
	for _, in := range []string{
		"4. Viertel, 0.08: Die Chiefs", "04.03.2026 war ein Mittwoch", "1.000 Menschen", "12.5 Prozent", "3:2-Sieg",
		"25:10 Uhr", "9.75 Uhr", "15 Minuten später", "2026 begann", "13pm", "Um 9.15 Uhr begann", "9.15x",
	} {
		if c, rest, _, ok := leadingStamp(in); ok {
			t.Errorf("leadingStamp(%q) = %d:%d %q, want no time", in, c.hour, c.min, rest)
		}
	}
}

func TestWholeDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want day
	}{
		{"Mittwoch, 4. März 2026", day{2026, 3, 4}},
		{"4. März 2026", day{2026, 3, 4}},
		{"Donnerstag, 5. März", day{0, 3, 5}},
		{"04.03.2026", day{2026, 3, 4}},
		{"Mi., 04.03.26", day{2026, 3, 4}},
		{"4.3.", day{0, 3, 4}},
		{"2026-03-04", day{2026, 3, 4}},
		{"Wednesday 4 March 2026", day{2026, 3, 4}},
		{"Wednesday, March 4, 2026", day{2026, 3, 4}},
		{"4th March", day{0, 3, 4}},
		{"March 4th, 2026:", day{2026, 3, 4}},
		{"mercredi 4 mars 2026", day{2026, 3, 4}},
		{"1er mars 2026", day{2026, 3, 1}},
		{"Jeudi 12 févr. 2026", day{2026, 2, 12}},
		{"04/03/2026", day{2026, 3, 4}},
	} {
		if got, ok := wholeDate(tc.in); !ok || got != tc.want {
			t.Errorf("wholeDate(%q) = %v %v, want %v", tc.in, got, ok, tc.want)
		}
	}
	for _, in := range []string{"", "Mittwoch", "4 Uhr", "March madness", "Mittwoch, 4. März 2026, 09:15 Uhr",
		"32. März 2026", "4. Märzen", "09.15 Uhr", "Heute", "2026"} {
		if got, ok := wholeDate(in); ok {
			t.Errorf("wholeDate(%q) = %v, want no date", in, got)
		}
	}
}

func TestWholeStamp(t *testing.T) {
	for _, tc := range []struct {
		in      string
		date    day
		hasDate bool
		h, m    int
	}{
		{"09:15", day{}, false, 9, 15},
		{"09:15 Uhr", day{}, false, 9, 15},
		{"Stand: 04.03.2026, 09:15 Uhr", day{2026, 3, 4}, true, 9, 15},
		{"4 March 2026 9.15am", day{2026, 3, 4}, true, 9, 15},
		{"4. März, 9 Uhr", day{0, 3, 4}, true, 9, 0},
		{"mercredi 4 mars à 10h42", day{0, 3, 4}, true, 10, 42},
		{"10.58am", day{}, false, 10, 58},
	} {
		st, ok := wholeStamp(tc.in)
		if !ok || st.hasDate != tc.hasDate || st.date != tc.date || st.clock.hour != tc.h || st.clock.min != tc.m {
			t.Errorf("wholeStamp(%q) = %+v %v", tc.in, st, ok)
		}
	}
	for _, in := range []string{"09:15 Headline", "Mittwoch, 4. März 2026", "um 9 Uhr morgens", "1:0"} {
		if st, ok := wholeStamp(in); ok {
			t.Errorf("wholeStamp(%q) = %+v, want none", in, st)
		}
	}
}

func TestAtZone(t *testing.T) {
	cet := time.FixedZone("", 3600)
	c, _, _, _ := leadingStamp("09.15 Uhr: x")
	if got := at(day{2026, 3, 4}, c, cet); !got.Equal(time.Date(2026, 3, 4, 8, 15, 0, 0, time.UTC)) {
		t.Errorf("page zone: %v", got)
	}
	c, _, _, _ = leadingStamp("9.15am GMT: x")
	if got := at(day{2026, 3, 4}, c, cet); !got.Equal(time.Date(2026, 3, 4, 9, 15, 0, 0, time.UTC)) {
		t.Errorf("own zone: %v", got)
	}
}

// FuzzWhen: the readers of printed dates and times take any text without
// panicking, and what they read is a real time of day and date.
func FuzzWhen(f *testing.F) {
	for _, s := range []string{"09.15 Uhr: x", "+++ 22.45 Uhr +++", "Mittwoch, 4. März 2026", "10 h 42", "12.30 a.m.",
		"Stand: 04.03.2026, 09:15 Uhr", "March 4th, 2026:", "1er mars", "4.3.", "99:99", "\xff\xfe9h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, rest, _, ok := leadingStamp(s); ok && (c.hour > 23 || c.min > 59 || len(rest) > len(s)) {
			t.Fatalf("leadingStamp(%q) = %+v %q", s, c, rest)
		}
		if d, ok := wholeDate(s); ok && !d.ok() {
			t.Fatalf("wholeDate(%q) = %+v", s, d)
		}
		if st, ok := wholeStamp(s); ok && (st.clock.hour > 23 || st.clock.min > 59 || st.hasDate && !st.date.ok()) {
			t.Fatalf("wholeStamp(%q) = %+v", s, st)
		}
	})
}
