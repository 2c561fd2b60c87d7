package figures

import (
	"syscall"
	"time"
	"unsafe"
)

// clockThreadCPUTime is CLOCK_THREAD_CPUTIME_ID, the calling thread's CPU
// clock.
const clockThreadCPUTime = 3

// threadTime returns the CPU time the calling thread has used: unlike the
// wall clock, it does not count the turns other programs on a busy machine
// take. The caller locks its goroutine to the thread.
func threadTime() time.Duration {
	var ts syscall.Timespec
	if _, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ts.Nano())
}
