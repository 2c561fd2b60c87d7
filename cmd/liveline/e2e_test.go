package main

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// buildBinary builds liveline once per test run.
var buildBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "liveline-e2e")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "liveline")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// screenTerm runs liveline in a real pseudo-terminal and keeps a terminal
// emulator's view of what it draws.
type screenTerm struct {
	t    *testing.T
	pty  *os.File
	cmd  *exec.Cmd
	mu   sync.Mutex
	emu  *vt.Emulator
	raw  bytes.Buffer // everything the program wrote
	done chan struct{}
}

func startTerm(t *testing.T, width, height int, env []string, args ...string) *screenTerm {
	t.Helper()
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "TZ=UTC", "XDG_STATE_HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	cmd.Env = append(cmd.Env, env...)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(width), Rows: uint16(height)})
	if err != nil {
		t.Fatal(err)
	}
	st := &screenTerm{t: t, pty: ptmx, cmd: cmd, emu: vt.NewEmulator(width, height), done: make(chan struct{})}
	go func() {
		defer close(st.done)
		buf := make([]byte, 32<<10)
		for {
			n, err := ptmx.Read(buf)
			if n > 0 {
				st.mu.Lock()
				st.raw.Write(buf[:n])
				st.emu.Write(buf[:n])
				st.mu.Unlock()
			}
			if err != nil {
				return // EIO once the program has exited
			}
		}
	}()
	// The emulator answers the program's queries (background colour,
	// device attributes); pass its replies back.
	go io.Copy(ptmx, st.emu)
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		ptmx.Close()
		st.emu.InputPipe().(io.Closer).Close()
	})
	return st
}

// screen returns the emulator's screen as plain text.
func (st *screenTerm) screen() string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return ansi.Strip(st.emu.Render())
}

// waitFor waits until the screen shows every one of wants.
func (st *screenTerm) waitFor(timeout time.Duration, wants ...string) string {
	st.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		s := st.screen()
		missing := ""
		for _, w := range wants {
			if !strings.Contains(s, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return s
		}
		if time.Now().After(deadline) {
			st.t.Fatalf("screen never showed %q; it shows:\n%s", missing, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// keys types raw key bytes into the terminal.
func (st *screenTerm) keys(s string) {
	st.t.Helper()
	if _, err := st.pty.Write([]byte(s)); err != nil {
		st.t.Fatal(err)
	}
}

// growingFeed serves an RSS feed that gains one update each time add is
// called; with paragraphs set, each update runs to that many more.
type growingFeed struct {
	mu         sync.Mutex
	items      []string
	paragraphs int
	title      string // "Junior doctors strike: live" unless set
	word       string // what each item reports, "Picket" unless set
}

func (g *growingFeed) add(n int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	at := time.Date(2016, 1, 12, 8, 0, 0, 0, time.UTC).Add(time.Duration(n) * 10 * time.Minute)
	more := ""
	for i := 1; i <= g.paragraphs; i++ {
		more += fmt.Sprintf("&lt;p&gt;Paragraph %d of report %d: the pickets stayed in place.&lt;/p&gt;", i, n)
	}
	word := cmp.Or(g.word, "Picket")
	g.items = append([]string{fmt.Sprintf(`<item><guid>post-%d</guid><title>`+word+` report number %d</title>
<description>&lt;p&gt;Report %d from the picket line: 3,454 operations were put off so far.&lt;/p&gt;%s</description>
<pubDate>%s</pubDate></item>`, n, n, n, more, at.Format(time.RFC1123Z))}, g.items...)
}

func (g *growingFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<title>%s</title><link>http://127.0.0.1/live</link>
<description>Following the walkout as it happens.</description>%s</channel></rss>`, cmp.Or(g.title, "Junior doctors strike: live"), strings.Join(g.items, "\n"))
}

func TestEndToEndFollowsAGrowingFeed(t *testing.T) {
	feedSrv := &growingFeed{}
	for i := 1; i <= 3; i++ {
		feedSrv.add(i)
	}
	srv := httptest.NewServer(feedSrv)
	defer srv.Close()

	st := startTerm(t, 120, 40, nil, "--interval", "200ms", srv.URL+"/feed.rss")
	st.waitFor(15*time.Second, "Junior doctors strike: live", "Picket report number 3", "Picket report number 1")

	// Read an older update; a new one must not move the selection.
	st.keys("j")
	feedSrv.add(4)
	screen := st.waitFor(10*time.Second, "Picket report number 4", "1 new")
	if !strings.Contains(screen, "Report 2 from the picket line") {
		t.Fatalf("the reader was moved off the update being read:\n%s", screen)
	}
	// g jumps to the newest and clears the badge.
	st.keys("g")
	screen = st.waitFor(5*time.Second, "Report 4 from the picket line")
	if strings.Contains(screen, "1 new") {
		t.Fatalf("badge not cleared after g:\n%s", screen)
	}
	st.keys("q")
	select {
	case <-st.done:
	case <-time.After(5 * time.Second):
		t.Fatal("liveline did not quit on q")
	}
}

func TestEndToEndDemoUnfoldsOffline(t *testing.T) {
	st := startTerm(t, 80, 24, []string{"NO_COLOR=1"})
	// At 80 columns the header gives the story's title and state the room
	// before the source's name ("demo: …").
	first := st.waitFor(15*time.Second, "strike: live updates", "updates")
	count := func(screen string) int {
		var n int
		for _, f := range strings.Fields(screen) {
			if _, err := fmt.Sscanf(f, "%d", &n); err == nil && strings.Contains(screen, fmt.Sprintf("%d updates", n)) {
				return n
			}
		}
		return -1
	}
	start := count(first)
	deadline := time.Now().Add(20 * time.Second)
	for count(st.screen()) <= start {
		if time.Now().After(deadline) {
			t.Fatalf("no update arrived in the demo after 20s:\n%s", st.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
	st.keys("?")
	st.waitFor(5*time.Second, "All keys", "pause/resume")
	st.keys("q") // closes the help
	st.waitFor(5*time.Second, "all keys")
	st.keys("q")
	select {
	case <-st.done:
	case <-time.After(5 * time.Second):
		t.Fatal("liveline did not quit on q")
	}
}

// output returns everything the program has written to the terminal.
func (st *screenTerm) output() string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.raw.String()
}

// exit waits for the program to end and returns its exit status.
func (st *screenTerm) exit() int {
	st.t.Helper()
	select {
	case <-st.done:
	case <-time.After(10 * time.Second):
		st.t.Fatal("liveline did not exit")
	}
	st.cmd.Wait()
	return st.cmd.ProcessState.ExitCode()
}

// altScreen is what a program writes to take over the whole screen.
const altScreen = "\x1b[?1049h"

// TestEndToEndBadSourceExitsWithoutTheScreen: a source that cannot be read
// (here a missing file) is reported as dump reports it, with exit status
// 1, and the full screen is never drawn.
func TestEndToEndBadSourceExitsWithoutTheScreen(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.xml")
	st := startTerm(t, 80, 24, nil, missing)
	if code := st.exit(); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	out := st.output()
	if want := "liveline: reading " + missing + ": no such file; check the path"; !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%q", want, out)
	}
	if strings.Contains(out, altScreen) {
		t.Errorf("the full screen was drawn:\n%q", out)
	}
}

// TestEndToEndSourceNotUpYetKeepsTheReaderOpen: a failure that may fix
// itself (HTTP 503) keeps the reader open with the reason and the next
// try; quitting a source that was never read leaves no state behind.
func TestEndToEndSourceNotUpYetKeepsTheReaderOpen(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "not yet", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	stateDir := t.TempDir()
	st := startTerm(t, 100, 30, []string{"XDG_STATE_HOME=" + stateDir}, srv.URL+"/live")
	st.waitFor(15*time.Second, "retrying in", "HTTP 503")
	st.keys("q")
	if code := st.exit(); code != 0 {
		t.Errorf("exit status %d", code)
	}
	if files, _ := filepath.Glob(filepath.Join(stateDir, "liveline", "*")); len(files) > 0 {
		t.Errorf("state written for a source never read: %v", files)
	}
}

// TestEndToEndReopensWhereYouWere: quit on an older update, reopen the
// source: the same update is selected, and what arrived meanwhile is
// counted as new without moving you.
func TestEndToEndReopensWhereYouWere(t *testing.T) {
	feedSrv := &growingFeed{}
	for i := 1; i <= 3; i++ {
		feedSrv.add(i)
	}
	srv := httptest.NewServer(feedSrv)
	defer srv.Close()
	env := []string{"XDG_STATE_HOME=" + t.TempDir()}

	st := startTerm(t, 120, 40, env, "--interval", "200ms", srv.URL+"/feed.rss")
	st.waitFor(15*time.Second, "Picket report number 3", "Report 3 from the picket line")
	st.keys("j")
	st.waitFor(5*time.Second, "Report 2 from the picket line")
	st.keys("q")
	if code := st.exit(); code != 0 {
		t.Fatalf("exit status %d", code)
	}

	feedSrv.add(4)
	st = startTerm(t, 120, 40, env, "--interval", "200ms", srv.URL+"/feed.rss")
	screen := st.waitFor(15*time.Second, "Picket report number 4", "1 new")
	if !strings.Contains(screen, "Report 2 from the picket line") || strings.Contains(screen, "Report 4 from the picket line") {
		t.Fatalf("reopened somewhere else than on report 2:\n%s", screen)
	}
	st.keys("q")
	st.exit()
}

// TestEndToEndReadingTheNewestIsNotMoved: reading the newest update in the
// focused detail pane, scrolled down, a new update arrives: the pane stays
// on what is being read, and the badge counts the new one.
func TestEndToEndReadingTheNewestIsNotMoved(t *testing.T) {
	feedSrv := &growingFeed{paragraphs: 12}
	for i := 1; i <= 3; i++ {
		feedSrv.add(i)
	}
	srv := httptest.NewServer(feedSrv)
	defer srv.Close()

	st := startTerm(t, 80, 24, nil, "--interval", "200ms", srv.URL+"/feed.rss")
	st.waitFor(15*time.Second, "Picket report number 3", "Report 3 from the picket line")
	st.keys("\t") // focus the detail pane
	st.keys("jjjjjjjjjjjj")
	st.waitFor(5*time.Second, "Paragraph 6 of report 3")
	feedSrv.add(4)
	screen := st.waitFor(10*time.Second, "Picket report number 4", "1 new")
	for _, gone := range []string{"Report 4 from the picket line", "Paragraph 1 of report 4", "Report 3 from the picket line"} {
		if strings.Contains(screen, gone) {
			t.Fatalf("the reader was moved (the screen shows %q):\n%s", gone, screen)
		}
	}
	if !strings.Contains(screen, "Paragraph 6 of report 3") {
		t.Fatalf("the detail pane left the part being read:\n%s", screen)
	}
	st.keys("q")
	st.exit()
}

// TestEndToEndDeckOfTwoGrowingStories: two stories growing at different
// rates open together; switching between them, neither reader is moved
// by its news, and each counts what arrived while it was not shown.
func TestEndToEndDeckOfTwoGrowingStories(t *testing.T) {
	strike := &growingFeed{}
	vote := &growingFeed{title: "Election night: live", word: "Ward"}
	for i := 1; i <= 4; i++ {
		strike.add(i)
		vote.add(i)
	}
	srvA, srvB := httptest.NewServer(strike), httptest.NewServer(vote)
	defer srvA.Close()
	defer srvB.Close()

	st := startTerm(t, 120, 40, nil, "--interval", "200ms", srvA.URL+"/strike", srvB.URL+"/vote")
	st.waitFor(15*time.Second, "Junior doctors strike: live", "Election night: live", "Picket report number 4")
	st.keys("jj") // reading report 2 of the strike
	st.waitFor(5*time.Second, "Report 2 from the picket line")
	st.keys("2")
	st.waitFor(5*time.Second, "Ward report number 4")
	st.keys("j")                                               // reading ward 3
	st.waitFor(5*time.Second, "Report 3 from the picket line") // both feeds word their bodies alike

	// The strike grows fast, the election slowly.
	for i := 5; i <= 8; i++ {
		strike.add(i)
	}
	vote.add(5)
	screen := st.waitFor(10*time.Second, "Ward report number 5", "1 new")
	if !strings.Contains(screen, "Report 3 from the picket line") {
		t.Fatalf("the election's reader was moved by its news:\n%s", screen)
	}
	st.waitFor(10*time.Second, "●4") // the strike's tab counts its news
	st.keys("1")
	screen = st.waitFor(5*time.Second, "4 new")
	if !strings.Contains(screen, "Report 2 from the picket line") {
		t.Fatalf("the strike's reader was moved while it was not shown:\n%s", screen)
	}
	st.keys("q")
	select {
	case <-st.done:
	case <-time.After(5 * time.Second):
		t.Fatal("liveline did not quit on q")
	}
}
