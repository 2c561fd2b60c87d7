package figures

import "fmt"

// show formats a figure compactly for table tests:
// text | value (or ? when vague; low-high for ranges) | unit | label
func show(f Figure) string {
	v := "?"
	if f.HasValue {
		v = fmt.Sprintf("%.6g", f.Value)
		if f.High != 0 {
			v += fmt.Sprintf("-%.6g", f.High)
		}
	}
	return fmt.Sprintf("%s | %s | %s | %s", f.Text, v, f.Unit, f.Label)
}
