# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_openclaw_global_optspecs
    string join \n home= json q/quiet v/verbose color= h/help V/version
end

function __fish_openclaw_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_openclaw_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_openclaw_using_subcommand
    set -l cmd (__fish_openclaw_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c openclaw -n "__fish_openclaw_needs_command" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_needs_command" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_needs_command" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_needs_command" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "init" -d 'Placeholder'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "agent" -d 'The agent commands'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "bind" -d 'The bind commands'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "session" -d 'The session commands'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "memory" -d 'The memory commands'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "config" -d 'The config commands'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "doctor" -d 'Placeholder'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand init" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand init" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand init" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand init" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand init" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand init" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from todo help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from todo help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from todo help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from todo help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from todo help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from todo help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from todo help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from todo help" -f -a "todo" -d 'Not implemented yet'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from todo help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from todo" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from todo" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from todo" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from todo" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from todo" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from todo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from todo" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "todo" -d 'Not implemented yet'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from explain help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from explain help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from explain help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from explain help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from explain help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from explain help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from explain help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from explain help" -f -a "explain" -d 'Show which agent would get a message, through which binding, in which session.'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from explain help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -l channel -d 'Channel the message arrives on, e.g. telegram' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -l account -d 'Channel account (bot) that receives it' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -l peer -d 'Sender id (peer globs match it)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -l peer-name -d 'Sender display name (peer globs match it too)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -l group -d 'Group or channel id the message is posted in (omit for a direct message)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -l thread -d 'Thread id within the group' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from help" -f -a "explain" -d 'Show which agent would get a message, through which binding, in which session.'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from todo help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from todo help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from todo help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from todo help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from todo help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from todo help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from todo help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from todo help" -f -a "todo" -d 'Not implemented yet'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from todo help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from todo" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from todo" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from todo" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from todo" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from todo" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from todo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from todo" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "todo" -d 'Not implemented yet'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from todo help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from todo help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from todo help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from todo help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from todo help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from todo help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from todo help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from todo help" -f -a "todo" -d 'Not implemented yet'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from todo help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from todo" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from todo" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from todo" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from todo" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from todo" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from todo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from todo" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from help" -f -a "todo" -d 'Not implemented yet'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from todo help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from todo help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from todo help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from todo help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from todo help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from todo help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from todo help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from todo help" -f -a "todo" -d 'Not implemented yet'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from todo help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from todo" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from todo" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from todo" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from todo" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from todo" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from todo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from todo" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "todo" -d 'Not implemented yet'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand doctor" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand doctor" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand doctor" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand doctor" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand doctor" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand completions" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand completions" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand completions" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand completions" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand completions" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session memory config doctor completions help" -f -a "init" -d 'Placeholder'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session memory config doctor completions help" -f -a "agent" -d 'The agent commands'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session memory config doctor completions help" -f -a "bind" -d 'The bind commands'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session memory config doctor completions help" -f -a "session" -d 'The session commands'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session memory config doctor completions help" -f -a "memory" -d 'The memory commands'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session memory config doctor completions help" -f -a "config" -d 'The config commands'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session memory config doctor completions help" -f -a "doctor" -d 'Placeholder'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session memory config doctor completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session memory config doctor completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "todo" -d 'Not implemented yet'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from bind" -f -a "explain" -d 'Show which agent would get a message, through which binding, in which session.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "todo" -d 'Not implemented yet'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from memory" -f -a "todo" -d 'Not implemented yet'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "todo" -d 'Not implemented yet'
