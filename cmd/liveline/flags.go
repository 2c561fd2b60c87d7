package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// usageError is bad usage: liveline exits 2 and points at --help.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// parseInterleaved parses flags that may come before or after the
// positional arguments, as in "liveline dump URL --format json".
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{flagMessage(err)}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// flagMessage rewords the flag package's errors: a value refused by one of
// liveline's flag values says all there is to say, and a flag given a
// value it does not take says which values it takes.
func flagMessage(err error) string {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		if _, why, ok := strings.Cut(rest, " for flag -"); ok {
			if _, why, ok = strings.Cut(why, ": "); ok && strings.HasPrefix(why, "--") {
				return why
			}
		}
	}
	if rest, ok := strings.CutPrefix(msg, "invalid boolean value "); ok {
		value, name, _ := strings.Cut(rest, " for -")
		name, why, _ := strings.Cut(name, ": ")
		if strings.HasPrefix(why, "--") {
			return why
		}
		return fmt.Sprintf("--%s takes no value (or =true, =false), not %s", name, value)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Sprintf("--%s needs a value", name)
	}
	return msg
}

// duration is a flag value for a length of time, which must have a unit
// and be above 0 (or 0 when zero is allowed).
type duration struct {
	name    string
	d       *time.Duration
	zero    bool   // 0 is allowed
	example string // a value to suggest, such as "30s"
}

func (f *duration) String() string {
	if f.d == nil || *f.d == 0 && f.zero {
		return ""
	}
	return f.d.String()
}

func (f *duration) Set(s string) error {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	switch {
	case err != nil:
		if _, nerr := strconv.ParseFloat(strings.TrimSpace(s), 64); nerr == nil {
			return fmt.Errorf("--%s needs a unit, for example %s", f.name, f.example)
		}
		return fmt.Errorf("--%s takes a length of time such as %s (units h, m, s, ms), not %q", f.name, f.example, s)
	case d == 0 && f.zero:
	case d < 0 && f.zero:
		return fmt.Errorf("--%s cannot be negative; give a length of time such as %s", f.name, f.example)
	case d <= 0:
		return fmt.Errorf("--%s must be above 0, for example %s", f.name, f.example)
	}
	*f.d = d
	return nil
}

// speedFlag is the --speed flag: story seconds per real second, within what
// a replay can play.
type speedFlag struct {
	v        *float64
	min, max float64
}

func (f *speedFlag) String() string {
	if f.v == nil {
		return ""
	}
	return strconv.FormatFloat(*f.v, 'g', -1, 64)
}

func (f *speedFlag) Set(s string) error {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "x"), 64)
	if err != nil || v < f.min || v > f.max || v != v {
		return fmt.Errorf("--speed takes a number from %g to %g (story seconds per real second), for example 10, not %q", f.min, f.max, s)
	}
	*f.v = v
	return nil
}

// text is a flag value that must be printable text on one line, such as a
// header's value.
type text struct {
	name string
	s    *string
}

func (f *text) String() string {
	if f.s == nil {
		return ""
	}
	return *f.s
}

func (f *text) Set(s string) error {
	for _, r := range s {
		if r < ' ' || r == 0x7f {
			return fmt.Errorf("--%s must be printable text on one line", f.name)
		}
	}
	*f.s = s
	return nil
}

// byteSize is a flag value for sizes such as 20MiB, 512k or 1000000.
type byteSize int64

func (b *byteSize) String() string {
	switch n := int64(*b); {
	case n > 0 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + "MiB"
	case n > 0 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + "KiB"
	default:
		return strconv.FormatInt(n, 10)
	}
}

func (b *byteSize) Set(s string) error {
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	*b = byteSize(n)
	return nil
}

func parseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"gib", 1 << 30}, {"mib", 1 << 20}, {"kib", 1 << 10}, {"gb", 1e9}, {"mb", 1e6}, {"kb", 1e3}, {"g", 1 << 30}, {"m", 1 << 20}, {"k", 1 << 10}, {"b", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n*float64(mult) < 1 || n*float64(mult) > 1<<40 {
		return 0, fmt.Errorf("--max-size takes a size above 0 such as 512KiB or 50MiB (up to 1TiB), not %q", s)
	}
	return int64(n * float64(mult)), nil
}

// notifyMode is the --notify flag: off, on for every new update, or key
// events only.
type notifyMode string

func (n *notifyMode) String() string { return string(*n) }

// IsBoolFlag lets --notify stand alone as well as take =key or =all.
func (n *notifyMode) IsBoolFlag() bool { return true }

func (n *notifyMode) Set(s string) error {
	switch strings.ToLower(s) {
	case "true", "all", "on":
		*n = "all"
	case "key":
		*n = "key"
	case "false", "off", "none":
		*n = ""
	default:
		return fmt.Errorf("--notify takes no value, =key or =all, not %q", s)
	}
	return nil
}

// fetchFlags are the flags every command that reads a source shares.
type fetchFlags struct {
	interval  time.Duration
	userAgent string
	maxSize   byteSize
	record    string
}

func (f *fetchFlags) register(fs *flag.FlagSet) {
	f.maxSize = 20 << 20
	f.interval = 30 * time.Second
	fs.Var(&duration{name: "interval", d: &f.interval, example: "30s"}, "interval", "time between checks of the source, a `duration` such as 30s or 2m (at least 10s unless set lower on purpose)")
	fs.Var(&text{name: "user-agent", s: &f.userAgent}, "user-agent", "User-Agent header `text` to send instead of liveline's own")
	fs.Var(&f.maxSize, "max-size", "largest body to read after decompression, a `size` such as 50MiB")
	fs.StringVar(&f.record, "record", "", "append every changed snapshot fetched to this recording `file`")
}

// newFlagSet is a command's flag set; parseCommand reports its errors.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseCommand parses a command's arguments; on --help it prints the
// command's usage and reports that it did.
func parseCommand(fs *flag.FlagSet, args []string, usage string, env *environment) (pos []string, helped bool, err error) {
	pos, err = parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		writeUsage(env.stdout, fs, usage)
		return nil, true, nil
	}
	return pos, false, err
}

func writeUsage(w io.Writer, fs *flag.FlagSet, head string) {
	fmt.Fprint(w, head)
	fs.SetOutput(w)
	fs.PrintDefaults()
}
