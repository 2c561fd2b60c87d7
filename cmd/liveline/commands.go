package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// newCommand builds liveline's command line: the reader, its subcommands
// and their flags, from which help, completion and the manual are made.
// args are the arguments it will parse, for the words of flag errors.
func newCommand(args []string, env *environment) *cobra.Command {
	root := readerCommand(env)
	root.AddCommand(
		demoCommand(env),
		dumpCommand(env),
		replayCommand(env),
		recentCommand(env),
		versionCommand(env),
		completionCommand(env),
		manCommand(env),
	)
	root.SetHelpCommand(helpCommand())
	root.InitDefaultHelpCmd()
	root.SetIn(env.stdin)
	root.SetOut(env.stdout)
	root.SetErr(env.stderr)
	root.SilenceErrors, root.SilenceUsage = true, true
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetFlagErrorFunc(flagError(args))
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { writeHelp(c.OutOrStdout(), c) })
	for _, c := range allCommands(root) {
		c.Flags().BoolP("help", "h", false, "print this help and exit")
		nameValues(c)
	}
	return root
}

// allCommands is root and every command under it, in the order help
// lists them.
func allCommands(root *cobra.Command) []*cobra.Command {
	all := []*cobra.Command{root}
	for _, c := range root.Commands() {
		all = append(all, allCommands(c)...)
	}
	return all
}

// helpCommand is "liveline help [COMMAND]", which prints a command's help
// as its --help does.
func helpCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "help [flags] [COMMAND]",
		Short: "print a command's help",
		Long:  `Print the help of a command, or of liveline itself.`,
		ValidArgsFunction: func(c *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []cobra.Completion
			for _, sub := range visibleCommands(c.Root()) {
				names = append(names, cobra.CompletionWithDesc(sub.Name(), sub.Short))
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			root := c.Root()
			if len(args) > 1 {
				return usagef("help takes one COMMAND, got %d", len(args))
			}
			if len(args) == 0 {
				return root.Help()
			}
			sub, _, err := root.Find(args)
			if err != nil || sub == root {
				var names []string
				for _, s := range visibleCommands(root) {
					names = append(names, s.Name())
				}
				return usagef("there is no command %q; the commands are %s", args[0], joinOr(names))
			}
			return sub.Help()
		},
	}
}

// versionCommand is "liveline version", which says what --version says.
func versionCommand(env *environment) *cobra.Command {
	return &cobra.Command{
		Use:   "version [flags]",
		Short: "print liveline's version and the revision it was built from",
		Long: `Print liveline's version: the release, or the module version the Go command
recorded, with the revision and its date when the binary was built from a
version-controlled checkout; "(devel)" for a build that has none.`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("version takes no argument, got %d", len(args))
			}
			printVersion(env)
			return nil
		},
	}
}

// printVersion prints liveline's version, as --version does.
func printVersion(env *environment) {
	fmt.Fprintf(env.stdout, "liveline %s\n", currentVersion())
}

// joinOr joins words as "a, b or c".
func joinOr(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
