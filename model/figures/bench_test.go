package figures

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/model"
)

// rng is a small deterministic generator, so every run reads the same story.
type rng uint64

func (r *rng) n(k int) int {
	*r = *r*6364136223846793005 + 1442695040888963407
	return int(uint64(*r>>33) % uint64(k))
}

func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

var (
	benchPlaces = []string{"Leeds General Infirmary", "the Royal Victoria", "St Mary's", "the Queen Elizabeth", "Addenbrooke's", "the Freeman", "Southmead", "the John Radcliffe"}
	benchDays   = []string{"Tuesday", "Wednesday", "Thursday", "Monday"}
	benchPeople = []string{"Sarah Khan", "Tom Ellis", "Priya Nair", "Owen Price", "Hannah Webb"}
)

// benchParagraph writes one paragraph of a strike live blog: figures of
// every kind, and the dates, times, ages and durations that are not.
func benchParagraph(r *rng) string {
	p := benchPlaces[r.n(len(benchPlaces))]
	d := benchDays[r.n(len(benchDays))]
	switch r.n(12) {
	case 0:
		return fmt.Sprintf("Managers at %s said %s operations had been cancelled by mid-afternoon, with around %s more likely to be put off before the end of the %d-hour walkout.",
			p, commas(100+r.n(4000)), commas(100+r.n(900)), 24+24*r.n(2))
	case 1:
		return fmt.Sprintf("About %d%% of junior doctors on the rota at %s came in on %s, the trust said, against %d per cent on the first day of action.",
			20+r.n(60), p, d, 20+r.n(60))
	case 2:
		return fmt.Sprintf("Pickets were outside %s from 7am on %d March, and organisers said more than %s people had signed a petition in support.",
			p, 1+r.n(28), commas(1000+r.n(90000)))
	case 3:
		return fmt.Sprintf("The trust said %s outpatient appointments and %s day case procedures had been moved, while %d beds stayed open on its wards.",
			commas(200+r.n(3000)), commas(50+r.n(2000)), 20+r.n(400))
	case 4:
		return fmt.Sprintf("Ministers have put £%d.%dbn towards the new contract, and the union says some members could lose up to %d%% of their pay.",
			1+r.n(4), r.n(10), 10+r.n(30))
	case 5:
		return fmt.Sprintf("More than half of the consultants at %s covered emergency shifts, while a third of clinics shut early, managers said on %s.", p, d)
	case 6:
		return fmt.Sprintf("Talks resume at %d:%02d on %s at the offices of Acas, which has held %d meetings with both sides since %d.",
			9+r.n(8), 15*r.n(4), d, 3+r.n(20), 2012+r.n(4))
	case 7:
		return fmt.Sprintf("Dr %s, aged %d, who has worked at %s for %d years, said this was the first strike of her career and the first in 40 years.",
			benchPeople[r.n(len(benchPeople))], 26+r.n(10), p, 2+r.n(9))
	case 8:
		return fmt.Sprintf("Between %s and %s patients are expected to be affected over the two days, according to NHS England estimates published on %d January.",
			commas(10000+r.n(5000)), commas(15000+r.n(10000)), 1+r.n(30))
	case 9:
		return fmt.Sprintf("\"We are doing this for our patients,\" said one trainee at %s, where %d doctors stood in the rain for three hours.", p, 10+r.n(90))
	case 10:
		return fmt.Sprintf("Two further strikes are planned, the BMA confirmed, and %s of its members have joined since the ballot, a rise of %d per cent.",
			commas(1000+r.n(9000)), 2+r.n(20))
	}
	return fmt.Sprintf("Ambulance services in %s answered %s calls overnight, roughly %d%% fewer than on a normal %s, officials said.",
		p, commas(500+r.n(3000)), 5+r.n(20), d)
}

// benchUpdate is update i of a generated story, dated i minutes in.
func benchUpdate(i int) *model.Update {
	r := rng(i*7919 + 1)
	u := &model.Update{ID: "u" + strconv.Itoa(i), Published: day.Add(time.Duration(i) * time.Minute)}
	var bl []model.Block
	for k := 2 + r.n(3); k > 0; k-- {
		bl = append(bl, para(benchParagraph(&r)))
	}
	if i%40 == 7 {
		bl = append(bl, heading("In numbers"),
			bullet(commas(20000+r.n(9000))+" junior doctors on the rota today"),
			bullet(strconv.Itoa(30+r.n(40))+"% of them at work"),
			bullet(commas(2000+r.n(3000))+" operations postponed"),
			bullet("ITV Report"))
	}
	u.Body = model.Body{Blocks: bl}
	u.Text = u.Body.PlainText()
	return u
}

// benchStory is n generated updates, newest first, as a merge reports them.
func benchStory(n int) model.Changes {
	var ch model.Changes
	for i := n - 1; i >= 0; i-- {
		ch.New = append(ch.New, benchUpdate(i))
	}
	return ch
}

// BenchmarkFigures10k reads a 10,000-update story into a new board: every
// update's figures and list extracted and grouped.
func BenchmarkFigures10k(b *testing.B) {
	ch := benchStory(10000)
	bytes := 0
	for _, u := range ch.New {
		bytes += len(u.Text)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	var board *Board
	for b.Loop() {
		board = NewBoard()
		board.Apply(ch)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/10000, "ns/update")
	if len(board.Groups()) == 0 {
		b.Fatal("no groups")
	}
}

// benchAddOne has one update arrive in a story of n updates, then builds
// the In numbers section, as the numbers panel does. To keep the story at n, the oldest
// update then leaves, with the timer stopped.
func benchAddOne(b *testing.B, n int) {
	board := NewBoard()
	board.Apply(benchStory(n))
	const pool = 64 // a handful of texts, warm in cache as a just-parsed update is
	arrivals := make([]*model.Update, pool)
	for i := range arrivals {
		arrivals[i] = benchUpdate(1<<20 + i) // the same texts whatever n is; the loop dates them
	}
	ids := make([]string, n) // the story's updates, oldest at ids[k%n]
	for i := range ids {
		ids[i] = "u" + strconv.Itoa(i)
	}
	var in, out model.Update
	add := model.Changes{New: []*model.Update{&in}}
	drop := model.Changes{Removed: []*model.Update{&out}}
	k := 0
	runtime.GC() // the setup's garbage is not the arrival's cost
	b.ReportAllocs()
	for b.Loop() {
		a := arrivals[k%pool]
		in.ID, in.Published, in.Body, in.Text = "a"+strconv.Itoa(k), day.Add(time.Duration(n+k)*time.Minute), a.Body, a.Text
		out.ID = ids[k%n]
		ids[k%n] = in.ID
		board.Apply(add)
		if sec := board.Section(); sec.Len() == 0 {
			b.Fatal("an empty section")
		}
		b.StopTimer()
		board.Apply(drop)
		b.StartTimer()
		k++
	}
	if board.Len() > n {
		b.Fatalf("%d updates on the board", board.Len())
	}
}

func BenchmarkFiguresAddOne100(b *testing.B) { benchAddOne(b, 100) }
func BenchmarkFiguresAddOne10k(b *testing.B) { benchAddOne(b, 10000) }

func TestBenchStory(t *testing.T) {
	board := NewBoard()
	board.Apply(benchStory(400))
	if l, id := board.List(); len(l) != 3 || id != "u367" {
		t.Errorf("list %q from %s", l, id)
	}
	var labels []string
	for _, g := range board.Groups() {
		labels = append(labels, g.Label+" "+g.Unit)
	}
	t.Logf("%d groups: %s", len(labels), strings.Join(labels, "; "))
}
