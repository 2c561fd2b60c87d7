// Package textwrap measures and wraps plain terminal text exactly as
// charmbracelet/x/ansi does (StringWidth, and Wrap with no breakpoints but
// the hyphen), at a fraction of the cost for text without escape
// sequences or control characters, such as every string liveline reads
// from a source: ansi segments each ASCII letter into a grapheme cluster
// and feeds every byte through its escape-sequence parser, which made
// wrapping a third of a large text dump. Text of any other kind is handed
// to ansi as it is.
package textwrap

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Width returns the cells s takes on a terminal: ansi.StringWidth(s).
func Width(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case printable(c) && (i+1 == len(s) || s[i+1] < utf8.RuneSelf):
			// A printable ASCII character before another, or at the
			// end, is a cluster of one cell by itself.
			n++
			i++
		case printable(c) || c >= utf8.RuneSelf:
			cluster, w, ok := firstCluster(s, i)
			if !ok {
				return ansi.StringWidth(s)
			}
			n += w
			i += len(cluster)
		default:
			return ansi.StringWidth(s)
		}
	}
	return n
}

// firstCluster returns the grapheme cluster that starts at s[i] and its
// width, as ansi.FirstGraphemeCluster does, or false at invalid UTF-8.
func firstCluster(s string, i int) (string, int, bool) {
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size == 1 {
		return "", 0, false
	}
	if next := i + size; size > 1 && (next == len(s) || s[next] < utf8.RuneSelf) {
		if w, ok := soloWidth(r); ok {
			return s[i:next], w, true
		}
	}
	cluster, w := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
	return cluster, w, true
}

// soloWidth returns the width of a character of the first blocks (Latin,
// Greek, Cyrillic, Hebrew, Arabic and more, and general punctuation) that
// is a cluster by itself before an ASCII character or at the end of the
// text, as most are; false for the rest.
func soloWidth(r rune) (int, bool) {
	var i int
	switch {
	case r < soloLow:
		i = int(r)
	case r >= punctFrom && r < punctTo:
		i = soloLow + int(r-punctFrom)
	default:
		return 0, false
	}
	w := soloWidths()[i]
	return int(w), w >= 0
}

// The characters soloWidth knows: those of two bytes in UTF-8, and the
// general punctuation block (dashes, typographic quotes, ellipsis).
const (
	soloLow   = 0x800
	punctFrom = 0x2000
	punctTo   = 0x2070
)

// soloWidths holds soloWidth's answers, worked out from ansi itself: the
// width of each character as a cluster by itself, or -1 for one that is
// not (ASCII, or a mark that joins the character after it).
var soloWidths = sync.OnceValue(func() *[soloLow + punctTo - punctFrom]int8 {
	var t [soloLow + punctTo - punctFrom]int8
	for i := range t {
		r := rune(i)
		if i >= soloLow {
			r = punctFrom + rune(i-soloLow)
		}
		t[i] = -1
		if r < utf8.RuneSelf {
			continue
		}
		c := string(r)
		if cluster, w := ansi.FirstGraphemeCluster(c+"a", ansi.GraphemeWidth); cluster == c {
			t[i] = int8(w)
		}
	}
	return &t
})

// FitsIn reports whether s takes at most limit cells, without measuring a
// string too short to take more: no cluster is wider than its bytes.
func FitsIn(s string, limit int) bool {
	return len(s) <= limit || Width(s) <= limit
}

// printable reports whether c is a printable ASCII character.
func printable(c byte) bool { return ' ' <= c && c < 0x7f }

// AppendWrap appends s wrapped to limit cells, as ansi.Wrap(s, limit, "")
// returns it: at spaces and after hyphens, words longer than a line
// broken where the line ends.
func AppendWrap(dst []byte, s string, limit int) []byte {
	if limit < 1 {
		return append(dst, s...)
	}
	w := wrapper{out: dst, s: s, limit: limit}
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			cluster, width, ok := firstCluster(s, i)
			if !ok {
				return append(dst, ansi.Wrap(s, limit, "")...)
			}
			if r, _ := utf8.DecodeRuneInString(cluster); unicode.IsSpace(r) && r != nbsp {
				w.addWord()
				w.space = utf8.AppendRune(w.space, r)
				w.spaceWidth += width
			} else {
				if w.wordWidth+width > limit {
					w.addWord()
				}
				w.extendWord(i, i+len(cluster), width)
				if w.curWidth+w.wordWidth+w.spaceWidth > limit {
					w.addNewline()
				}
				if w.wordWidth == limit {
					w.addWord()
				}
			}
			i += len(cluster)
			continue
		}
		switch {
		case c == '\n':
			if w.wordWidth == 0 {
				w.keepSpace()
			}
			w.addWord()
			w.addNewline()
		case c == ' ' || c == '\t':
			w.addWord()
			w.space = append(w.space, c)
			w.spaceWidth++
		case c == '-':
			w.addSpace()
			if w.curWidth+w.wordWidth >= limit {
				w.extendWord(i, i+1, 1) // no room for it: it goes with the word
			} else {
				w.addWord()
				w.out = append(w.out, '-')
				w.curWidth++
			}
		case !printable(c):
			// A control character, perhaps starting an escape
			// sequence: ansi's parser knows what to do with it.
			return append(dst, ansi.Wrap(s, limit, "")...)
		default:
			if w.curWidth == limit {
				w.addNewline()
			}
			w.extendWord(i, i+1, 1)
			if w.wordWidth == limit {
				w.addWord()
			}
			if w.curWidth+w.wordWidth+w.spaceWidth > limit {
				w.addNewline()
			}
		}
		i++
	}
	if w.wordWidth == 0 {
		w.keepSpace()
	}
	w.addWord()
	return w.out
}

// nbsp is the no-break space, which ansi.Wrap does not break at.
const nbsp = '\u00a0'

// wrapper is the state of one AppendWrap: the line written so far, and
// the spaces and the word that wait to go on it. The word is always a run
// of s, so it is kept as its bounds.
type wrapper struct {
	out   []byte
	s     string
	limit int

	curWidth   int // cells on the line in out
	space      []byte
	spaceWidth int
	wordStart  int // the word waiting is s[wordStart:wordEnd]
	wordEnd    int
	wordWidth  int
}

func (w *wrapper) extendWord(from, to, width int) {
	if w.wordStart == w.wordEnd {
		w.wordStart = from
	}
	w.wordEnd = to
	w.wordWidth += width
}

func (w *wrapper) addSpace() {
	w.curWidth += w.spaceWidth
	w.out = append(w.out, w.space...)
	w.space = w.space[:0]
	w.spaceWidth = 0
}

func (w *wrapper) addWord() {
	if w.wordStart == w.wordEnd {
		return
	}
	w.addSpace()
	w.curWidth += w.wordWidth
	w.out = append(w.out, w.s[w.wordStart:w.wordEnd]...)
	w.wordStart, w.wordWidth = w.wordEnd, 0
}

func (w *wrapper) addNewline() {
	w.out = append(w.out, '\n')
	w.curWidth = 0
	w.space = w.space[:0]
	w.spaceWidth = 0
}

// keepSpace ends a line with no word waiting: the spaces stay when they
// fit, as ansi keeps them.
func (w *wrapper) keepSpace() {
	if w.curWidth+w.spaceWidth > w.limit {
		w.curWidth = 0
	} else {
		w.out = append(w.out, w.space...)
	}
	w.space = w.space[:0]
	w.spaceWidth = 0
}
