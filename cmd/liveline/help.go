package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpWidth is the width help is wrapped to.
const helpWidth = 80

// Annotations of liveline's flags.
const (
	// choicesAnnotation marks a flag whose values are a fixed set: help
	// shows them and completion offers them.
	choicesAnnotation = "liveline_choices"
	// valueAnnotation names the value a flag takes, as help writes it.
	valueAnnotation = "liveline_value"
)

// nameValues moves the names of flags' values out of their usage into an
// annotation: a usage quotes the name of its flag's value (a `duration`
// such as 30s), which help shows as the value (--interval DURATION) and
// completion, which shows the usage as it is, should not show.
func nameValues(c *cobra.Command) {
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !strings.Contains(f.Usage, "`") {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		f.Usage = usage
		if f.Annotations == nil {
			f.Annotations = map[string][]string{}
		}
		f.Annotations[valueAnnotation] = []string{strings.ToUpper(name)}
	})
}

// choose makes the named flag's values a fixed set.
func choose(c *cobra.Command, name string, values ...string) {
	if err := c.Flags().SetAnnotation(name, choicesAnnotation, values); err != nil {
		panic(err) // a flag not defined: a mistake in the command's definition
	}
	if err := c.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)); err != nil {
		panic(err)
	}
}

// writeHelp prints a command's help: what it does, how to call it, its
// commands and its flags.
func writeHelp(w io.Writer, c *cobra.Command) {
	fmt.Fprintf(w, "%s\n\nUsage:\n", strings.TrimSpace(c.Long))
	for _, line := range usageLines(c) {
		fmt.Fprintf(w, "  %s\n", line)
	}
	if cmds := visibleCommands(c); len(cmds) > 0 {
		fmt.Fprint(w, "\nCommands:\n")
		width := 0
		for _, sub := range cmds {
			width = max(width, len(sub.Name()))
		}
		for _, sub := range cmds {
			writeColumns(w, sub.Name(), sub.Short, width+4)
		}
	}
	if flags := visibleFlags(c); len(flags) > 0 {
		fmt.Fprint(w, "\nFlags:\n")
		width := 0
		for _, f := range flags {
			width = max(width, len(flagSynopsis(f)))
		}
		for _, f := range flags {
			writeColumns(w, flagSynopsis(f), flagDescription(f), min(width+4, 30))
		}
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\nRun \"%s help COMMAND\" for a command's help, \"%s man\" for the manual.\n", c.Name(), c.Name())
	}
}

// usageLines are the ways to call c.
func usageLines(c *cobra.Command) []string {
	lines := []string{c.UseLine()}
	if c.HasAvailableSubCommands() {
		lines = append(lines, c.CommandPath()+" COMMAND [flags] [ARGUMENT...]")
	}
	return lines
}

// visibleCommands are c's subcommands that help lists.
func visibleCommands(c *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() || sub.Name() == "help" {
			out = append(out, sub)
		}
	}
	return out
}

// visibleFlags are c's flags that help lists, in the order of their names.
func visibleFlags(c *cobra.Command) []*pflag.Flag {
	var out []*pflag.Flag
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			out = append(out, f)
		}
	})
	return out
}

// flagSynopsis is how a flag is written: "-h, --help", "    --interval
// DURATION", "    --format text|json", "    --notify[=all|key|off]"; a
// flag without a short form is indented to line up with those with one.
func flagSynopsis(f *pflag.Flag) string {
	s := "    --" + f.Name
	if f.Shorthand != "" {
		s = "-" + f.Shorthand + ", --" + f.Name
	}
	value := flagValueName(f)
	switch {
	case value == "":
	case f.NoOptDefVal != "":
		s += "[=" + value + "]"
	default:
		s += " " + value
	}
	return s
}

// flagValueName names the value a flag takes: its choices, or the word
// its usage quoted (see nameValues), or else its type, in capitals; "" for
// a flag that takes none.
func flagValueName(f *pflag.Flag) string {
	if choices := f.Annotations[choicesAnnotation]; len(choices) > 0 {
		return strings.Join(choices, "|")
	}
	if name := f.Annotations[valueAnnotation]; len(name) > 0 {
		return name[0]
	}
	if f.Value.Type() == "bool" {
		return ""
	}
	return strings.ToUpper(f.Value.Type())
}

// flagDescription says what a flag does, and its default when it has one.
func flagDescription(f *pflag.Flag) string {
	switch f.DefValue {
	case "", "false", "0":
		return f.Usage
	}
	return fmt.Sprintf("%s (default %s)", f.Usage, f.DefValue)
}

// writeColumns prints a term and its description, the description
// wrapped in a column of its own starting at col; a term too wide for
// its column puts the description on the next line.
func writeColumns(w io.Writer, term, desc string, col int) {
	lines := wrapWords(desc, helpWidth-col)
	if len(term) > col-4 {
		fmt.Fprintf(w, "  %s\n", term)
	} else {
		fmt.Fprintf(w, "  %-*s%s\n", col-2, term, lines[0])
		lines = lines[1:]
	}
	for _, l := range lines {
		fmt.Fprintf(w, "%*s%s\n", col, "", l)
	}
}

// wrapWords breaks text into lines of at most width columns at spaces
// only, so a flag named in it ("--follow") is never split at a hyphen; a
// word wider than width has a line of its own.
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}
