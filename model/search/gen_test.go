package search

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/liveline-tui/liveline/model"
)

// baseWords are the common words of a made-up strike story, the most
// frequent first, with accented names and a few scripts beyond Latin.
var baseWords = strings.Fields(`the of and to in a on for is that with at by from as was said
it be has have are were will after not they this but up over more about two who their
strike union minister government talks pay offer doctors nurses hospital workers walkout
picket line ballot members leaders vote agreement deal rejected accepted council city
prime health secretary spokesperson statement morning afternoon evening tonight today
yesterday tomorrow week weekend hours staff patients services appointments cancelled
trains buses stations schools teachers parents pupils closed open reopen talks resume
police crowd march square rally banner speech applause chant protest peaceful arrests
Zürich café São Paulo Kraków Malmö Besançon Gdańsk naïve résumé Ångström Øresund Straße
Ελλάδα Москва 東京 北京 서울 🎉 👩‍⚕️ Île-de-France Genève Düsseldorf Čeština Señora
inflation wages percent offer rise pension contract overtime shifts night agency
negotiators mediation arbitration court injunction legal ruling appeal judge lawyers
weather rain cold snow wind sunny queue traffic roads bridge airport flights delayed
press conference reporters cameras live updates latest breaking analysis reaction`)

// phrases turn up whole, so that phrase queries find something.
var phrases = []string{"prime minister", "union leaders", "pay offer", "Zürich talks",
	"health secretary", "picket line", "press conference", "São Paulo"}

var authors = []string{"Zoë Brontë", "José Álvarez", "Łukasz Żak", "Amira Haddad", "Tom Reed",
	"Ingrid Sørensen", "Chen Wei", "Priya Nair", "Ólafur Arnalds", "Sam O’Neill"}

// vocabulary returns baseWords followed by made-up words, n in all, none
// containing q or x, shuffled deterministically after the first 60.
func vocabulary(r *rand.Rand, n int) []string {
	cons := strings.Split("b c d f g h j k l m n p r s t v w z br cr dr fr gr pl st tr ch sh", " ")
	vows := strings.Split("a e i o u ai ea ou é ü ö", " ")
	seen := make(map[string]bool)
	words := append([]string(nil), baseWords...)
	for _, w := range words {
		seen[w] = true
	}
	for len(words) < n {
		var sb strings.Builder
		for range 2 + r.IntN(3) {
			sb.WriteString(cons[r.IntN(len(cons))])
			sb.WriteString(vows[r.IntN(len(vows))])
		}
		if r.IntN(3) == 0 {
			sb.WriteString(cons[r.IntN(len(cons))])
		}
		w := sb.String()
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	rest := words[60:]
	r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	return words
}

// genStory makes a deterministic story of n updates, with vocab distinct
// words drawn with a Zipf distribution, as live blogs use words.
func genStory(n, vocab int, seed uint64) []*model.Update {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	words := vocabulary(r, vocab)
	zipf := rand.NewZipf(r, 1.07, 2, uint64(len(words)-1))
	sentence := func(sb *strings.Builder, k int) {
		for i := range k {
			if i > 0 {
				sb.WriteByte(' ')
			}
			var w string
			if r.IntN(25) == 0 {
				w = phrases[r.IntN(len(phrases))]
			} else {
				w = words[zipf.Uint64()]
			}
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			sb.WriteString(w)
			if i < k-1 && r.IntN(12) == 0 {
				sb.WriteByte(',')
			}
		}
		sb.WriteByte('.')
	}
	t0 := time.Date(2026, 3, 9, 6, 0, 0, 0, time.UTC)
	us := make([]model.Update, n)
	for i := range us {
		var h, t strings.Builder
		sentence(&h, 4+r.IntN(7))
		for p := range 1 + r.IntN(4) {
			if p > 0 {
				t.WriteString("\n\n")
			}
			for s := range 1 + r.IntN(4) {
				if s > 0 {
					t.WriteByte(' ')
				}
				sentence(&t, 6+r.IntN(12))
			}
		}
		u := &us[n-1-i] // newest first
		u.ID = "u" + strconv.Itoa(i)
		u.Headline = strings.TrimSuffix(h.String(), ".")
		u.Text = t.String()
		if i%5 != 0 {
			// Most updates come with a structured body, as parsed ones do.
			u.Body = model.TextBody(u.Text)
			u.Text = u.Body.PlainText()
		}
		u.Author = authors[r.IntN(len(authors))]
		u.Published = t0.Add(time.Duration(i) * 20 * time.Second)
	}
	st := model.Restore(model.Snapshot{Title: "Strike"}, us)
	return st.Updates()
}
