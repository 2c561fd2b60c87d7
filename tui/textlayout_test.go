package tui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

func TestWrapKeepsWordsCharactersAndWidths(t *testing.T) {
	cases := []struct {
		text  string
		width int
		want  []string
	}{
		{"one two three four", 9, []string{"one two", "three", "four"}},
		{"line one\nline two", 20, []string{"line one", "line two"}},
		{"see: https://news.example/a/very/long/address", 20, []string{"see: https://news.ex", "ample/a/very/long/ad", "dress"}},
		{"東京都で大規模な集会が開かれた", 10, []string{"東京都で大", "規模な集会", "が開かれた"}},
		{"", 10, []string{""}},
	}
	for _, c := range cases {
		var got []string
		for _, r := range wrap(c.text, c.width) {
			got = append(got, c.text[r[0]:r[1]])
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", c.text, c.width, got, c.want)
		}
		for _, l := range got {
			if !utf8.ValidString(l) || ansi.StringWidth(l) > c.width {
				t.Errorf("wrap(%q, %d): bad line %q", c.text, c.width, l)
			}
		}
	}
}

func TestOverlayMarksRangesOverExistingLooks(t *testing.T) {
	var st styledText
	st.add("Zürich ", 0)
	st.add("strike", lookStrong)
	st.overlay([][2]int{{0, 7}, {9, 13}}, lookMatch)
	want := []run{{7, lookMatch}, {8, 0}, {9, lookStrong}, {13, lookStrong | lookMatch}, {14, lookStrong}}
	if len(st.runs) != len(want) {
		t.Fatalf("runs %v, want %v", st.runs, want)
	}
	for i := range want {
		if st.runs[i] != want[i] {
			t.Fatalf("runs %v, want %v", st.runs, want)
		}
	}
}
