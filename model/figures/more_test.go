package figures

import (
	"slices"
	"strings"
	"testing"
)

func TestExtractDetails(t *testing.T) {
	for _, c := range []struct {
		in        string
		text      string
		qualifier string
		key       string
		value     float64
		high      float64
	}{
		{"Roughly 4,000 planned operations were called off.", "Roughly 4,000", "roughly", "operations", 4000, 0},
		{"More than half of junior doctors stayed away.", "More than half", "more than", "junior doctors", 50, 0},
		{"Between 2,000 and 3,000 consultants backed them.", "Between 2,000 and 3,000", "between", "consultants", 2000, 3000},
		{"Offers of between 2 and 3 million pounds were made.", "between 2 and 3 million pounds", "between", "offers", 2e6, 3e6},
		{"Two further strikes are pencilled in.", "Two", "", "strikes", 2, 0},
		{"A further 1,734 day procedures were cancelled.", "A further 1,734", "a further", "day procedures", 1734, 0},
	} {
		figs := Extract(c.in)
		if len(figs) == 0 {
			t.Errorf("Extract(%q): nothing", c.in)
			continue
		}
		f := figs[0]
		if f.Text != c.text || f.Qualifier != c.qualifier || f.Key != c.key || f.Value != c.value || f.High != c.high {
			t.Errorf("Extract(%q) = %+v", c.in, f)
		}
	}
}

// An update's lines refer back: "of them", a figure in dashes, a noun left
// out after "and".
func TestExtractAcrossSentences(t *testing.T) {
	text := "- Some 26,000 junior doctors were expected on the day shift\n" +
		"- 39% of them came in - around 10,000 - most of them in emergency care\n" +
		"- Trusts cancelled 2,077 inpatient and 3,187 day case procedures"
	var got []string
	for _, f := range Extract(text) {
		got = append(got, show(f)+" | "+f.Key)
	}
	want := []string{
		"Some 26,000 | 26000 |  | junior doctors expected | junior doctors",
		"39% | 39 | % | junior doctors | junior doctors",
		"around 10,000 | 10000 |  | junior doctors | junior doctors",
		"2,077 | 2077 |  | inpatient procedures | inpatient procedures",
		"3,187 | 3187 |  | day case procedures | day case procedures",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestExtractNothing(t *testing.T) {
	for _, in := range []string{"", "Talks resume on Thursday.", "  \n\n", "£", "$ and €", "one", "2016", "-", "3rd.", "£"} {
		if figs := Extract(in); len(figs) != 0 {
			t.Errorf("Extract(%q) = %v", in, figs)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, c := range extractCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fig := range Extract(s) {
			if fig.Text == "" {
				t.Fatalf("empty text in %q", s)
			}
		}
	})
}

// A word's classes are the same whether the tokenizer hashes it on the way
// or classify looks it up afresh, whatever its capitals.
func TestScanWordClassifies(t *testing.T) {
	var sc scanner
	for _, w := range names[1:] {
		for _, v := range []string{w, strings.ToUpper(w[:1]) + w[1:], strings.ToUpper(w), strings.ReplaceAll(w, "'", "’")} {
			sc.text, sc.toks = v+" x", sc.toks[:0]
			sc.tokenize()
			if len(sc.toks) == 0 || sc.toks[0].kind != kWord {
				continue // a word the tokenizer splits, such as "o'clock" written with ’ at its end
			}
			want := sc.classify(sc.word(0))
			if v == "may" {
				want.cls &^= cMonth // the verb, not the month
			}
			if got := sc.toks[0].w; got != want {
				t.Errorf("%q: tokenized as %+v, classified as %+v", v, got, want)
			}
		}
	}
}
