package search

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/liveline-tui/liveline/model"
)

// FuzzHighlights checks that any query on any text gives ranges that are in
// order, apart, on grapheme cluster boundaries, and agree with Match.
func FuzzHighlights(f *testing.F) {
	for _, seed := range [][2]string{
		{"zurich", "Talks in Zürich"}, {`"prime minister" -x`, "The Prime\n Minister"},
		{"e", "e\u0301te\u0301"}, {"🇫", "🇫🇷🇩🇪"}, {"ss", "Straße"}, {`"a`, "\xff\xfea"},
		{"京", "東京 서울"}, {"fi", "ﬁnal ＡＢＣ"}, {"-", "a - b"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, qs, s string) {
		q := Parse(qs)
		hs := q.Highlights(s)
		checkRanges(t, qs, s, hs)
		// Parsing the canonical form gives the same query.
		if again := Parse(q.String()); !equalTerms(again.include, q.include) || !equalTerms(again.exclude, q.exclude) {
			t.Errorf("Parse(%q).String() = %q parses to %q -%q, want %q -%q", qs, q.String(), again.include, again.exclude, q.include, q.exclude)
		}
		if !utf8.ValidString(Fold(s)) {
			t.Errorf("Fold(%q) = %q is not valid UTF-8", s, Fold(s))
		}
		u := &model.Update{Text: s}
		if len(q.exclude) == 0 && q.Match(u) && len(q.include) > 0 && len(hs) == 0 {
			t.Errorf("Parse(%q) matches %q but highlights nothing", qs, s)
		}
		if len(q.include) > 0 && !q.Match(u) && len(hs) > 0 {
			// Highlights may show some terms of a query that does not
			// match as a whole, but only terms that occur.
			for _, h := range hs {
				if !containsAny(Fold(s[h[0]:h[1]]), q.include) {
					t.Errorf("Parse(%q).Highlights(%q): %q holds no term", qs, s, s[h[0]:h[1]])
				}
			}
		}
	})
}

func equalTerms(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00")
}

func containsAny(s string, terms []string) bool {
	for _, t := range terms {
		if strings.Contains(s, t) {
			return true
		}
	}
	return false
}

// FuzzIndex checks that the index agrees with Match on any few texts and
// any query, typed key by key, with the texts edited half way.
func FuzzIndex(f *testing.F) {
	for _, seed := range [][4]string{
		{"Talks resume in Zürich", "The prime\nminister met union leaders.", "Zoë", `"prime minister" -union`},
		{"a b", "b a", "", `"a b" -"b a"`},
		{"of the", "off the, of theirs", "x", `"of the" "f t"`},
		{"東京 🎉", "e\u0301 ß", "\xff", `"京 🎉" ss -é`},
	} {
		f.Add(seed[0], seed[1], seed[2], seed[3])
	}
	f.Fuzz(func(t *testing.T, a, b, c, qs string) {
		texts := []string{a, b, c, a + " " + b, b + "\n\n" + c}
		us := make([]model.Update, len(texts))
		for i, s := range texts {
			us[i] = model.Update{ID: string(rune('a' + i)), Headline: s[:len(s)/3], Text: s[len(s)/3:], Author: c}
		}
		st := model.Restore(model.Snapshot{}, us)
		ups := st.Updates()
		x := NewIndex()
		for _, u := range ups {
			x.Add(u)
		}
		line := ""
		for i, r := range qs {
			line += string(r)
			if i == len(qs)/2 {
				u := ups[i%len(ups)]
				u.Text = strings.ToUpper(u.Text) + " " + qs
				x.Add(u)
			}
			q := Parse(line)
			res := x.Search(context.Background(), q)
			n := 0
			for _, u := range ups {
				want := q.Match(u)
				if want {
					n++
				}
				if res.Has(u) != want {
					t.Fatalf("Search(%q).Has(%q) = %v, Match = %v (headline %q, text %q, author %q)", line, u.ID, res.Has(u), want, u.Headline, u.Text, u.Author)
				}
			}
			if res.Len() != n {
				t.Fatalf("Search(%q).Len() = %d, want %d", line, res.Len(), n)
			}
		}
	})
}
