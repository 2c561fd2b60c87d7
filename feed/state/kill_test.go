package state

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/model"
)

// killDirEnv, when set, makes TestKillWhileSaving the child that saves in a
// loop into that directory until it is killed.
const killDirEnv = "LIVELINE_STATE_TEST_KILL_DIR"

const killSource = "https://news.example/live/kill"

// generation builds the g-th state the child saves; every part of it names g,
// so a mix of two saves is noticed.
func generation(g int) *Saved {
	n := 800 + g%5
	us := make([]model.Update, n)
	for i := range us {
		text := fmt.Sprintf("Update %d of the story, as saved by generation %d.", n-i, g)
		us[i] = model.Update{ID: strconv.Itoa(n - i), Headline: "Update " + strconv.Itoa(n-i),
			Body: model.TextBody(text), Text: text, Published: t0.Add(time.Duration(n-i) * time.Minute)}
	}
	return &Saved{Meta: model.Snapshot{Title: "Generation " + strconv.Itoa(g)}, Updates: us, Read: []string{strconv.Itoa(g)}}
}

// checkGeneration reports whether s is one complete generation.
func checkGeneration(s *Saved) error {
	if s == nil || len(s.Read) != 1 {
		return fmt.Errorf("no generation: %+v", s)
	}
	g, err := strconv.Atoi(s.Read[0])
	if err != nil {
		return err
	}
	want := generation(g)
	if s.Meta.Title != want.Meta.Title || len(s.Updates) != len(want.Updates) {
		return fmt.Errorf("generation %d: title %q, %d updates", g, s.Meta.Title, len(s.Updates))
	}
	for i := range s.Updates {
		if s.Updates[i].Text != want.Updates[i].Text || s.Updates[i].ID != want.Updates[i].ID {
			return fmt.Errorf("generation %d: update %d is %q", g, i, s.Updates[i].Text)
		}
	}
	return nil
}

func killChild(dir string) {
	start := 1
	if s, err := Load(dir, killSource); err == nil && s != nil && len(s.Read) == 1 {
		n, _ := strconv.Atoi(s.Read[0])
		start = n + 1
	}
	// A child whose parent died without killing it stops on its own.
	stop := time.Now().Add(20 * time.Second)
	for g := start; time.Now().Before(stop); g++ {
		if err := Save(dir, killSource, generation(g)); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("saved", g)
	}
	os.Exit(0)
}

// TestKillWhileSaving kills a process that saves in a loop at random moments
// with SIGKILL; the state left behind must always load whole, and never be
// older than a save the child reported finished. Each child carries on from
// the generation the last one left.
func TestKillWhileSaving(t *testing.T) {
	if dir := os.Getenv(killDirEnv); dir != "" {
		killChild(dir)
		return
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	deadline := time.Now().Add(1500 * time.Millisecond)
	rounds, lastGen := 0, 0
	for rounds < 5 || time.Now().Before(deadline) && rounds < 40 {
		rounds++
		cmd := exec.Command(exe, "-test.run=^TestKillWhileSaving$")
		cmd.Env = append(os.Environ(), killDirEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		// Wait for one save, so there is always a state to find, then kill
		// the child somewhere inside a later one.
		if !lines.Scan() || !strings.HasPrefix(lines.Text(), "saved ") {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child: %q %v", lines.Text(), lines.Err())
		}
		time.Sleep(time.Duration(rand.IntN(20000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		reported, _ := strconv.Atoi(strings.TrimPrefix(lines.Text(), "saved "))
		for lines.Scan() {
			if n, err := strconv.Atoi(strings.TrimPrefix(lines.Text(), "saved ")); err == nil {
				reported = n
			}
		}
		cmd.Wait()

		s, err := Load(dir, killSource)
		if err != nil {
			t.Fatalf("round %d: Load after kill: %v", rounds, err)
		}
		if err := checkGeneration(s); err != nil {
			t.Fatalf("round %d: %v", rounds, err)
		}
		g, _ := strconv.Atoi(s.Read[0])
		if g <= lastGen || g < reported {
			t.Fatalf("round %d: generation %d after %d, child reported %d saved: a finished save was lost", rounds, g, lastGen, reported)
		}
		lastGen = g
	}
	entries, _ := os.ReadDir(dir)
	t.Logf("%d kills; last state was generation %d; %d files left in the directory (temp files of killed saves included)", rounds, lastGen, len(entries))
}
