// Package search finds updates of a story by the words they contain.
//
// Text is compared folded (see Fold): lower-cased, without accents, with
// runs of white space as one space. A query (see Parse) is a list of words
// and "quoted phrases" that must all occur, in any order, as substrings of an
// update's folded headline, text or author, and of -excluded words or
// -"phrases" that must not. An Index answers queries over a whole story
// quickly enough to filter on every keystroke: a few milliseconds over
// 100,000 updates. Run searches off the UI loop and tell results apart by
// Result.Query, dropping those for a query no longer on the search line.
package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s as search compares it: lower-case, accents and other
// combining marks removed ("Zürich" → "zurich", "Café" → "cafe"),
// compatibility forms unified ("ﬁ" → "fi", full-width letters → ASCII), a few
// letters written out ("ß" → "ss", "æ" → "ae", "ø" → "o"), typographic
// apostrophes and dashes made plain, invisible format characters dropped,
// and every run of white space turned into one space.
func Fold(s string) string {
	if plainASCII(s) {
		return s
	}
	return string(fold(make([]byte, 0, len(s)), nil, s))
}

// plainASCII reports whether s is ASCII that folds to itself.
func plainASCII(s string) bool {
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c == 0 || asciiFold[c] != c {
			return false
		}
		if c == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
		} else {
			prevSpace = false
		}
	}
	return true
}

// asciiFold maps each ASCII byte to its folding; 0 drops the byte.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case c == '\t', c == '\n', c == '\v', c == '\f', c == '\r', c == ' ':
			t[c] = ' '
		case c < ' ', c == 0x7f:
			t[c] = 0
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		default:
			t[c] = byte(c)
		}
	}
	return t
}()

// fold appends the folding of s to dst. When offs is not nil, it also
// appends, for every byte appended to dst, the offset in s of the rune that
// produced it, and returns the grown offsets through *offs.
func fold(dst []byte, offs *[]int32, s string) []byte {
	var o []int32
	if offs != nil {
		o = *offs
	}
	space := len(dst) > 0 && dst[len(dst)-1] == ' '
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			f := asciiFold[c]
			if f != 0 && !(f == ' ' && space) {
				dst = append(dst, f)
				if offs != nil {
					o = append(o, int32(i))
				}
				space = f == ' '
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		for _, b := range []byte(foldRune(r)) {
			if b == ' ' && space {
				continue
			}
			dst = append(dst, b)
			if offs != nil {
				o = append(o, int32(i))
			}
			space = b == ' '
		}
		i += size
	}
	if offs != nil {
		*offs = o
	}
	return dst
}

// tableLimit bounds the runes whose foldings are kept in a table: Latin,
// Greek, Cyrillic and the other alphabetic scripts, punctuation and
// letter-like symbols.
const tableLimit = 0x2500

var (
	tableOnce sync.Once
	table     []string
)

// foldRune returns the folding of one non-ASCII rune.
func foldRune(r rune) string {
	if r < tableLimit {
		tableOnce.Do(func() {
			table = make([]string, tableLimit)
			for r := range rune(tableLimit) {
				table[r] = foldRuneSlow(r)
			}
		})
		return table[r]
	}
	switch {
	case r >= 0x4e00 && r <= 0x9fff, r >= 0xac00 && r <= 0xd7a3, r >= 0x3040 && r <= 0x30ff:
		// CJK ideographs, Hangul syllables (kept whole so that a syllable
		// does not match inside another), kana: nothing to fold.
		return string(r)
	}
	return foldRuneSlow(r)
}

// special are foldings that decomposition does not give.
var special = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'ł': "l", 'Ł': "l",
	'ı': "i", 'ħ': "h", 'Ħ': "h", 'þ': "th", 'Þ': "th", 'ŧ': "t", 'Ŧ': "t", 'ς': "σ",
	'‘': "'", '’': "'", '‚': "'", '‛': "'", 'ʼ': "'", '′': "'",
	'“': `"`, '”': `"`, '„': `"`, '‟': `"`, '″': `"`, '«': `"`, '»': `"`,
	'‐': "-", '‑': "-", '‒': "-", '–': "-", '—': "-", '―': "-", '−': "-",
}

func foldRuneSlow(r rune) string {
	if s, ok := special[r]; ok {
		return s
	}
	if unicode.IsSpace(r) {
		return " "
	}
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Cc) || r == utf8.RuneError {
		return ""
	}
	if r >= 0xac00 && r <= 0xd7a3 {
		return string(r)
	}
	var sb strings.Builder
	for _, d := range norm.NFKD.String(string(r)) {
		if unicode.In(d, unicode.Mn, unicode.Me, unicode.Cf) {
			continue
		}
		if s, ok := special[d]; ok {
			sb.WriteString(s)
			continue
		}
		if unicode.IsSpace(d) {
			sb.WriteByte(' ')
			continue
		}
		d = unicode.ToLower(d)
		if s, ok := special[d]; ok {
			sb.WriteString(s)
			continue
		}
		sb.WriteRune(d)
	}
	return sb.String()
}
