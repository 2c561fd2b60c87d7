package config

import (
	"errors"
	"slices"
)

// DemoArg is the argument that opens the bundled demo.
const DemoArg = "demo"

// Open decides which stories the reader opens: the sources named on the
// command line (a source the config file lists keeps its name and
// interval); with none, the config file's stories; with none there
// either, the bundled demo, so that liveline shows something on a machine
// where it was never set up. "demo" always opens the demo, and only it.
func (s *Settings) Open(args []string) ([]Story, error) {
	switch {
	case len(args) == 1 && args[0] == DemoArg:
		return []Story{{Demo: true}}, nil
	case len(args) > 1 && slices.Contains(args, DemoArg):
		return nil, errors.New(`"demo" opens the demo alone; name a file called demo as ./demo`)
	case len(args) > 0:
		out := make([]Story, len(args))
		for i, a := range args {
			out[i] = s.listed(a)
		}
		return out, nil
	case len(s.Stories) > 0:
		return append([]Story(nil), s.Stories...), nil
	}
	return []Story{{Demo: true}}, nil
}

// listed returns the config file's story for source, or a story of source
// alone when the file does not list it.
func (s *Settings) listed(source string) Story {
	for _, st := range s.Stories {
		if st.Source == source {
			return st
		}
	}
	return Story{Source: source}
}
