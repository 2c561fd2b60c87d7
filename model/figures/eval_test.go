package figures

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/model"
)

// The evaluation set: stories written for these tests in the shapes of real
// live blogs (testdata/eval/*.txt), each with the figures a reader would pin
// labelled by hand. A story file reads:
//
//	# comments
//	kind election
//	lang fr                      (optional; English when absent)
//
//	@ 2024-07-05 03:05           an update: its time, then its headline,
//	Labour passes 326            then its body: paragraphs split by blank
//	Labour has now won 330 ...   lines (its lines stay lines, as a <br>
//	                             keeps them), "- " list items, "## " headings
//
//	= Labour, Labour Party | 411 | seats | 410 98 330
//	~ Tom Curran | 4 | wickets |
//
// A label gives the names a reader would accept (comma-separated; a pinned
// entry's name must contain one as whole words), the latest value (a number,
// "£240m", or a score such as "287/6"), the unit ("%", a currency sign, a
// measure, "score", or for a per-party or per-team count the noun counted),
// and the values it went through before, if any. A label opened by "~"
// instead of "=" is a figure a reader would accept in the panel without
// missing it when it is not there: it counts for precision, not recall.
//
// Precision counts the panel's entries drawn from prose (the page's own list
// is shown verbatim and not scored): an entry is right when it matches a
// label and every earlier value it shows is one the label lists. Recall
// counts the labels some entry matches.

type evalStory struct {
	name, kind string
	updates    []model.Update
	labels     []evalLabel
}

type evalLabel struct {
	names   []string
	value   float64
	score   string // for a score: its text
	unit    string
	earlier []float64
	line    int
	extra   bool // acceptable in the panel, not missed when absent
}

func readEvalStory(path string) (evalStory, error) {
	f, err := os.Open(path)
	if err != nil {
		return evalStory{}, err
	}
	defer f.Close()
	st := evalStory{name: strings.TrimSuffix(filepath.Base(path), ".txt")}
	var cur *model.Update
	var para []string
	flush := func() {
		if cur != nil && len(para) > 0 {
			cur.Body.Blocks = append(cur.Body.Blocks, model.Block{Kind: model.Paragraph, Spans: []model.Span{{Text: strings.Join(para, "\n")}}})
		}
		para = nil
	}
	finish := func() {
		flush()
		if cur != nil {
			cur.Text = cur.Body.PlainText()
			st.updates = append(st.updates, *cur)
			cur = nil
		}
	}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#") && cur == nil:
		case strings.HasPrefix(line, "kind "):
			st.kind = strings.TrimSpace(line[5:])
		case strings.HasPrefix(line, "lang "):
		case strings.HasPrefix(line, "@ "):
			finish()
			at, err := time.Parse("2006-01-02 15:04", strings.TrimSpace(line[2:]))
			if err != nil {
				return st, fmt.Errorf("%s:%d: %v", path, n, err)
			}
			cur = &model.Update{ID: fmt.Sprintf("%s-%d", st.name, len(st.updates)+1), Published: at}
			if !sc.Scan() {
				return st, fmt.Errorf("%s:%d: an update without a headline", path, n)
			}
			n++
			cur.Headline = sc.Text()
		case strings.HasPrefix(line, "= ") || strings.HasPrefix(line, "~ "):
			finish()
			l, err := parseEvalLabel(line[2:])
			if err != nil {
				return st, fmt.Errorf("%s:%d: %v", path, n, err)
			}
			l.line, l.extra = n, line[0] == '~'
			st.labels = append(st.labels, l)
		case cur == nil:
		case strings.TrimSpace(line) == "":
			flush()
		case strings.HasPrefix(line, "- "):
			flush()
			cur.Body.Blocks = append(cur.Body.Blocks, model.Block{Kind: model.Bullet, Spans: []model.Span{{Text: line[2:]}}})
		case strings.HasPrefix(line, "## "):
			flush()
			cur.Body.Blocks = append(cur.Body.Blocks, model.Block{Kind: model.Heading, Spans: []model.Span{{Text: line[3:]}}})
		default:
			para = append(para, line)
		}
	}
	finish()
	return st, sc.Err()
}

func parseEvalLabel(s string) (evalLabel, error) {
	parts := strings.Split(s, "|")
	if len(parts) != 4 {
		return evalLabel{}, fmt.Errorf("a label has four parts, not %d", len(parts))
	}
	var l evalLabel
	for n := range strings.SplitSeq(parts[0], ",") {
		if n = strings.TrimSpace(n); n != "" {
			l.names = append(l.names, normName(n))
		}
	}
	l.unit = strings.TrimSpace(parts[2])
	v := strings.TrimSpace(parts[1])
	if l.unit == "score" {
		l.score = v
	} else {
		x, ok := labelValue(v)
		if !ok {
			return l, fmt.Errorf("value %q", v)
		}
		l.value = x
	}
	for e := range strings.FieldsSeq(parts[3]) {
		if l.unit == "score" {
			continue // earlier scores are not checked
		}
		x, ok := labelValue(e)
		if !ok {
			return l, fmt.Errorf("earlier value %q", e)
		}
		l.earlier = append(l.earlier, x)
	}
	return l, nil
}

// labelValue reads 1,199, 94.9bn, 240m or 24.2k.
func labelValue(s string) (float64, bool) {
	scale := 1.0
	for suffix, m := range map[string]float64{"bn": 1e9, "m": 1e6, "k": 1e3} {
		if strings.HasSuffix(s, suffix) {
			s, scale = strings.TrimSuffix(s, suffix), m
			break
		}
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v * scale, err == nil
}

// normName lower-cases a name and drops possessive endings and punctuation,
// so "Labour's share" contains "labour".
func normName(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	var words []string
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ' ' || r == ',' || r == ':' || r == '·' || r == '(' || r == ')' }) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
		if w != "" {
			words = append(words, w)
		}
	}
	return " " + strings.Join(words, " ") + " "
}

func sameValue(a, b float64) bool {
	return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b))
}

// entryFacts is what the evaluation reads from one pinned entry.
type entryFacts struct {
	name    string
	latest  Figure
	earlier []Figure
	text    string
}

func (e entryFacts) matches(l evalLabel) bool {
	f := e.latest
	if l.unit == "score" {
		if f.Unit != "score" || !strings.HasPrefix(f.Text, l.score) {
			return false
		}
	} else {
		if !sameValue(f.Value, l.value) || !f.HasValue {
			return false
		}
		if l.unit != f.Unit && !(f.Subject != "" && f.Unit == "" && strings.Contains(normName(f.Label), normName(l.unit))) {
			return false
		}
		for _, x := range e.earlier {
			if !x.HasValue || !slices.ContainsFunc(l.earlier, func(v float64) bool { return sameValue(v, x.Value) }) && !sameValue(x.Value, l.value) {
				return false
			}
		}
	}
	name := normName(e.name)
	return slices.ContainsFunc(l.names, func(n string) bool { return strings.Contains(name, n) })
}

type evalScore struct {
	kind             string
	pinned, right    int
	labels, recalled int
}

func (s *evalScore) add(o evalScore) {
	s.pinned += o.pinned
	s.right += o.right
	s.labels += o.labels
	s.recalled += o.recalled
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// scoreStory reads a story into a board, builds its In numbers section and
// scores the entries drawn from prose against the labels.
func scoreStory(t *testing.T, st evalStory) evalScore {
	s := model.NewStory()
	snap := model.Snapshot{Fetched: st.updates[len(st.updates)-1].Published.Add(time.Hour)}
	for i := len(st.updates) - 1; i >= 0; i-- {
		snap.Updates = append(snap.Updates, st.updates[i])
	}
	snap.Prepare()
	b := NewBoard()
	b.Apply(s.Merge(&snap))
	sec := b.Section()
	sc := evalScore{kind: st.kind}
	for _, l := range st.labels {
		if !l.extra {
			sc.labels++
		}
	}
	recalled := make([]bool, len(st.labels))
	var entries []Entry // a row's subjects are scored one by one
	for _, e := range sec.Entries() {
		if e.Row != nil {
			entries = append(entries, e.Row.Members...)
		} else {
			entries = append(entries, e)
		}
	}
	for _, e := range entries {
		var facts entryFacts
		switch {
		case e.Line != nil:
			continue
		case e.Tracker != nil:
			facts = entryFacts{name: e.Tracker.Subject, latest: e.Tracker.Latest, earlier: e.Tracker.History()}
		default:
			facts = entryFacts{name: e.Figure.Name(), latest: *e.Figure}
		}
		facts.text = e.Text(time.UTC, sec.Days())
		sc.pinned++
		ok := false
		for i, l := range st.labels {
			if facts.matches(l) {
				ok, recalled[i] = true, true
			}
		}
		if ok {
			sc.right++
		} else {
			t.Logf("%s: wrong: %s", st.name, facts.text)
		}
	}
	for i, l := range st.labels {
		switch {
		case l.extra:
		case recalled[i]:
			sc.recalled++
		default:
			t.Logf("%s:%d: missed: %s", st.name, l.line, strings.TrimSpace(strings.Join(l.names, ",")))
		}
	}
	return sc
}

// evalSet is a group of evaluation stories scored together.
type evalSet struct {
	name  string
	files []string
}

// evalSets lists the evaluation stories kept here, then one set for each
// directory in FIGURES_EVAL_DIR (a list like PATH) when it is set: labelled
// stories kept outside the repository, such as copies of real pages.
func evalSets(t *testing.T) []evalSet {
	files, err := filepath.Glob(filepath.Join("testdata", "eval", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no evaluation stories: %v", err)
	}
	sets := []evalSet{{"kept here", files}}
	for _, dir := range filepath.SplitList(os.Getenv("FIGURES_EVAL_DIR")) {
		if more, _ := filepath.Glob(filepath.Join(dir, "*.txt")); len(more) > 0 {
			sets = append(sets, evalSet{dir, more})
		}
	}
	return sets
}

// TestEvaluation prints the In numbers panel's precision and recall over
// each evaluation set, per kind of story, and fails if precision falls
// below 0.9 or, on the stories kept here, recall below 0.7.
func TestEvaluation(t *testing.T) {
	for i, set := range evalSets(t) {
		total := scoreSet(t, set)
		if p := ratio(total.right, total.pinned); p < 0.9 {
			t.Errorf("%s: precision %.2f, below 0.9", set.name, p)
		}
		if r := ratio(total.recalled, total.labels); r < 0.7 && i == 0 {
			t.Errorf("%s: recall %.2f, below 0.7", set.name, r)
		}
	}
}

// scoreSet scores a set's stories and prints its table.
func scoreSet(t *testing.T, set evalSet) evalScore {
	byKind := map[string]*evalScore{}
	var total evalScore
	for _, path := range set.files {
		st, err := readEvalStory(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := scoreStory(t, st)
		t.Logf("%-22s %-9s precision %d/%d recall %d/%d", st.name, st.kind, sc.right, sc.pinned, sc.recalled, sc.labels)
		if byKind[st.kind] == nil {
			byKind[st.kind] = &evalScore{kind: st.kind}
		}
		byKind[st.kind].add(sc)
		total.add(sc)
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var table strings.Builder
	fmt.Fprintf(&table, "%s (%d stories)\n", set.name, len(set.files))
	fmt.Fprintf(&table, "%-10s %9s %9s %7s %7s\n", "kind", "pinned", "labels", "prec.", "recall")
	row := func(name string, s *evalScore) {
		fmt.Fprintf(&table, "%-10s %5d/%-3d %5d/%-3d %7.2f %7.2f\n", name, s.right, s.pinned, s.recalled, s.labels,
			ratio(s.right, s.pinned), ratio(s.recalled, s.labels))
	}
	for _, k := range kinds {
		row(k, byKind[k])
	}
	row("all", &total)
	fmt.Print(table.String())
	return total
}
