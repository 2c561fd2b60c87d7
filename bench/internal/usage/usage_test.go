package usage

import (
	"os/exec"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	if m := Median([]time.Duration{5, 1, 3}); m != 3 {
		t.Errorf("median of 5 1 3 = %v", m)
	}
	if m := Median([]int64{4, 1, 3, 2}); m != 2 {
		t.Errorf("median of 4 1 3 2 = %v", m)
	}
}

func TestOf(t *testing.T) {
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true command here")
	}
	if _, peak, ok := Of(cmd.ProcessState); !ok || peak <= 0 {
		t.Fatalf("peak %d, ok %v", peak, ok)
	}
}
