package textwrap

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// samples are lines of the kinds a dump wraps, and the corners of ansi's
// wrapping: hyphens, runs of spaces, words longer than a line, wide and
// combining characters, no-break and other Unicode spaces, tabs.
var samples = []string{
	"",
	"a",
	"Junior doctors gathered outside the royal infirmary in Leeds, where pickets handed out leaflets to passing drivers.",
	"- Routine clinics have been postponed and patients are being contacted to arrange new dates for their appointments.",
	"“We’re not going anywhere,” said Dr Siân O’Brien, 34, outside St Thomas’ – the picket’s fourth day – as 2,077 procedures were cancelled.",
	"well-known long-running cross-party talks-about-talks re-opened in mid-afternoon - and again - - -",
	"supercalifragilisticexpialidocious-antidisestablishmentarianism-floccinaucinihilipilification-pneumonoultramicroscopicsilicovolcanoconiosis",
	"spaces   between    words     and trailing spaces                                                                        ",
	"   leading spaces then a long line of words that must wrap somewhere past the eightieth column of the terminal",
	"tabs\tbetween\twords\tand\ta\tlong\tline\tthat\twraps\tsomewhere\tpast\tthe\teightieth\tcolumn\tof\tthe\tterminal",
	"no\u00a0break\u00a0spaces\u00a0hold\u00a0words\u00a0together\u00a0across\u00a0what\u00a0would\u00a0otherwise\u00a0be\u00a0a\u00a0break\u00a0point",
	"thin\u2009spaces\u2009and\u3000ideographic\u3000spaces\u2003em\u2003spaces\u2002en\u2002spaces between words of a long line here",
	"東京で医師がストライキを行い、病院の外に集まった。交渉は今週後半に再開される見通しだと関係者は述べた。長い行です。",
	"emoji 👩‍⚕️ doctors 🏥 hospitals 🇬🇧 flags and keycaps 1️⃣ 2️⃣ in a line long enough to need wrapping at eighty",
	"combining e\u0301 marks a\u0308nd \u0301 lone marks and Z\u0351\u036b\u0343a\u0306lgo text on a line long enough to wrap at the limit",
	"line one\nline two that is much longer than the limit and has to wrap somewhere past the eightieth column\n\nline four",
	"trailing spaces before a newline                                                                            \nnext",
	"a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-a-b-c",
	"control \x1b[31mred\x1b[0m and \x07 bell and \r return and \x7f delete and \x80 invalid bytes in a line long enough to wrap",
	"\u2028line and paragraph\u2029separators, soft\u00adhyphens, zero\u200bwidth spaces and joiners\u200d in a long line of text",
}

var limits = []int{0, 1, 2, 3, 5, 10, 17, 40, 78, 80}

func TestWidthIsAnsis(t *testing.T) {
	for _, s := range samples {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, ansi says %d", s, got, want)
		}
	}
}

func TestAppendWrapIsAnsis(t *testing.T) {
	for _, s := range samples {
		for _, limit := range limits {
			if got, want := string(AppendWrap(nil, s, limit)), ansi.Wrap(s, limit, ""); got != want {
				t.Errorf("AppendWrap(%q, %d):\n got %q\nwant %q", s, limit, got, want)
			}
		}
	}
}

func TestAppendWrapAppends(t *testing.T) {
	got := string(AppendWrap([]byte("> "), "one two three", 7))
	if want := "> one two\nthree"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// FitsIn trusts that no character is wider than its bytes: checked for
// every character on its own (a cluster of several is at least as long
// and never wider than two cells).
func TestNoCharacterIsWiderThanItsBytes(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		if w := ansi.StringWidth(s); w > len(s) {
			t.Fatalf("%U is %d cells wide in %d bytes", r, w, len(s))
		}
	}
}

func TestFitsIn(t *testing.T) {
	for _, s := range samples {
		for _, limit := range limits {
			if got, want := FitsIn(s, limit), ansi.StringWidth(s) <= limit; got != want {
				t.Errorf("FitsIn(%q, %d) = %v, want %v", s, limit, got, want)
			}
		}
	}
}

func FuzzWidth(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, ansi says %d", s, got, want)
		}
	})
}

func FuzzAppendWrap(f *testing.F) {
	for _, s := range samples {
		for _, limit := range limits {
			f.Add(s, limit)
		}
	}
	f.Fuzz(func(t *testing.T, s string, limit int) {
		limit %= 100
		if got, want := string(AppendWrap(nil, s, limit)), ansi.Wrap(s, limit, ""); got != want {
			t.Errorf("AppendWrap(%q, %d):\n got %q\nwant %q", s, limit, got, want)
		}
	})
}

func BenchmarkAppendWrap(b *testing.B) {
	s := strings.Repeat(samples[4]+" ", 20)
	b.SetBytes(int64(len(s)))
	var buf []byte
	for b.Loop() {
		buf = AppendWrap(buf[:0], s, 80)
	}
}

func BenchmarkAnsiWrap(b *testing.B) {
	s := strings.Repeat(samples[4]+" ", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		ansi.Wrap(s, 80, "")
	}
}
