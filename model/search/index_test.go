package search

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/liveline-tui/liveline/model"
)

// randomQuery makes a query from pieces of the story's own text, so that it
// matches some updates: words, parts of words, phrases, exclusions, with
// case and accents changed, plus now and then a word that occurs nowhere.
func randomQuery(r *rand.Rand, us []*model.Update) string {
	var terms []string
	for range 1 + r.IntN(3) {
		u := us[r.IntN(len(us))]
		words := strings.Fields(u.Headline + " " + u.Text + " " + u.Author)
		i := r.IntN(len(words))
		var t string
		switch r.IntN(6) {
		case 0: // a phrase of two or three words
			j := min(len(words), i+2+r.IntN(2))
			t = `"` + strings.Join(words[i:j], " ") + `"`
		case 1: // part of a word
			w := []rune(words[i])
			a := r.IntN(len(w))
			b := a + 1 + r.IntN(len(w)-a)
			t = string(w[a:b])
		case 2:
			t = strings.ToUpper(words[i])
		case 3:
			t = "zqzq"
		default:
			t = words[i]
		}
		t = strings.Trim(t, ".,")
		if r.IntN(4) == 0 {
			t = "-" + t
		}
		terms = append(terms, t)
	}
	return strings.Join(terms, " ")
}

func checkAgree(t *testing.T, x *Index, us []*model.Update, qs string) {
	t.Helper()
	q := Parse(qs)
	res := x.Search(context.Background(), q)
	if res.Err != nil || res.Query != qs {
		t.Fatalf("Search(%q): err %v, query %q", qs, res.Err, res.Query)
	}
	n := 0
	for _, u := range us {
		want := q.Match(u)
		if want {
			n++
		}
		if res.Has(u) != want {
			t.Fatalf("Search(%q).Has(%q) = %v, Match = %v\nheadline %q\ntext %q", qs, u.ID, res.Has(u), want, u.Headline, u.Text)
		}
	}
	if res.Len() != n {
		t.Fatalf("Search(%q).Len() = %d, want %d", qs, res.Len(), n)
	}
}

func TestIndexAgreesWithMatch(t *testing.T) {
	for seed := range uint64(4) {
		n := []int{1, 50, 700, 9000}[seed]
		us := genStory(n, 200+int(seed)*500, seed)
		x := NewIndex()
		// Add in an order other than arrival, as a reader's story hands
		// them out newest first.
		r := rand.New(rand.NewPCG(seed, 99))
		order := r.Perm(len(us))
		for _, i := range order {
			x.Add(us[i])
		}
		if x.Len() != len(us) {
			t.Fatalf("Len() = %d, want %d", x.Len(), len(us))
		}
		for _, qs := range []string{"", "e", "st", "-e", "strike", "zurich", `"prime minister"`, "-the", "東京", "🎉", "zzzz", "-zzzz"} {
			checkAgree(t, x, us, qs)
		}
		for range map[int]int{1: 300, 50: 300, 700: 150, 9000: 30}[n] {
			checkAgree(t, x, us, randomQuery(r, us))
		}
	}
}

func TestIndexEdits(t *testing.T) {
	us := genStory(500, 300, 3)
	x := NewIndex()
	for _, u := range us {
		x.Add(u)
	}
	r := rand.New(rand.NewPCG(3, 3))
	// Edit a tenth of the updates: new words in, old words out.
	for i := 0; i < len(us); i += 10 {
		u := us[i]
		u.Body = model.TextBody("Correction: the Grüße were sent from Genève. " + strings.ToUpper(u.Text[:len(u.Text)/2]))
		u.Text = u.Body.PlainText()
		if i%20 == 0 {
			u.Headline = "Headline replaced"
			u.Author = ""
		}
		x.Add(u)
	}
	x.Add(us[1]) // unchanged: nothing to do
	if x.Len() != len(us) {
		t.Fatalf("Len() = %d after edits, want %d", x.Len(), len(us))
	}
	for _, qs := range []string{"grusse", "geneve correction", `"headline replaced"`, "-correction", "zoe",
		"e", "gr", "gru", "-gru", "-e", "the", "-the", "ü", "zz"} {
		checkAgree(t, x, us, qs)
	}
	for range 300 {
		checkAgree(t, x, us, randomQuery(r, us))
	}
	res := x.Search(context.Background(), Parse("correction"))
	if res.Len() != 50 {
		t.Fatalf("correction: %d updates, want 50", res.Len())
	}
}

func TestSearchCancelled(t *testing.T) {
	us := genStory(20000, 500, 5)
	x := NewIndex()
	for _, u := range us {
		x.Add(u)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, qs := range []string{"e", "-the", "the", "strike minister"} {
		res := x.Search(ctx, Parse(qs))
		if !errors.Is(res.Err, context.Canceled) {
			t.Errorf("Search(%q) on a cancelled context: err %v", qs, res.Err)
		}
		if res.Len() == len(us) {
			t.Errorf("Search(%q) on a cancelled context ran to the end", qs)
		}
	}
	// An empty query costs nothing and is always complete.
	if res := x.Search(ctx, Query{}); res.Err != nil || res.Len() != len(us) {
		t.Errorf("empty query: %d, %v", res.Len(), res.Err)
	}
}

func TestSearchWhileAdding(t *testing.T) {
	us := genStory(3000, 300, 6)
	x := NewIndex()
	var wg sync.WaitGroup
	wg.Go(func() {
		for _, u := range us {
			x.Add(u)
		}
	})
	for range 50 {
		res := x.Search(context.Background(), Parse("strike -union"))
		if res.Len() > len(us) {
			t.Fatalf("too many results: %d", res.Len())
		}
	}
	wg.Wait()
	checkAgree(t, x, us, "strike -union")
}

func TestResultNil(t *testing.T) {
	var r *Result
	if r.Has(&model.Update{}) || r.Len() != 0 {
		t.Fatal("nil result matched")
	}
}

// TestIndexTyping types queries key by key, with backspaces and edits in
// between, as the search line does: each search may narrow the one before.
func TestIndexTyping(t *testing.T) {
	us := genStory(800, 400, 11)
	x := NewIndex()
	for _, u := range us {
		x.Add(u)
	}
	r := rand.New(rand.NewPCG(11, 12))
	scripts := []string{`strike minister "prime minister" -union`, `zurich cafe -"pay offer"`, `-the -and e`}
	for range 40 {
		scripts = append(scripts, randomQuery(r, us))
	}
	for _, script := range scripts {
		line := ""
		for _, c := range script {
			line += string(c)
			checkAgree(t, x, us, line)
			switch r.IntN(10) {
			case 0: // backspace, then type on
				_, size := utf8.DecodeLastRuneInString(line)
				line = line[:len(line)-size]
				checkAgree(t, x, us, line)
			case 1: // an edit arrives
				u := us[r.IntN(len(us))]
				u.Body = model.TextBody(u.Text + " Update: " + script)
				u.Text = u.Body.PlainText()
				x.Add(u)
				checkAgree(t, x, us, line)
			}
		}
	}
}

// TestConcurrentSearches runs typing searches on several goroutines while
// updates arrive, as a UI that starts a search per keystroke may.
func TestConcurrentSearches(t *testing.T) {
	us := genStory(2000, 300, 13)
	x := NewIndex()
	for _, u := range us[:1000] {
		x.Add(u)
	}
	var wg sync.WaitGroup
	for g := range 3 {
		wg.Go(func() {
			line := ""
			for _, c := range []string{`strike "prime minister" -union`, `zurich cafe`, `"pay offer" -e`}[g] {
				line += string(c)
				x.Search(context.Background(), Parse(line))
			}
		})
	}
	wg.Go(func() {
		for _, u := range us[1000:] {
			x.Add(u)
		}
	})
	wg.Wait()
	for _, qs := range []string{`strike "prime minister" -union`, `zurich cafe`, `"pay offer" -e`, `"pay off`} {
		checkAgree(t, x, us, qs)
	}
}
