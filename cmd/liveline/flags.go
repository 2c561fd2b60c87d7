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
			return nil, usageError{err.Error()}
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
	if err != nil || n <= 0 || n*float64(mult) > 1<<40 {
		return 0, fmt.Errorf("%q is not a size: use a number of bytes or a size such as 512KiB or 50MiB", s)
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
	fs.DurationVar(&f.interval, "interval", 30*time.Second, "time between checks of the source (at least 10s unless set lower on purpose)")
	fs.StringVar(&f.userAgent, "user-agent", "", "User-Agent header to send instead of liveline's own")
	fs.Var(&f.maxSize, "max-size", "largest body to read after decompression, e.g. 50MiB")
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
