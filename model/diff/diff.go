// Package diff compares two versions of an update's text word by word, for
// showing what an edit changed.
package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Op says what became of a piece of text.
type Op uint8

// Ops.
const (
	Same    Op = iota // in both versions
	Added             // only in the new version
	Removed           // only in the old version
)

func (o Op) String() string {
	switch o {
	case Same:
		return "same"
	case Added:
		return "added"
	case Removed:
		return "removed"
	}
	return "op?"
}

// Piece is a run of text with one Op.
type Piece struct {
	Text string
	Op   Op
}

// Limits on the work Words does. Past them it reports the differing middle
// of the texts as replaced whole.
const (
	// MaxTokens is the most words, spaces and punctuation marks, summed over
	// both texts after their common start and end are set aside, that are
	// compared word by word.
	MaxTokens = 40000
	// MaxEdits is the most single-word insertions and deletions looked for.
	MaxEdits = 1500
)

// Words compares old and new word by word. Concatenating the Same and
// Removed pieces gives old; the Same and Added pieces give new. Adjacent
// pieces never share an Op, except that a change is given as its Removed
// piece followed by its Added piece. Changed words separated only by white
// space are reported as one change, which reads better than a patchwork.
func Words(old, new string) []Piece {
	if old == new {
		if old == "" {
			return nil
		}
		return []Piece{{Text: old, Op: Same}}
	}
	a, b := tokens(old), tokens(new)

	// Set aside the common start and end.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out builder
	for _, t := range a[:pre] {
		out.add(t, Same)
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	ops, ok := compare(ma, mb)
	if ok {
		i, j := 0, 0
		for _, op := range ops {
			switch op {
			case Same:
				out.add(ma[i], Same)
				i, j = i+1, j+1
			case Removed:
				out.add(ma[i], Removed)
				i++
			case Added:
				out.add(mb[j], Added)
				j++
			}
		}
	} else {
		out.add(strings.Join(ma, ""), Removed)
		out.add(strings.Join(mb, ""), Added)
	}
	for _, t := range a[len(a)-suf:] {
		out.add(t, Same)
	}
	return tidy(out.pieces)
}

// Old returns the old text the pieces describe.
func Old(ps []Piece) string { return join(ps, Removed) }

// New returns the new text the pieces describe.
func New(ps []Piece) string { return join(ps, Added) }

// Changed reports whether the pieces hold any change.
func Changed(ps []Piece) bool {
	for _, p := range ps {
		if p.Op != Same {
			return true
		}
	}
	return false
}

func join(ps []Piece, keep Op) string {
	var b strings.Builder
	for _, p := range ps {
		if p.Op == Same || p.Op == keep {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// builder collects pieces, joining runs with the same Op.
type builder struct{ pieces []Piece }

func (b *builder) add(text string, op Op) {
	if text == "" {
		return
	}
	if n := len(b.pieces); n > 0 && b.pieces[n-1].Op == op {
		b.pieces[n-1].Text += text
		return
	}
	b.pieces = append(b.pieces, Piece{Text: text, Op: op})
}

// tidy folds white space that sits between two changes into them, and
// orders every run of changes as one Removed piece then one Added piece.
func tidy(ps []Piece) []Piece {
	var out []Piece
	var rem, add strings.Builder
	flush := func() {
		if rem.Len() > 0 {
			out = append(out, Piece{Text: rem.String(), Op: Removed})
		}
		if add.Len() > 0 {
			out = append(out, Piece{Text: add.String(), Op: Added})
		}
		rem.Reset()
		add.Reset()
	}
	for i, p := range ps {
		switch {
		case p.Op == Removed:
			rem.WriteString(p.Text)
		case p.Op == Added:
			add.WriteString(p.Text)
		case i > 0 && i < len(ps)-1 && strings.TrimSpace(p.Text) == "":
			// Same, but only white space between changes: part of the change.
			rem.WriteString(p.Text)
			add.WriteString(p.Text)
		default:
			flush()
			out = append(out, p)
		}
	}
	flush()
	return out
}

// tokens splits s into words, runs of white space, and single other
// characters. A word is a run of letters, digits and marks, kept whole
// across an apostrophe, hyphen, point or comma between two of them, so
// "don't", "4.5" and "1,200" are one word each.
func tokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		switch {
		case unicode.IsSpace(r):
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r) {
					break
				}
				j += size
			}
		case wordRune(r):
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if wordRune(r) {
					j += size
					continue
				}
				if joiner(r) && j+size < len(s) {
					if next, _ := utf8.DecodeRuneInString(s[j+size:]); wordRune(next) {
						j += size
						continue
					}
				}
				break
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func joiner(r rune) bool {
	switch r {
	case '\'', '’', '-', '.', ',':
		return true
	}
	return false
}

// compare finds a shortest edit script from a to b with Myers' algorithm,
// one Op per token. It gives up, returning false, when the texts are too
// long or too different to compare within the limits.
func compare(a, b []string) ([]Op, bool) {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		ops := make([]Op, 0, n+m)
		for range n {
			ops = append(ops, Removed)
		}
		for range m {
			ops = append(ops, Added)
		}
		return ops, true
	}
	if n+m > MaxTokens {
		return nil, false
	}
	// Compare small integers rather than strings.
	ids := make(map[string]int32, n+m)
	x, y := intern(a, ids), intern(b, ids)

	maxD := min(n+m, MaxEdits)
	off := maxD + 1
	v := make([]int32, 2*maxD+3)
	var trace [][]int32
	for d := 0; d <= maxD; d++ {
		trace = append(trace, append([]int32(nil), v[off-d:off+d+1]...))
		for k := -d; k <= d; k += 2 {
			var i int32
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				i = v[off+k+1]
			} else {
				i = v[off+k-1] + 1
			}
			j := i - int32(k)
			for int(i) < n && int(j) < m && x[i] == y[j] {
				i, j = i+1, j+1
			}
			v[off+k] = i
			if int(i) >= n && int(j) >= m {
				return backtrack(trace, n, m, d), true
			}
		}
	}
	return nil, false
}

func intern(ts []string, ids map[string]int32) []int32 {
	out := make([]int32, len(ts))
	for i, t := range ts {
		id, ok := ids[t]
		if !ok {
			id = int32(len(ids))
			ids[t] = id
		}
		out[i] = id
	}
	return out
}

// backtrack walks the saved frontiers back from (n, m) to build the script.
// trace[d] holds the frontier as it was when step d began, for diagonals
// -d..d.
func backtrack(trace [][]int32, n, m, dEnd int) []Op {
	ops := make([]Op, 0, n+m)
	i, j := int32(n), int32(m)
	for d := dEnd; d > 0; d-- {
		v := trace[d]
		at := func(k int) int32 { return v[k+d] }
		k := int(i - j)
		var prevK int
		if k == -d || k != d && at(k-1) < at(k+1) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		pi := at(prevK)
		pj := pi - int32(prevK)
		for i > pi && j > pj {
			ops = append(ops, Same)
			i, j = i-1, j-1
		}
		if prevK == k+1 {
			ops = append(ops, Added)
		} else {
			ops = append(ops, Removed)
		}
		i, j = pi, pj
	}
	for i > 0 && j > 0 {
		ops = append(ops, Same)
		i, j = i-1, j-1
	}
	for l, r := 0, len(ops)-1; l < r; l, r = l+1, r-1 {
		ops[l], ops[r] = ops[r], ops[l]
	}
	return ops
}
