package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// usageError is bad usage: liveline exits 2 and points at --help.
type usageError struct {
	msg string
	// command is the command the message is about ("liveline dump"),
	// when it names one; liveline alone otherwise.
	command string
}

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{msg: fmt.Sprintf(format, args...)}
}

// flagError turns a flag that cannot be parsed into bad usage, in words
// that say what the flag takes.
func flagError(args []string) func(*cobra.Command, error) error {
	return func(c *cobra.Command, err error) error {
		return flagUsage(c, args, err)
	}
}

// flagUsage rewords pflag's errors: a value refused by one of liveline's
// flag values says all there is to say, a flag given a value it does not
// take says which values it takes, a long flag written with one dash (as
// Go's flag package allowed) is told to take two, and a flag unknown to
// the command is named after the command, since another may know it.
func flagUsage(c *cobra.Command, args []string, err error) error {
	var invalid *pflag.InvalidValueError
	var missing *pflag.ValueRequiredError
	var unknown *pflag.NotExistError
	switch {
	case errors.As(err, &invalid):
		f, why := invalid.GetFlag(), invalid.Unwrap()
		switch {
		case strings.HasPrefix(why.Error(), "--"):
			return usageError{msg: why.Error()}
		case f.Value.Type() == "bool":
			return usagef("--%s takes no value (or =true, =false), not %q", f.Name, invalid.GetValue())
		}
		return usagef("--%s: %v", f.Name, why)
	case errors.As(err, &missing):
		return usagef("--%s needs a value", missing.GetFlag().Name)
	case errors.As(err, &unknown):
		name, short := unknown.GetSpecifiedName(), unknown.GetSpecifiedShortnames()
		flag := "--" + name
		if short != "" {
			// pflag names what is left of a group of short flags: find
			// the argument it came from.
			flag = "-" + name
			for _, a := range args {
				if a == "--" {
					break
				}
				if !strings.HasPrefix(a, "-") || strings.HasPrefix(a, "--") || !strings.HasSuffix(a, short) {
					continue
				}
				long, _, _ := strings.Cut(a[1:], "=")
				if c.Flags().Lookup(long) != nil {
					return usagef("%s: a long flag takes two dashes: --%s", a, long)
				}
				if a != flag {
					flag += " (in " + a + ")"
				}
				break
			}
		}
		return usageError{msg: "unknown flag " + flag, command: c.CommandPath()}
	}
	return usageError{msg: err.Error()}
}

// duration is a flag value for a length of time, which must have a unit
// and be above 0 (or 0 when zero is allowed).
type duration struct {
	name    string
	d       *time.Duration
	zero    bool   // 0 is allowed
	example string // a value to suggest, such as "30s"
}

func (f *duration) Type() string { return "duration" }

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

func (f *speedFlag) Type() string { return "number" }

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

func (f *text) Type() string { return "text" }

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

func (b *byteSize) Type() string { return "size" }

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

func (n *notifyMode) Type() string { return "mode" }

func (n *notifyMode) String() string { return string(*n) }

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

func (f *fetchFlags) register(fs *pflag.FlagSet) {
	f.maxSize = 20 << 20
	f.interval = 30 * time.Second
	fs.Var(&duration{name: "interval", d: &f.interval, example: "30s"}, "interval", "time between checks of the source, a `duration` such as 30s or 2m (at least 10s unless set lower on purpose)")
	fs.Var(&text{name: "user-agent", s: &f.userAgent}, "user-agent", "User-Agent header `text` to send instead of liveline's own")
	fs.Var(&f.maxSize, "max-size", "largest body to read after decompression, a `size` such as 50MiB")
	fs.StringVar(&f.record, "record", "", "append every changed snapshot fetched to this recording `file`")
}
