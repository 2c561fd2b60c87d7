// Package usage reads what a finished process used, and takes medians of
// such readings, for the measuring programs of bench/.
package usage

import (
	"os"
	"slices"
	"syscall"
	"time"
)

// Of returns the CPU time (user and system) and the peak resident memory,
// in bytes, of a process that has exited; ok is false where the system
// does not report them.
func Of(ps *os.ProcessState) (cpu time.Duration, peak int64, ok bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), ru.Maxrss * 1024, true // Linux reports kilobytes
}

// Median returns the median of xs, which must not be empty.
func Median[T int64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
