package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"clean", "Doctors walk out\nat 8am", "Doctors walk out\nat 8am"},
		{"tab", "a\tb", "a b"},
		{"crlf", "a\r\nb", "a\nb"},
		{"bel bs del", "a\x07b\x08c\x7fd", "abcd"},
		{"csi colour", "\x1b[31mred\x1b[0m", "red"},
		{"csi private", "x\x1b[?1049hy", "xy"},
		{"osc title bel", "\x1b]0;pwned\x07text", "text"},
		{"osc title st", "\x1b]2;pwned\x1b\\text", "text"},
		{"osc 8 link", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"osc 52", "\x1b]52;c;ZWNobyBoaQ==\x07after", "after"},
		{"dcs", "\x1bPq#0;2;0;0;0\x1b\\ok", "ok"},
		{"apc pm sos", "\x1b_a\x1b\\\x1b^b\x1b\\\x1bXc\x1b\\ok", "ok"},
		{"two byte esc", "a\x1bcb\x1b7c", "abc"},
		{"charset designation", "a\x1b(Bb", "ab"},
		{"unterminated osc", "ok\x1b]0;never ends", "ok"},
		{"esc at end", "ok\x1b", "ok"},
		{"c1 csi", "a\u009b31mb", "ab"},
		{"c1 osc", "a\u009d0;t\u009cb", "ab"},
		{"c1 other", "a\u0085b", "ab"},
		{"bidi", "a\u202eb\u2066c\u2069\u200ed\u200f\u061c", "abcd"},
		{"invalid utf8", "a\xffb", "a\ufffdb"},
		{"wide and accents", "Zürich 東京 😀", "Zürich 東京 😀"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := String(tc.in); got != tc.want {
				t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"  Talks   resume\n on Thursday \t", "Talks resume on Thursday"},
		{"plain", "plain"},
		{"\x1b[1mBold\x1b[0m title", "Bold title"},
		{"", ""},
	} {
		if got := Line(tc.in); got != tc.want {
			t.Errorf("Line(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCleanStringIsNotCopied(t *testing.T) {
	s := strings.Repeat("An update about the strike. ", 100)
	if n := testing.AllocsPerRun(100, func() { String(s) }); n != 0 {
		t.Fatalf("clean string allocated %v times", n)
	}
}

// assertSafe fails when s holds anything a terminal could act on.
func assertSafe(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8 in %q", s)
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' || r == 0x7f || unsafeRune(r) {
			t.Fatalf("unsafe rune %U in %q", r, s)
		}
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[31mred", "\x1b]0;t\x07", "\u009b1m", "a\xffb", "\u202e", "\x1bP\x1b\\", "line\r\n\tx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := String(s)
		assertSafe(t, out)
		if String(out) != out {
			t.Fatalf("String is not idempotent on %q", s)
		}
		line := Line(s)
		assertSafe(t, line)
		if strings.Contains(line, "\n") {
			t.Fatalf("Line kept a newline: %q", line)
		}
	})
}

func BenchmarkStringClean(b *testing.B) {
	s := strings.Repeat("Around 4,000 operations were cancelled in Zürich. ", 40)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		String(s)
	}
}
