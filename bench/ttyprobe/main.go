// Command ttyprobe measures the liveline reader as a person meets it: it
// runs the real binary on a feed file in a pseudo-terminal, keeps a
// terminal emulator's view of what it draws, and reports
//
//   - the time from starting the process to the first frame that shows the
//     story (the newest update's headline on screen), beside the time a
//     process that only parses the file takes (-parse), with the ratio, and
//     the CPU time each used, which other work on the machine disturbs less;
//   - the resident memory (VmRSS, and VmHWM, its peak) once the story shows,
//     and once it has settled (indexed, and using no CPU for a second);
//   - with -idle, the CPU the reader uses over a window with nothing
//     arriving, at each of -idle-sizes.
//
// Medians over -runs runs; the reader and the bare parse take turns, so a
// busy machine weighs on both alike.
package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/liveline-tui/liveline/bench/internal/usage"
)

// clockTicks is the unit of utime and stime in /proc/PID/stat: USER_HZ,
// which Linux fixes at 100 a second for user space.
const clockTicks = 100

func main() {
	bin := flag.String("liveline", "", "the liveline binary")
	parseBin := flag.String("parse", "", "the bare-parse binary, run as BIN -once FILE (optional)")
	file := flag.String("file", "", "the feed file to open")
	want := flag.String("want", "", "text that shows the story is on screen (default: the start of the newest item's title)")
	extra := flag.String("args", "", "more liveline flags, separated by spaces (such as --max-size 300MiB)")
	size := flag.String("size", "120x40", "terminal size for the first-frame runs, COLSxROWS")
	runs := flag.Int("runs", 5, "runs of each")
	timeout := flag.Duration("timeout", 5*time.Minute, "longest wait for the story to show")
	ratioTarget := flag.Float64("target-ratio", 0, "first frame within this many times the bare parse (0: none)")
	rssTarget := flag.Float64("target-rss", 0, "resident memory once shown within this many MB (0: none)")
	idle := flag.Duration("idle", 0, "measure CPU over this window with nothing arriving (0: skip)")
	idleSizes := flag.String("idle-sizes", "80x24,200x60", "terminal sizes for the idle measurement")
	idleTarget := flag.Float64("target-idle", 0, "idle CPU within this percentage of a core (0: none)")
	reopenRuns := flag.Int("reopen", 0, "runs of reopening the story from saved state (0: skip)")
	reopenTarget := flag.Duration("target-reopen", 0, "a reopened story shows within this time (0: none)")
	flag.Parse()
	p := probe{bin: *bin, file: *file, want: *want, timeout: *timeout}
	if *extra != "" {
		p.args = strings.Fields(*extra)
	}
	err := p.check()
	if err == nil && *runs > 0 {
		err = p.firstFrames(*size, *parseBin, *runs, *ratioTarget, *rssTarget)
	}
	if err == nil && *reopenRuns > 0 {
		err = p.reopen(*size, *reopenRuns, *reopenTarget)
	}
	if err == nil && *idle > 0 {
		err = p.idleCPU(strings.Split(*idleSizes, ","), *idle, *idleTarget)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ttyprobe:", err)
		os.Exit(1)
	}
}

// probe starts liveline on one file.
type probe struct {
	bin, file, want string
	args            []string
	timeout         time.Duration
}

func (p *probe) check() error {
	if p.bin == "" || p.file == "" {
		return errors.New("give the binary and the file: -liveline BIN -file FEED")
	}
	if p.want != "" {
		return nil
	}
	title, err := newestTitle(p.file)
	if err != nil {
		return fmt.Errorf("%s: %v; give -want", p.file, err)
	}
	// A timeline row may cut a long headline short: its start is enough.
	r := []rune(title)
	p.want = strings.TrimSpace(string(r[:min(len(r), 20)]))
	return nil
}

// newestTitle returns the title of the first item (RSS) or entry (Atom) of
// a feed file, which genfeed writes newest first.
func newestTitle(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	d.Strict = false
	inItem := false
	for {
		tok, err := d.Token()
		if err != nil {
			return "", fmt.Errorf("no item title found: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "item", "entry":
				inItem = true
			case "title":
				if inItem {
					var s string
					if err := d.DecodeElement(&s, &se); err != nil {
						return "", err
					}
					return strings.Join(strings.Fields(s), " "), nil
				}
			}
		}
	}
}

// session is one liveline process in a pseudo-terminal.
type session struct {
	cmd     *exec.Cmd
	pty     *os.File
	started time.Time
	mu      sync.Mutex
	emu     *vt.Emulator
	drawn   int64         // bytes the program wrote to the terminal
	firstAt time.Duration // when it wrote the first
	shown   chan struct{} // closed when the wanted text is on screen
	shownAt time.Duration
	done    chan struct{} // closed when the terminal closes
}

func parseSize(s string) (cols, rows int, err error) {
	c, r, ok := strings.Cut(s, "x")
	if ok {
		cols, err = strconv.Atoi(c)
		if err == nil {
			rows, err = strconv.Atoi(r)
		}
	}
	if !ok || err != nil || cols < 20 || rows < 5 {
		return 0, 0, fmt.Errorf("terminal size %q: want COLSxROWS, such as 80x24", s)
	}
	return cols, rows, nil
}

// start runs liveline with no saved state in a terminal of the given size.
func (p *probe) start(size string) (*session, error) {
	state, err := os.MkdirTemp("", "ttyprobe-state")
	if err != nil {
		return nil, err
	}
	s, err := p.startIn(size, state, false)
	if err != nil {
		os.RemoveAll(state)
		return nil, err
	}
	go func() { <-s.done; os.RemoveAll(state) }()
	return s, nil
}

// startIn starts liveline with its state in the folder state; keep says
// it reads and writes that state, else it runs with --no-state.
func (p *probe) startIn(size, state string, keep bool) (*session, error) {
	cols, rows, err := parseSize(size)
	if err != nil {
		return nil, err
	}
	args := append(slices.Clone(p.args), p.file)
	if !keep {
		args = append([]string{"--no-state"}, args...)
	}
	cmd := exec.Command(p.bin, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "XDG_STATE_HOME="+state, "XDG_CONFIG_HOME="+state)
	s := &session{cmd: cmd, emu: vt.NewEmulator(cols, rows), shown: make(chan struct{}), done: make(chan struct{})}
	s.started = time.Now()
	s.pty, err = pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)})
	if err != nil {
		return nil, fmt.Errorf("starting %s: %v", p.bin, err)
	}
	go func() {
		defer close(s.done)
		buf := make([]byte, 64<<10)
		for {
			n, err := s.pty.Read(buf)
			if n > 0 {
				s.mu.Lock()
				s.emu.Write(buf[:n])
				if s.drawn == 0 {
					s.firstAt = time.Since(s.started)
				}
				s.drawn += int64(n)
				if s.shownAt == 0 && strings.Contains(s.emu.String(), p.want) {
					s.shownAt = time.Since(s.started)
					close(s.shown)
				}
				s.mu.Unlock()
			}
			if err != nil {
				return // EIO once the program has exited
			}
		}
	}()
	// The emulator answers the program's queries (background colour,
	// device attributes); pass its replies back.
	go io.Copy(s.pty, s.emu)
	return s, nil
}

// waitShown waits for the story to show and returns how long it took.
func (s *session) waitShown(timeout time.Duration, want string) (time.Duration, error) {
	select {
	case <-s.shown:
		return s.shownAt, nil
	case <-s.done:
		return 0, fmt.Errorf("liveline ended before showing %q; its screen:\n%s", want, s.screen())
	case <-time.After(timeout):
		return 0, fmt.Errorf("the screen did not show %q within %v; it shows:\n%s", want, timeout, s.screen())
	}
}

func (s *session) screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

func (s *session) bytesDrawn() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.drawn
}

// stop quits liveline with q, and kills it if it does not go.
func (s *session) stop() {
	s.pty.Write([]byte("q"))
	exited := make(chan struct{})
	go func() { s.cmd.Wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-exited
	}
	s.pty.Close()
	<-s.done
	s.emu.InputPipe().(io.Closer).Close()
}

// procStatus returns a field of /proc/PID/status in bytes, such as VmRSS.
func procStatus(pid int, field string) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			f := strings.Fields(rest) // "123456 kB"
			if len(f) == 2 && f[1] == "kB" {
				kb, err := strconv.ParseInt(f[0], 10, 64)
				return kb * 1024, err
			}
		}
	}
	return 0, fmt.Errorf("/proc/%d/status has no %s", pid, field)
}

// cpuTicks returns the user and system time a process has used, in clock
// ticks, from /proc/PID/stat.
func cpuTicks(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name, in parentheses, may hold spaces: count fields
	// after its closing parenthesis. utime and stime are fields 14 and 15.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, fmt.Errorf("/proc/%d/stat does not read", pid)
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat does not read", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat does not read", pid)
	}
	return utime + stime, nil
}

// cpuNanos is the CPU time every thread of pid has used, in nanoseconds,
// from the scheduler's own accounting (/proc/PID/task/*/schedstat), which
// is exact where clock ticks count in hundredths of a second.
func cpuNanos(pid int) (int64, error) {
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	if err != nil || len(tasks) == 0 {
		return 0, fmt.Errorf("no scheduler statistics for process %d", pid)
	}
	var total int64
	for _, t := range tasks {
		data, err := os.ReadFile(t)
		if err != nil {
			continue // a thread that ended
		}
		f := strings.Fields(string(data))
		if len(f) == 0 {
			continue
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s does not read", t)
		}
		total += n
	}
	return total, nil
}

// readProc returns the CPU a process has used, in clock ticks, and its
// resident memory now and at its peak, in bytes.
func readProc(pid int) (ticks, rss, hwm int64, err error) {
	if ticks, err = cpuTicks(pid); err != nil {
		return
	}
	if rss, err = procStatus(pid, "VmRSS"); err != nil {
		return
	}
	hwm, err = procStatus(pid, "VmHWM")
	return
}

// bareParse runs the bare-parse process once and returns its wall time
// and CPU time.
func (p *probe) bareParse(bin string) (wall, cpu time.Duration, err error) {
	cmd := exec.Command(bin, "-once", p.file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("%s -once %s: %v\n%s", bin, p.file, err, stderr.String())
	}
	wall = time.Since(start)
	cpu, _, _ = usage.Of(cmd.ProcessState)
	return wall, cpu, nil
}

func verdict(met bool) string {
	if met {
		return "met"
	}
	return "MISSED"
}

// firstFrames measures the first frame with the story and the memory it
// takes, runs times each, beside the bare parse.
func (p *probe) firstFrames(size, parseBin string, runs int, ratioTarget, rssTarget float64) error {
	var frames, firsts, parses, frameCPU, parseCPU []time.Duration
	var rss, hwm, settle []int64
	for range runs {
		if parseBin != "" {
			d, cpu, err := p.bareParse(parseBin)
			if err != nil {
				return err
			}
			parses, parseCPU = append(parses, d), append(parseCPU, cpu)
		}
		s, err := p.start(size)
		if err != nil {
			return err
		}
		d, err := s.waitShown(p.timeout, p.want)
		if err != nil {
			s.stop()
			return err
		}
		ticks, r, h, err := readProc(s.cmd.Process.Pid)
		if err != nil {
			s.stop()
			return err
		}
		settledRSS, err := settled(s.cmd.Process.Pid, p.timeout)
		s.stop()
		if err != nil {
			return err
		}
		frames, firsts = append(frames, d), append(firsts, s.firstAt)
		frameCPU = append(frameCPU, time.Duration(ticks)*time.Second/clockTicks)
		rss, hwm, settle = append(rss, r), append(hwm, h), append(settle, settledRSS)
	}
	fi, err := os.Stat(p.file)
	if err != nil {
		return err
	}
	fmt.Printf("%s (%.1f MB), %s, median of %d runs, story shown when %q is on screen\n",
		filepath.Base(p.file), float64(fi.Size())/1e6, size, runs, p.want)
	frame := usage.Median(frames)
	fmt.Printf("  first frame with the story: %.3f s", frame.Seconds())
	if len(parses) > 0 {
		ratio := frame.Seconds() / usage.Median(parses).Seconds()
		fmt.Printf("   bare parse: %.3f s   ratio %.2f×", usage.Median(parses).Seconds(), ratio)
		if ratioTarget > 0 {
			fmt.Printf("   target ≤ %.1f×: %s", ratioTarget, verdict(ratio <= ratioTarget))
		}
	}
	fmt.Printf("\n  CPU used until then: %.2f s", usage.Median(frameCPU).Seconds())
	if len(parseCPU) > 0 {
		fmt.Printf("   bare parse: %.2f s   ratio %.2f×", usage.Median(parseCPU).Seconds(),
			usage.Median(frameCPU).Seconds()/usage.Median(parseCPU).Seconds())
	}
	fmt.Printf("\n  its first output (any frame): %.3f s\n", usage.Median(firsts).Seconds())
	fmt.Printf("  resident once shown: %.0f MB (VmRSS; peak so far, VmHWM: %.0f MB)\n",
		float64(usage.Median(rss))/1e6, float64(usage.Median(hwm))/1e6)
	mb := float64(usage.Median(settle)) / 1e6
	fmt.Printf("  resident once settled (indexed, a second with next to no CPU): %.0f MB", mb)
	if rssTarget > 0 {
		fmt.Printf("   target ≤ %.0f MB: %s", rssTarget, verdict(mb <= rssTarget))
	}
	fmt.Println()
	return nil
}

// reopen measures how soon a story read before shows again: liveline
// reads the file once and quits, saving its state, then each run opens it
// again from that state until the newest update's headline shows.
func (p *probe) reopen(size string, runs int, target time.Duration) error {
	state, err := os.MkdirTemp("", "ttyprobe-state")
	if err != nil {
		return err
	}
	defer os.RemoveAll(state)
	once := func() (time.Duration, error) {
		s, err := p.startIn(size, state, true)
		if err != nil {
			return 0, err
		}
		d, err := s.waitShown(p.timeout, p.want)
		if err == nil {
			_, err = settled(s.cmd.Process.Pid, p.timeout) // the rest of the story read, so all of it is saved
		}
		s.stop()
		return d, err
	}
	if _, err := once(); err != nil {
		return err
	}
	var times []time.Duration
	for range runs {
		d, err := once()
		if err != nil {
			return err
		}
		times = append(times, d)
	}
	med := usage.Median(times)
	fmt.Printf("reopened from saved state: %s, %s, median of %d runs: the story shows in %.3f s",
		filepath.Base(p.file), size, runs, med.Seconds())
	if target > 0 {
		fmt.Printf("   target ≤ %.1f s: %s", target.Seconds(), verdict(med <= target))
	}
	fmt.Println()
	return nil
}

// settled waits until the process has used next to no CPU for a second (the
// story indexed and its figures read), and returns its resident memory.
func settled(pid int, timeout time.Duration) (int64, error) {
	deadline := time.Now().Add(timeout)
	last, _, _, err := readProc(pid)
	if err != nil {
		return 0, err
	}
	for time.Now().Before(deadline) {
		time.Sleep(time.Second)
		ticks, rss, _, err := readProc(pid)
		if err != nil {
			return 0, err
		}
		if ticks-last <= 1 { // at most one clock tick: a redraw, not work
			return rss, nil
		}
		last = ticks
	}
	return 0, fmt.Errorf("liveline was still busy after %v", timeout)
}

// idleCPU measures the CPU liveline uses over window once the story shows
// and has had a few seconds to settle, with nothing arriving.
func (p *probe) idleCPU(sizes []string, window time.Duration, target float64) error {
	const settle = 5 * time.Second
	fmt.Printf("idle: %s, nothing arriving, CPU over %v starting %v after the story showed\n",
		filepath.Base(p.file), window, settle)
	for _, size := range sizes {
		s, err := p.start(size)
		if err != nil {
			return err
		}
		if _, err := s.waitShown(p.timeout, p.want); err != nil {
			s.stop()
			return err
		}
		time.Sleep(settle)
		pid := s.cmd.Process.Pid
		n0, err := cpuNanos(pid)
		b0 := s.bytesDrawn()
		if err == nil {
			time.Sleep(window)
			var n1 int64
			n1, err = cpuNanos(pid)
			n0 = n1 - n0
		}
		drawn := s.bytesDrawn() - b0
		s.stop()
		if err != nil {
			return err
		}
		used := time.Duration(n0)
		pct := used.Seconds() / window.Seconds() * 100
		fmt.Printf("  %-7s %7.1f ms of CPU = %.3f%% of a core; %d bytes drawn", size, float64(used.Microseconds())/1000, pct, drawn)
		if target > 0 {
			fmt.Printf("   target ≤ %.1f%%: %s", target, verdict(pct <= target))
		}
		fmt.Println()
	}
	return nil
}
