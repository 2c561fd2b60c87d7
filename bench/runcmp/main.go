// Command runcmp runs whole processes side by side and reports, for each,
// the median wall time, CPU time and peak resident memory, with ratios to a
// base command, and checks them against targets. CPU time (user and
// system) suffers less than wall time when other work shares the machine.
//
//	runcmp -base parse -cmd 'parse=parsebench -once feed.xml' \
//	  -cmd 'json=liveline dump --format json feed.xml' -target 'json:wall<=1.2'
//
// Wall times come from hyperfine when it is installed (-hyperfine=false
// leaves it out) and otherwise from runcmp's own runs, which take the
// commands in turn so that a busy machine weighs on all of them alike.
// Peak memory is each process's maximum resident set size as the kernel
// reports it to its parent (getrusage).
//
// -serve DIR serves DIR over HTTP on 127.0.0.1 while the commands run;
// "{serve}" in a command or in a -write file stands for its address.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/liveline-tui/liveline/bench/internal/usage"
)

// command is one process to measure.
type command struct {
	name string
	line string   // as given, for hyperfine
	args []string // split
	wall []time.Duration
	cpu  []time.Duration // user and system
	rss  []int64         // peak resident set, bytes
}

// target is a bound on one command's ratio to another's: "json:wall<=1.2"
// (to the base command) or "text:wall<1@newsboat".
type target struct {
	spec, name, metric, op, ref string
	limit                       float64
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ", ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	var cmdSpecs, targetSpecs, writes listFlag
	runs := flag.Int("runs", 10, "timed runs of each command")
	warmup := flag.Int("warmup", 1, "untimed runs of each command first")
	memRuns := flag.Int("memruns", 3, "runs of each command for peak memory when hyperfine times them")
	base := flag.String("base", "", "the command the others are compared with (default: the first)")
	useHyperfine := flag.Bool("hyperfine", true, "time with hyperfine when it is installed")
	serve := flag.String("serve", "", "serve this directory on 127.0.0.1 while measuring; {serve} is its address")
	flag.Var(&cmdSpecs, "cmd", "NAME=COMMAND LINE to measure (repeat); single or double quotes group words")
	flag.Var(&targetSpecs, "target", "NAME:wall|cpu|rss<=|<LIMIT[@REF]: a bound on a ratio to the base (or REF) (repeat)")
	flag.Var(&writes, "write", "PATH=CONTENT: write a file first, with {serve} replaced (repeat)")
	flag.Parse()
	if err := run(cmdSpecs, targetSpecs, writes, *runs, *warmup, *memRuns, *base, *useHyperfine, *serve); err != nil {
		fmt.Fprintln(os.Stderr, "runcmp:", err)
		os.Exit(1)
	}
}

func run(cmdSpecs, targetSpecs, writes []string, runs, warmup, memRuns int, base string, useHyperfine bool, serve string) error {
	if len(cmdSpecs) == 0 {
		return errors.New("no command given: add -cmd NAME=COMMAND")
	}
	addr := ""
	if serve != "" {
		a, stop, err := serveDir(serve)
		if err != nil {
			return err
		}
		defer stop()
		addr = a
	}
	for _, w := range writes {
		path, content, ok := strings.Cut(w, "=")
		if !ok {
			return fmt.Errorf("-write %q: want PATH=CONTENT", w)
		}
		if err := os.WriteFile(path, []byte(strings.ReplaceAll(content, "{serve}", addr)+"\n"), 0o644); err != nil {
			return err
		}
	}
	var cmds []*command
	for _, spec := range cmdSpecs {
		name, line, ok := strings.Cut(spec, "=")
		if !ok || name == "" {
			return fmt.Errorf("-cmd %q: want NAME=COMMAND", spec)
		}
		line = strings.ReplaceAll(line, "{serve}", addr)
		args, err := splitWords(line)
		if err != nil || len(args) == 0 {
			return fmt.Errorf("-cmd %q: %v", spec, err)
		}
		cmds = append(cmds, &command{name: name, line: line, args: args})
	}
	if base == "" {
		base = cmds[0].name
	}
	byName := map[string]*command{}
	for _, c := range cmds {
		byName[c.name] = c
	}
	if byName[base] == nil {
		return fmt.Errorf("-base %q is not one of the commands", base)
	}
	var targets []target
	for _, spec := range targetSpecs {
		t, err := parseTarget(spec, base)
		if err != nil {
			return err
		}
		if byName[t.name] == nil || byName[t.ref] == nil {
			return fmt.Errorf("-target %q names a command not given", spec)
		}
		targets = append(targets, t)
	}

	hyperfine := ""
	if useHyperfine {
		hyperfine, _ = exec.LookPath("hyperfine")
	}
	how := ""
	if hyperfine != "" {
		if err := timeWithHyperfine(hyperfine, cmds, runs, warmup); err != nil {
			return err
		}
		how = fmt.Sprintf("wall time: hyperfine, median of %d runs after %d warm-up; CPU time and peak memory: getrusage, median of %d runs", runs, warmup, memRuns)
	} else {
		memRuns = runs
		how = fmt.Sprintf("runcmp's own runs, the commands in turn, median of %d after %d warm-up (hyperfine not found)", runs, warmup)
	}
	for range warmup {
		if hyperfine != "" {
			break
		}
		for _, c := range cmds {
			if _, _, _, err := runOnce(c); err != nil {
				return err
			}
		}
	}
	for range memRuns {
		for _, c := range cmds {
			wall, cpu, rss, err := runOnce(c)
			if err != nil {
				return err
			}
			if hyperfine == "" {
				c.wall = append(c.wall, wall)
			}
			c.cpu = append(c.cpu, cpu)
			c.rss = append(c.rss, rss)
		}
	}
	report(os.Stdout, cmds, byName[base], targets, how)
	return nil
}

// runOnce runs c and returns its wall time, CPU time and peak resident
// memory.
func runOnce(c *command) (wall, cpu time.Duration, rss int64, err error) {
	cmd := exec.Command(c.args[0], c.args[1:]...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err = cmd.Run()
	wall = time.Since(start)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("%s (%s): %v\n%s", c.name, c.line, err, tail(stderr.String()))
	}
	cpu, rss, ok := usage.Of(cmd.ProcessState)
	if !ok {
		return 0, 0, 0, errors.New("this system does not report a process's peak memory")
	}
	return wall, cpu, rss, nil
}

func tail(s string) string {
	if len(s) > 2000 {
		s = "..." + s[len(s)-2000:]
	}
	return s
}

// timeWithHyperfine fills each command's wall time with hyperfine's median.
func timeWithHyperfine(bin string, cmds []*command, runs, warmup int) error {
	dir, err := os.MkdirTemp("", "runcmp")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "times.json")
	args := []string{"-N", "--style", "none", "--warmup", strconv.Itoa(warmup), "--runs", strconv.Itoa(runs), "--export-json", out}
	for _, c := range cmds {
		args = append(args, "-n", c.name, c.line)
	}
	hf := exec.Command(bin, args...)
	var stderr bytes.Buffer
	hf.Stdout, hf.Stderr = &stderr, &stderr
	if err := hf.Run(); err != nil {
		return fmt.Errorf("hyperfine: %v\n%s", err, tail(stderr.String()))
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	var res struct {
		Results []struct {
			Median float64 `json:"median"`
		} `json:"results"`
	}
	if err := json.Unmarshal(data, &res); err != nil || len(res.Results) != len(cmds) {
		return fmt.Errorf("hyperfine's results do not read: %v", err)
	}
	for i, c := range cmds {
		c.wall = []time.Duration{time.Duration(res.Results[i].Median * float64(time.Second))}
	}
	return nil
}

// value returns a command's median for a metric, in seconds or bytes.
func (c *command) value(metric string) float64 {
	switch metric {
	case "wall":
		return usage.Median(c.wall).Seconds()
	case "cpu":
		return usage.Median(c.cpu).Seconds()
	}
	return float64(usage.Median(c.rss))
}

func parseTarget(spec, base string) (target, error) {
	t := target{spec: spec, ref: base}
	name, rest, ok := strings.Cut(spec, ":")
	if !ok {
		return t, fmt.Errorf("-target %q: want NAME:METRIC<=LIMIT", spec)
	}
	t.name = name
	if r, ref, ok := strings.Cut(rest, "@"); ok {
		rest, t.ref = r, ref
	}
	for _, op := range []string{"<=", "<"} {
		if m, lim, ok := strings.Cut(rest, op); ok {
			t.metric, t.op = m, op
			v, err := strconv.ParseFloat(lim, 64)
			if err != nil {
				return t, fmt.Errorf("-target %q: %v", spec, err)
			}
			t.limit = v
			break
		}
	}
	if t.metric != "wall" && t.metric != "cpu" && t.metric != "rss" {
		return t, fmt.Errorf("-target %q: the metric is wall, cpu or rss", spec)
	}
	return t, nil
}

func report(w *os.File, cmds []*command, base *command, targets []target, how string) {
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "command\twall\t× %s\tCPU\t× %s\tpeak memory\t× %s\t\n", base.name, base.name, base.name)
	for _, c := range cmds {
		fmt.Fprintf(tw, "%s\t%.3f s\t%.2f\t%.3f s\t%.2f\t%.0f MB\t%.2f\t\n", c.name,
			c.value("wall"), c.value("wall")/base.value("wall"),
			c.value("cpu"), c.value("cpu")/base.value("cpu"),
			c.value("rss")/1e6, c.value("rss")/base.value("rss"))
	}
	tw.Flush()
	fmt.Fprintln(w, "("+how+")")
	byName := map[string]*command{}
	for _, c := range cmds {
		byName[c.name] = c
	}
	for _, t := range targets {
		ratio := byName[t.name].value(t.metric) / byName[t.ref].value(t.metric)
		met := ratio <= t.limit
		if t.op == "<" {
			met = ratio < t.limit
		}
		verdict := "met"
		if !met {
			verdict = "MISSED"
		}
		what := map[string]string{"wall": "wall time", "cpu": "CPU time", "rss": "peak memory"}[t.metric]
		fmt.Fprintf(w, "target: %s %s %s %.2f× %s's: %.2f×, %s\n", t.name, what, t.op, t.limit, t.ref, ratio, verdict)
	}
}

// serveDir serves dir on a free port of 127.0.0.1 and returns its address.
func serveDir(dir string) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

// splitWords splits a command line at spaces, keeping what single or
// double quotes enclose together.
func splitWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, errors.New("a quote is not closed")
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
