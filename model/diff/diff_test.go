package diff

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// show writes pieces compactly: [-removed-] {+added+} and same text as is.
func show(ps []Piece) string {
	var b strings.Builder
	for _, p := range ps {
		switch p.Op {
		case Same:
			b.WriteString(p.Text)
		case Removed:
			b.WriteString("[-" + p.Text + "-]")
		case Added:
			b.WriteString("{+" + p.Text + "+}")
		}
	}
	return b.String()
}

func TestWords(t *testing.T) {
	cases := []struct {
		name, old, new, want string
	}{
		{"equal", "Talks resume at ten.", "Talks resume at ten.", "Talks resume at ten."},
		{"both empty", "", "", ""},
		{"from empty", "", "Pickets form.", "{+Pickets form.+}"},
		{"to empty", "Pickets form.", "", "[-Pickets form.-]"},
		{"one word", "Talks resume at ten.", "Talks resume at eleven.", "Talks resume at [-ten-]{+eleven+}."},
		{"number with point", "The offer is 4.5 per cent.", "The offer is 5.5 per cent.", "The offer is [-4.5-]{+5.5+} per cent."},
		{"number with comma", "About 1,200 staff walked out.", "About 1,400 staff walked out.", "About [-1,200-]{+1,400+} staff walked out."},
		{"apostrophe kept in word", "They don't expect trains.", "They won't expect trains.", "They [-don't-]{+won't+} expect trains."},
		{"insertion", "Trains run on the line.", "Trains run on the western line.", "Trains run on the {+western +}line."},
		{"deletion", "Trains run on the western line.", "Trains run on the line.", "Trains run on the [-western -]line."},
		{"phrase replaced whole", "the big dog barked", "a small cat barked", "[-the big dog-]{+a small cat+} barked"},
		{"punctuation", "Talks resume.", "Talks resume!", "Talks resume[-.-]{+!+}"},
		{"white space only", "one  two", "one two", "one[-  -]{+ +}two"},
		{"new paragraph", "First point.\n\nSecond point.", "First point.\n\nA new point.\n\nSecond point.", "First point.\n\n{+A new point.\n\n+}Second point."},
		{"accents", "Grève à Paris", "Grève à Lyon", "Grève à [-Paris-]{+Lyon+}"},
		{"two separate changes", "Union meets operator at ten on Monday.", "Union meets minister at ten on Tuesday.", "Union meets [-operator-]{+minister+} at ten on [-Monday-]{+Tuesday+}."},
		{"reordered", "alpha beta gamma", "gamma beta alpha", "[-alpha-]{+gamma+} beta [-gamma-]{+alpha+}"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps := Words(c.old, c.new)
			if got := show(ps); got != c.want {
				t.Errorf("Words(%q, %q)\n got %s\nwant %s", c.old, c.new, got, c.want)
			}
			checkPieces(t, c.old, c.new, ps)
		})
	}
}

// checkPieces checks the promises Words makes about any result.
func checkPieces(t *testing.T, old, new string, ps []Piece) {
	t.Helper()
	if Old(ps) != old || New(ps) != new {
		t.Fatalf("pieces do not rebuild the texts:\nold %q\n  = %q\nnew %q\n  = %q", old, Old(ps), new, New(ps))
	}
	if Changed(ps) != (old != new) {
		t.Errorf("Changed = %v for old != new %v", Changed(ps), old != new)
	}
	for i, p := range ps {
		if p.Text == "" {
			t.Errorf("empty piece %d", i)
		}
		if i > 0 {
			prev := ps[i-1].Op
			if prev == p.Op || prev == Added && p.Op == Removed {
				t.Errorf("pieces %d and %d: %v then %v", i-1, i, prev, p.Op)
			}
		}
	}
}

func TestWordsRandomEdits(t *testing.T) {
	words := []string{"strike", "talks", "union", "offer", "the", "a", "per", "cent", "4.5", ",", ".", " ", "\n", "don't", "Grève"}
	r := rand.New(rand.NewPCG(1, 2))
	text := func(n int) []string {
		var out []string
		for range n {
			out = append(out, words[r.IntN(len(words))], " ")
		}
		return out
	}
	for range 300 {
		a := text(r.IntN(40))
		b := slices.Clone(a)
		for range r.IntN(6) {
			switch i := r.IntN(len(b) + 1); r.IntN(3) {
			case 0:
				b = slices.Insert(b, i, words[r.IntN(len(words))])
			case 1:
				if i < len(b) {
					b = slices.Delete(b, i, i+1)
				}
			case 2:
				if i < len(b) {
					b[i] = words[r.IntN(len(words))]
				}
			}
		}
		old, new := strings.Join(a, ""), strings.Join(b, "")
		checkPieces(t, old, new, Words(old, new))
	}
}

// TestWordsMinimal checks that a small edit in a long text is found as
// small, not as a replacement of everything.
func TestWordsMinimal(t *testing.T) {
	var b strings.Builder
	for i := range 2000 {
		b.WriteString("word")
		b.WriteByte(byte('a' + i%26))
		b.WriteByte(' ')
	}
	old := b.String()
	new := strings.Replace(old, "wordq ", "wordq inserted ", 3)
	ps := Words(old, new)
	checkPieces(t, old, new, ps)
	added := 0
	for _, p := range ps {
		switch p.Op {
		case Added:
			added += len(p.Text)
		case Removed:
			t.Fatalf("removed %q", p.Text)
		}
	}
	if added != 3*len("inserted ") {
		t.Errorf("added %d bytes, want %d", added, 3*len("inserted "))
	}
}

// TestWordsFallback checks that texts too different to compare within the
// limits come back as the differing middle replaced whole, quickly.
func TestWordsFallback(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	random := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(string(rune('a' + r.IntN(26))))
			b.WriteString(string(rune('a' + r.IntN(26))))
			b.WriteByte(' ')
		}
		return b.String()
	}
	cases := []struct {
		name     string
		old, new string
	}{
		{"too many edits", "Start. " + random(3000) + "End.", "Start. " + random(3000) + "End."},
		{"too many tokens", "Start. " + strings.Repeat("x ", MaxTokens) + "End.", "Start. " + strings.Repeat("y ", MaxTokens) + "End."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			ps := Words(c.old, c.new)
			elapsed := time.Since(start)
			checkPieces(t, c.old, c.new, ps)
			if len(ps) != 4 || ps[0].Text != "Start. " || ps[1].Op != Removed || ps[2].Op != Added || !strings.HasSuffix(ps[3].Text, "End.") {
				t.Errorf("got %d pieces, starting %q", len(ps), ps[0].Text)
			}
			if elapsed > 2*time.Second {
				t.Errorf("took %v", elapsed)
			}
		})
	}
}

func BenchmarkWordsEditedUpdate(b *testing.B) {
	old := strings.Repeat("The union said talks with the operator would resume at ten on Monday, and that 1,200 staff had walked out. ", 20)
	new := strings.Replace(old, "ten on Monday", "eleven on Tuesday", 5)
	for b.Loop() {
		Words(old, new)
	}
}

func BenchmarkWordsFallback(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	random := func(n int) string {
		var sb strings.Builder
		for range n {
			sb.WriteString(string(rune('a' + r.IntN(26))))
			sb.WriteByte(' ')
		}
		return sb.String()
	}
	old, new := random(5000), random(5000)
	for b.Loop() {
		Words(old, new)
	}
}
