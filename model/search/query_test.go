package search

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/liveline-tui/liveline/model"
	"github.com/rivo/uniseg"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text", "plain text"},
		{"Zürich", "zurich"},
		{"CAFÉ café cafe\u0301", "cafe cafe cafe"},
		{"Straße STRASSE", "strasse strasse"},
		{"Łódź Gdańsk Kraków", "lodz gdansk krakow"},
		{"Øresund Æsir Œuvre", "oresund aesir oeuvre"},
		{"naïve résumé São Paulo Ångström", "naive resume sao paulo angstrom"},
		{"Ελλάδα ΣΟΦΟΣ", "ελλαδα σοφοσ"},
		{"Ёлка Москва", "елка москва"},
		{"東京 서울 🎉", "東京 서울 🎉"},
		{"ﬁnal ＡＢＣ", "final abc"},
		{"don’t “quote” — dash", `don't "quote" - dash`},
		{"a \t\n\n b\u00a0\u2003c", "a b c"},
		{"inter\u00adnational zero\u200bwidth", "international zerowidth"},
		{"ctrl\x1b[31mred\x7f", "ctrl[31mred"},
		{"nul\x00byte", "nulbyte"},
		{"bad \xff byte", "bad byte"},
		{"İstanbul", "istanbul"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in               string
		include, exclude []string
		canon            string
	}{
		{"", nil, nil, ""},
		{"   ", nil, nil, ""},
		{"strike", []string{"strike"}, nil, "strike"},
		{"Strike  MINISTER", []string{"minister", "strike"}, nil, "Strike MINISTER"},
		{"zürich café", []string{"zurich", "cafe"}, nil, "zürich café"},
		{`"prime minister" strike`, []string{"prime minister", "strike"}, nil, `"prime minister" strike`},
		{`"prime   minister"`, []string{"prime minister"}, nil, `"prime minister"`},
		{`strike -union`, []string{"strike"}, []string{"union"}, "strike -union"},
		{`strike -"union leaders"`, []string{"strike"}, []string{"union leaders"}, `strike -"union leaders"`},
		{`-union`, nil, []string{"union"}, "-union"},
		{`- strike`, []string{"strike"}, nil, "strike"},
		{`"unclosed phrase`, []string{"unclosed phrase"}, nil, `"unclosed phrase"`},
		{`word"glued`, []string{"glued", "word"}, nil, `word "glued"`},
		{`"" -"" "  "`, nil, nil, ""},
		{`a"b c"d`, []string{"b c", "a", "d"}, nil, `a "b c" d`},
		{"strike strike STRIKE", []string{"strike"}, nil, "strike strike STRIKE"},
		{"covid-19 e-mail", []string{"covid-19", "e-mail"}, nil, "covid-19 e-mail"},
		{"--double", nil, []string{"-double"}, "--double"},
		{"\u0301 \u200b", nil, nil, ""},
		{"“prime minister” -„union leaders“", []string{"prime minister"}, []string{"union leaders"}, `"prime minister" -"union leaders"`},
		{"“unclosed", []string{"unclosed"}, nil, `"unclosed"`},
		{`"`, nil, nil, ""},
		{`-`, nil, nil, ""},
	}
	for _, tt := range tests {
		q := Parse(tt.in)
		if !reflect.DeepEqual(q.include, tt.include) || !reflect.DeepEqual(q.exclude, tt.exclude) {
			t.Errorf("Parse(%q) = include %q exclude %q, want %q %q", tt.in, q.include, q.exclude, tt.include, tt.exclude)
		}
		if got := q.String(); got != tt.canon {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.canon)
		}
		if q.Empty() != (tt.include == nil && tt.exclude == nil) {
			t.Errorf("Parse(%q).Empty() = %v", tt.in, q.Empty())
		}
		if q.Raw() != tt.in {
			t.Errorf("Parse(%q).Raw() = %q", tt.in, q.Raw())
		}
	}
}

func TestMatch(t *testing.T) {
	u := &model.Update{
		Headline: "Talks resume in Zürich",
		Text:     "The prime\nminister met union leaders at a café.\n\nNo deal yet.",
		Author:   "Zoë Brontë",
	}
	tests := []struct {
		q    string
		want bool
	}{
		{"", true},
		{"zurich", true},
		{"ZÜRICH", true},
		{"cafe", true},
		{"Café", true},
		{"zoe", true},
		{"bronte zurich", true},
		{"minister prime", true},
		{`"prime minister"`, true},
		{`"minister prime"`, false},
		{"ministe", true},
		{"res", true},
		{"strike", false},
		{"zurich strike", false},
		{"-strike", true},
		{"-union", false},
		{`zurich -"union leaders"`, false},
		{`zurich -"union leader boards"`, true},
		{`"deal yet"`, true},
		{`"zurich the"`, false}, // no match across headline and text
		{`"bronte"`, true},
		{`"cafe no"`, false}, // punctuation stays
		{`"cafe. no deal"`, true},
		{"e", true},
		{"-e", false},
	}
	for _, tt := range tests {
		if got := Parse(tt.q).Match(u); got != tt.want {
			t.Errorf("Parse(%q).Match = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestMatchBody(t *testing.T) {
	u := &model.Update{Headline: "Votes", Body: model.Body{
		Blocks: []model.Block{
			{Kind: model.Paragraph, Spans: []model.Span{{Text: "Results "}, {Text: "from the", Style: model.LinkText, Ref: 1}, {Text: " count:"}}},
			{Kind: model.Numbered, Number: 7, Spans: []model.Span{{Text: "Yes 52%"}}},
			{Kind: model.Bullet, Spans: []model.Span{{Text: "No 48%"}}},
		},
		Links: []string{"https://example.org/count"},
	}}
	u.Text = u.Body.PlainText()
	tests := []struct {
		q    string
		want bool
	}{
		{`"results from the count"`, true},
		{`"count: yes 52%"`, true},
		{`"52% no"`, true},
		{"1", false},       // the link reference
		{"7", false},       // the list number
		{"example", false}, // link targets are not text
	}
	for _, tt := range tests {
		if got := Parse(tt.q).Match(u); got != tt.want {
			t.Errorf("Parse(%q).Match = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestHighlights(t *testing.T) {
	tests := []struct {
		q, s string
		want []string // the highlighted pieces of s
	}{
		{"zurich", "Talks in Zürich; ZURICH agreed", []string{"Zürich", "ZURICH"}},
		{"cafe", "Le café, the cafe\u0301 and the CAFÉ", []string{"café", "cafe\u0301", "CAFÉ"}},
		{"ss", "Straße", []string{"ß"}},
		{"strasse", "Hauptstraße 5", []string{"straße"}},
		{`"prime minister"`, "The Prime\n  Minister spoke", []string{"Prime\n  Minister"}},
		{"min", "minimum", []string{"min"}},
		{"aa", "aaaa", []string{"aaaa"}},
		{"talk resume", "Talks resume", []string{"Talk", "resume"}},
		{"resume talk", "resumed talks", []string{"resume", "talk"}},
		{"-zurich", "Zürich", nil},
		{"", "Zürich", nil},
		{"東京", "会議は東京で", []string{"東京"}},
		{"京", "東京", []string{"京"}},
		{"🎉", "Deal! 🎉🎉", []string{"🎉🎉"}},
		{"👩", "Nurses 👩\u200d⚕\ufe0f out", []string{"👩\u200d⚕\ufe0f"}},
		{"🇫", "Flags 🇫🇷 fly", []string{"🇫🇷"}},
		{"e", "e\u0301te\u0301", []string{"e\u0301", "e\u0301"}},
		{"ete", "été", []string{"été"}},
		{"n", "한국 n", []string{"n"}},
		{"fi", "ﬁnal", []string{"ﬁ"}},
		{"f", "ﬁnal", []string{"ﬁ"}},
		{"abc", "ＡＢＣ", []string{"ＡＢＣ"}},
		{"bad", "\xffbad\xff", []string{"bad"}},
		{"👍", strings.Repeat("東京", 100) + "👍🏽" + strings.Repeat("🇫🇷", 50) + "👍", []string{"👍🏽", "👍"}},
		{"x", "a\r\nx\u0308\r\n", []string{"x\u0308"}},
		{"e", "e\u0301", []string{"e\u0301"}},
	}
	for _, tt := range tests {
		hs := Parse(tt.q).Highlights(tt.s)
		var got []string
		for _, h := range hs {
			got = append(got, tt.s[h[0]:h[1]])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q).Highlights(%q) = %q, want %q", tt.q, tt.s, got, tt.want)
		}
		checkRanges(t, tt.q, tt.s, hs)
	}
}

// checkRanges checks that ranges are ordered, apart, and on grapheme cluster
// boundaries of s.
func checkRanges(t *testing.T, q, s string, hs [][2]int) {
	t.Helper()
	bounds := map[int]bool{len(s): true}
	state, rest, pos := -1, s, 0
	for rest != "" {
		bounds[pos] = true
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		pos += len(c)
	}
	prev := -1
	for _, h := range hs {
		if h[0] >= h[1] || h[0] <= prev {
			t.Errorf("Parse(%q).Highlights(%q): bad or unmerged range %v in %v", q, s, h, hs)
		}
		if !bounds[h[0]] || !bounds[h[1]] {
			t.Errorf("Parse(%q).Highlights(%q): range %v splits a character", q, s, h)
		}
		if !utf8.ValidString(s[h[0]:h[1]]) && utf8.ValidString(s) {
			t.Errorf("Parse(%q).Highlights(%q): range %v is not valid UTF-8", q, s, h)
		}
		prev = h[1]
	}
}

// TestHighlightsCover checks on generated text that every highlight holds a
// term, and that every term a text matches is highlighted somewhere.
func TestHighlightsCover(t *testing.T) {
	us := genStory(300, 300, 7)
	queries := []string{"zurich", "cafe", "e", "ü", "東", "🎉", `"prime minister"`, "sao", "straße", "ss", "angstrom", "a b"}
	for _, u := range us {
		for _, qs := range queries {
			q := Parse(qs)
			for _, s := range []string{u.Headline, u.Text, u.Author} {
				hs := q.Highlights(s)
				checkRanges(t, qs, s, hs)
				folded := Fold(s)
				for _, h := range hs {
					piece := Fold(s[h[0]:h[1]])
					found := false
					for _, term := range q.include {
						found = found || strings.Contains(piece, term)
					}
					if !found {
						t.Errorf("Parse(%q).Highlights(%q): %q holds no term", qs, s, s[h[0]:h[1]])
					}
				}
				for _, term := range q.include {
					if strings.Contains(folded, term) && len(hs) == 0 {
						t.Errorf("Parse(%q).Highlights(%q): nothing highlighted", qs, s)
					}
				}
			}
		}
	}
}

// TestSnapToGraphemes compares the local snapping with boundaries worked
// out over the whole text, on text made of awkward pieces.
func TestSnapToGraphemes(t *testing.T) {
	pieces := []string{"a", " ", "\r\n", "\r", "\n", "e\u0301", "ß", "東京", "👍🏽", "🇫🇷", "🇩", "👩\u200d⚕\ufe0f",
		"\u200d", "\ufe0f", "\u0308", "한", "\u1100\u1161", "\xff", "x", strings.Repeat("京", 90)}
	r := rand.New(rand.NewPCG(5, 5))
	for range 2000 {
		var sb strings.Builder
		for range 1 + r.IntN(12) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := sb.String()
		all := graphemeBounds(s)
		for p := 0; p <= len(s); p++ {
			got := [][2]int{{p, p}}
			snapToGraphemes(s, got)
			i, found := slices.BinarySearch(all, p)
			want := [2]int{p, p}
			if !found {
				want = [2]int{all[i-1], all[i]}
			}
			if got[0] != want {
				t.Fatalf("snap %d in %q = %v, want %v", p, s, got[0], want)
			}
		}
	}
}
