package clock

import (
	"testing"
	"time"
)

func TestFakeWakesOnlyDueWaiters(t *testing.T) {
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	f := NewFake(start)
	soon, later := f.After(time.Second), f.After(time.Minute)
	f.BlockUntil(2)
	f.Advance(2 * time.Second)
	select {
	case got := <-soon:
		if !got.Equal(start.Add(2 * time.Second)) {
			t.Fatalf("woke at %v", got)
		}
	default:
		t.Fatal("due waiter not woken")
	}
	select {
	case <-later:
		t.Fatal("waiter woken early")
	default:
	}
	if f.Waiters() != 1 {
		t.Fatalf("waiters = %d, want 1", f.Waiters())
	}
	if got := <-f.After(0); !got.Equal(f.Now()) {
		t.Fatal("After(0) must fire at once")
	}
}
