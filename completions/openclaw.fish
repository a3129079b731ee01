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
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "init" -d 'Create the home with a commented gateway.json5 and the agent `main`'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "agent" -d 'Create, list, inspect and remove agents'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "bind" -d 'Route channels, accounts, peers and groups to agents'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "session" -d 'List, show, reset and prune sessions'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "send" -d 'Run one agent turn and print the reply'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "memory" -d 'Search, show and append to agents\' memory'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "skills" -d 'List the skills in an agent\'s workspace'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "cron" -d 'Schedule agent turns and session resets: add, list, remove, run and inspect jobs'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "onboard" -d 'Set up a model provider (and a Telegram bot) in one step, checked with a real request'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "config" -d 'Inspect and change gateway.json5'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "doctor" -d 'Check the home, permissions, config and session stores; --fix repairs what is safe'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "gateway" -d 'Start, stop and inspect the gateway'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "pairing" -d 'List and approve senders asking to talk to the agents'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "channel" -d 'List channel accounts and their health; list and resend dead letters'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "canvas" -d 'List and show the canvases agents presented'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "node" -d 'Pair other machines as nodes and run commands on them; run this machine as a node'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "mcp" -d 'List MCP servers and the tools agents get from them; probe, add and remove servers'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "import" -d 'Bring another runtime\'s home over (a Node OpenClaw home)'
complete -c openclaw -n "__fish_openclaw_needs_command" -f -a "__complete" -d 'Print completion candidates, one a line (used by the completion scripts)'
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
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from new ls show rm help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from new ls show rm help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from new ls show rm help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from new ls show rm help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from new ls show rm help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from new ls show rm help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from new ls show rm help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from new ls show rm help" -f -a "new" -d 'Create an agent with its own workspace, state and config entry.'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from new ls show rm help" -f -a "ls" -d 'List agents with their model, bindings and session count.'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from new ls show rm help" -f -a "show" -d 'Show one agent: paths, model, bindings, sessions and memory size.'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from new ls show rm help" -f -a "rm" -d 'Remove an agent: its config entry and its whole directory.'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and not __fish_seen_subcommand_from new ls show rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from new" -l model -d 'Model as provider/model [default: models.default]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from new" -l bind -d 'Route a channel (or one account of it) to this agent; repeatable' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from new" -l name -d 'Display name written into IDENTITY.md and SOUL.md [default: from the id]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from new" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from new" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from new" -s y -l yes -d 'Never prompt; take defaults for everything not given'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from new" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from new" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from ls" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from ls" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from ls" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from show" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from rm" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from rm" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from rm" -l purge -d 'Really delete the agent\'s workspace, memory and sessions'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from rm" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "new" -d 'Create an agent with its own workspace, state and config entry.'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List agents with their model, bindings and session count.'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one agent: paths, model, bindings, sessions and memory size.'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove an agent: its config entry and its whole directory.'
complete -c openclaw -n "__fish_openclaw_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from add ls rm explain help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from add ls rm explain help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from add ls rm explain help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from add ls rm explain help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from add ls rm explain help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from add ls rm explain help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from add ls rm explain help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from add ls rm explain help" -f -a "add" -d 'Add a binding that routes matching messages to an agent'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from add ls rm explain help" -f -a "ls" -d 'List the bindings of every agent, or of one'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from add ls rm explain help" -f -a "rm" -d 'Remove one binding of an agent'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from add ls rm explain help" -f -a "explain" -d 'Show which agent would get a message, through which binding, in which session.'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and not __fish_seen_subcommand_from add ls rm explain help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from add" -l channel -d 'Channel name, e.g. telegram, discord, whatsapp' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from add" -l account -d 'Channel account id' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from add" -l peer -d 'Glob over the sender id, display name or handle (username), e.g. \'jonas_*\'' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from add" -l group -d 'Glob over the group or channel id' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from add" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from add" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from add" -l force -d 'Add the binding even when this build has no such channel'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from ls" -l agent -d 'Only this agent\'s bindings' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from ls" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from ls" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from ls" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from rm" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from rm" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from rm" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -l channel -d 'Channel the message arrives on, e.g. telegram' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -l account -d 'Channel account (bot) that receives it' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -l peer -d 'Sender id, e.g. Telegram\'s numeric user id (peer globs match it; session keys use it)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -l peer-name -d 'Sender display name, e.g. Jonas (peer globs match it too)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from explain" -l peer-handle -l username -d 'Sender handle, e.g. a Telegram username, `@` optional (peer globs match it too)' -r
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
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a binding that routes matching messages to an agent'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List the bindings of every agent, or of one'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one binding of an agent'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from help" -f -a "explain" -d 'Show which agent would get a message, through which binding, in which session.'
complete -c openclaw -n "__fish_openclaw_using_subcommand bind; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from ls show reset prune kill help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from ls show reset prune kill help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from ls show reset prune kill help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from ls show reset prune kill help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from ls show reset prune kill help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from ls show reset prune kill help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from ls show reset prune kill help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from ls show reset prune kill help" -f -a "ls" -d 'List sessions, newest first.'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from ls show reset prune kill help" -f -a "show" -d 'Show a session\'s transcript.'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from ls show reset prune kill help" -f -a "reset" -d 'Reset sessions: archive their transcripts and start new ones.'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from ls show reset prune kill help" -f -a "prune" -d 'Delete archived transcripts older than a duration.'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from ls show reset prune kill help" -f -a "kill" -d 'Stop a running sub-agent.'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and not __fish_seen_subcommand_from ls show reset prune kill help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from ls" -l agent -d 'Only this agent\'s sessions' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from ls" -l channel -d 'Only sessions of this channel (e.g. telegram)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from ls" -l active -d 'Only sessions with an interaction within DURATION (e.g. 30m, 12h, 7d)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from ls" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from ls" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from ls" -l stale -d 'Only sessions the reset policy would reset now'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from ls" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from show" -l tail -d 'Only the last N lines' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from show" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from reset" -l agent -d 'Reset the sessions of this agent' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from reset" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from reset" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from reset" -l all -d 'Reset the sessions of every agent'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from reset" -l stale -d 'Only sessions the reset policy would reset now'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from reset" -l dry-run -d 'Show what would be reset and change nothing'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from reset" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from reset" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from reset" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from prune" -l older-than -d 'Delete archives older than DURATION (e.g. 30d, 2w, 12h)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from prune" -l agent -d 'Only this agent\'s archives' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from prune" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from prune" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from prune" -l dry-run -d 'Show what would be deleted and delete nothing'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from prune" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from prune" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from kill" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from kill" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from kill" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from kill" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from kill" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from kill" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List sessions, newest first.'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a session\'s transcript.'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Reset sessions: archive their transcripts and start new ones.'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Delete archived transcripts older than a duration.'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Stop a running sub-agent.'
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand send" -l agent -d 'The agent to talk to [default: defaultAgent, or the agent of --session]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand send" -l session -d 'The session to continue, e.g. agent:main:main' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand send" -l to -d 'Talk as this peer (the session is the peer\'s own); with --channel, the recipient' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand send" -l channel -d 'Deliver the text to --to on this channel instead of running a turn' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand send" -l account -d 'The channel account to send from (with --channel)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand send" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand send" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand send" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand send" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand send" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand send" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from grep search show append help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from grep search show append help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from grep search show append help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from grep search show append help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from grep search show append help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from grep search show append help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from grep search show append help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from grep search show append help" -f -a "grep" -d 'Search memory files with a regular expression'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from grep search show append help" -f -a "search" -d 'Rank memory by relevance to a query'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from grep search show append help" -f -a "show" -d 'Print a daily log or the long-term memory'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from grep search show append help" -f -a "append" -d 'Append a timestamped entry to today\'s daily log (or to MEMORY.md)'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and not __fish_seen_subcommand_from grep search show append help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from grep" -l agent -d 'The agent to search [default: the config\'s defaultAgent]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from grep" -s C -l context -d 'Show N lines of context around each match' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from grep" -l since -d 'Only daily logs dated on or after DATE' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from grep" -l until -d 'Only daily logs dated on or before DATE' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from grep" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from grep" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from grep" -l all-agents -d 'Search every agent in the config, in config order'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from grep" -s i -l ignore-case -d 'Match case-insensitively'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from grep" -s F -l fixed-strings -d 'Treat the pattern as a literal string, not a regex'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from grep" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from grep" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from grep" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from grep" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from grep" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from search" -l agent -d 'The agent [default: the config\'s defaultAgent]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from search" -s n -l max-results -d 'How many hits to print' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from search" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from search" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from search" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from search" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from search" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from search" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from show" -l agent -d 'The agent [default: the config\'s defaultAgent]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from show" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from append" -l agent -d 'The agent [default: the config\'s defaultAgent]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from append" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from append" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from append" -l long -d 'Append to the long-term memory, MEMORY.md'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from append" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from append" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from append" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from append" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from append" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from help" -f -a "grep" -d 'Search memory files with a regular expression'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from help" -f -a "search" -d 'Rank memory by relevance to a query'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a daily log or the long-term memory'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from help" -f -a "append" -d 'Append a timestamped entry to today\'s daily log (or to MEMORY.md)'
complete -c openclaw -n "__fish_openclaw_using_subcommand memory; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and not __fish_seen_subcommand_from ls help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and not __fish_seen_subcommand_from ls help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and not __fish_seen_subcommand_from ls help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and not __fish_seen_subcommand_from ls help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and not __fish_seen_subcommand_from ls help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and not __fish_seen_subcommand_from ls help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and not __fish_seen_subcommand_from ls help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and not __fish_seen_subcommand_from ls help" -f -a "ls" -d 'List an agent\'s skills with their descriptions.'
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and not __fish_seen_subcommand_from ls help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and __fish_seen_subcommand_from ls" -l agent -d 'The agent [default: the config\'s defaultAgent]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and __fish_seen_subcommand_from ls" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and __fish_seen_subcommand_from ls" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and __fish_seen_subcommand_from ls" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List an agent\'s skills with their descriptions.'
complete -c openclaw -n "__fish_openclaw_using_subcommand skills; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and not __fish_seen_subcommand_from add ls rm run runs help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and not __fish_seen_subcommand_from add ls rm run runs help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and not __fish_seen_subcommand_from add ls rm run runs help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and not __fish_seen_subcommand_from add ls rm run runs help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and not __fish_seen_subcommand_from add ls rm run runs help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and not __fish_seen_subcommand_from add ls rm run runs help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and not __fish_seen_subcommand_from add ls rm run runs help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and not __fish_seen_subcommand_from add ls rm run runs help" -f -a "add" -d 'Schedule a message to an agent, or a reset of its stale sessions.'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and not __fish_seen_subcommand_from add ls rm run runs help" -f -a "ls" -d 'List scheduled jobs.'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and not __fish_seen_subcommand_from add ls rm run runs help" -f -a "rm" -d 'Remove a scheduled job.'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and not __fish_seen_subcommand_from add ls rm run runs help" -f -a "run" -d 'Run a scheduled job now, in this process, and print the reply.'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and not __fish_seen_subcommand_from add ls rm run runs help" -f -a "runs" -d 'Show a job\'s run history, oldest first.'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and not __fish_seen_subcommand_from add ls rm run runs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -l name -d 'A name for the job (its id is made from it)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -l cron -d 'A cron expression, e.g. "0 8 * * mon-fri"' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -l every -d 'Run every DURATION (e.g. 30m, 6h, 1d)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -l at -d 'Run once at TIME (RFC 3339, or YYYY-MM-DD HH:MM in --tz)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -l tz -d 'IANA time zone for --cron and --at [default: session.reset.timezone]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -l agent -d 'The agent [default: defaultAgent]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -l message -d 'The message the agent gets' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -l session -d 'Which session the message goes to' -r -f -a "main\t'The agent\'s main session, `agent:<id>:main`'
isolated\t'A session of its own, `agent:<id>:cron:<jobId>`'"
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -l deliver -d 'Send the reply to CHANNEL:PEER (needs the running gateway)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -l reset-stale -d 'Reset the agent\'s stale sessions instead (the session.reset policy)'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from ls" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from ls" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from ls" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from rm" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from rm" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from rm" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from run" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from run" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from run" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from runs" -l tail -d 'Only the last N runs' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from runs" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from runs" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from runs" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from runs" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from runs" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from runs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from runs" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "add" -d 'Schedule a message to an agent, or a reset of its stale sessions.'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List scheduled jobs.'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove a scheduled job.'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a scheduled job now, in this process, and print the reply.'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "runs" -d 'Show a job\'s run history, oldest first.'
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -l provider -d 'openai, anthropic, openrouter, ollama, local, or a name of your own with --base-url' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -l model -d 'The model, as the provider names it (without "provider/")' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -l base-url -d 'The provider\'s API root [default: the provider\'s usual one]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -l api-key-env -d 'The environment variable holding the API key [default: the provider\'s usual one]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -l telegram-token-env -d 'Also set up a Telegram bot whose token is in this environment variable' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -l telegram-api-base -d 'The Telegram Bot API root, for a self-hosted Bot API server [default: https://api.telegram.org]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -s y -l yes -d 'Never prompt; take the defaults for everything not given'
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -l start -d 'Start the gateway when done (with --yes it is only suggested otherwise)'
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand onboard" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from path show validate get set unset help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from path show validate get set unset help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from path show validate get set unset help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from path show validate get set unset help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from path show validate get set unset help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from path show validate get set unset help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from path show validate get set unset help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from path show validate get set unset help" -f -a "path" -d 'Print the path of gateway.json5'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from path show validate get set unset help" -f -a "show" -d 'Print the effective configuration as JSON'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from path show validate get set unset help" -f -a "validate" -d 'Check gateway.json5 and report the first error and every warning'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from path show validate get set unset help" -f -a "get" -d 'Print one value of the effective configuration'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from path show validate get set unset help" -f -a "set" -d 'Set one value in gateway.json5, keeping comments and layout'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from path show validate get set unset help" -f -a "unset" -d 'Remove one key from gateway.json5, keeping comments and layout'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and not __fish_seen_subcommand_from path show validate get set unset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from path" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from path" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from show" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from show" -l show-secrets -d 'Print secrets instead of "***"'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from validate" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from validate" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from validate" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from validate" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from validate" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from get" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from get" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from get" -l show-secrets -d 'Print secrets instead of "***"'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from get" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from set" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from set" -l force -d 'Write a key the schema does not know'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from set" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from unset" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from unset" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from unset" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from unset" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from unset" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the path of gateway.json5'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the effective configuration as JSON'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check gateway.json5 and report the first error and every warning'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print one value of the effective configuration'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set one value in gateway.json5, keeping comments and layout'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Remove one key from gateway.json5, keeping comments and layout'
complete -c openclaw -n "__fish_openclaw_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand doctor" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand doctor" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand doctor" -l fix -d 'Repair what can be repaired safely'
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
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and not __fish_seen_subcommand_from start stop status logs install-service help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and not __fish_seen_subcommand_from start stop status logs install-service help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and not __fish_seen_subcommand_from start stop status logs install-service help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and not __fish_seen_subcommand_from start stop status logs install-service help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and not __fish_seen_subcommand_from start stop status logs install-service help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and not __fish_seen_subcommand_from start stop status logs install-service help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and not __fish_seen_subcommand_from start stop status logs install-service help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and not __fish_seen_subcommand_from start stop status logs install-service help" -f -a "start" -d 'Start the gateway: channels, the web chat and the control API.'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and not __fish_seen_subcommand_from start stop status logs install-service help" -f -a "stop" -d 'Stop the running gateway.'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and not __fish_seen_subcommand_from start stop status logs install-service help" -f -a "status" -d 'Show whether the gateway runs, and how it is doing.'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and not __fish_seen_subcommand_from start stop status logs install-service help" -f -a "logs" -d 'Print the gateway\'s log (logs/gateway.log).'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and not __fish_seen_subcommand_from start stop status logs install-service help" -f -a "install-service" -d 'Write a systemd user unit that runs the gateway.'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and not __fish_seen_subcommand_from start stop status logs install-service help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from start" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from start" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from start" -l foreground -d 'Stay attached; log to stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from start" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from start" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from stop" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from stop" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from stop" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from stop" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from stop" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from status" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from status" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from logs" -s n -l lines -d 'How many lines to show first' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from logs" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from logs" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep printing new lines'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from logs" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from logs" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from logs" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from install-service" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from install-service" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from install-service" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from install-service" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from install-service" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from install-service" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from install-service" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start the gateway: channels, the web chat and the control API.'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop the running gateway.'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show whether the gateway runs, and how it is doing.'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Print the gateway\'s log (logs/gateway.log).'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from help" -f -a "install-service" -d 'Write a systemd user unit that runs the gateway.'
complete -c openclaw -n "__fish_openclaw_using_subcommand gateway; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and not __fish_seen_subcommand_from ls approve help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and not __fish_seen_subcommand_from ls approve help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and not __fish_seen_subcommand_from ls approve help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and not __fish_seen_subcommand_from ls approve help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and not __fish_seen_subcommand_from ls approve help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and not __fish_seen_subcommand_from ls approve help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and not __fish_seen_subcommand_from ls approve help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and not __fish_seen_subcommand_from ls approve help" -f -a "ls" -d 'List pending pairing requests.'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and not __fish_seen_subcommand_from ls approve help" -f -a "approve" -d 'Let the sender of a pairing request talk to the agents.'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and not __fish_seen_subcommand_from ls approve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from ls" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from ls" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from ls" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from approve" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from approve" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from approve" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from approve" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from approve" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from approve" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List pending pairing requests.'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from help" -f -a "approve" -d 'Let the sender of a pairing request talk to the agents.'
complete -c openclaw -n "__fish_openclaw_using_subcommand pairing; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and not __fish_seen_subcommand_from ls dead-letters help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and not __fish_seen_subcommand_from ls dead-letters help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and not __fish_seen_subcommand_from ls dead-letters help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and not __fish_seen_subcommand_from ls dead-letters help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and not __fish_seen_subcommand_from ls dead-letters help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and not __fish_seen_subcommand_from ls dead-letters help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and not __fish_seen_subcommand_from ls dead-letters help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and not __fish_seen_subcommand_from ls dead-letters help" -f -a "ls" -d 'List channel accounts: kind, health, last error and restarts.'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and not __fish_seen_subcommand_from ls dead-letters help" -f -a "dead-letters" -d 'List, resend or drop outbound messages that could not be delivered.'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and not __fish_seen_subcommand_from ls dead-letters help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from ls" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from ls" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from ls" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from dead-letters" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from dead-letters" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from dead-letters" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from dead-letters" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from dead-letters" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from dead-letters" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from dead-letters" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from dead-letters" -f -a "ls" -d 'List the open dead letters (the default)'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from dead-letters" -f -a "resend" -d 'Send dead letters again'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from dead-letters" -f -a "drop" -d 'Close dead letters without sending them'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from dead-letters" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List channel accounts: kind, health, last error and restarts.'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from help" -f -a "dead-letters" -d 'List, resend or drop outbound messages that could not be delivered.'
complete -c openclaw -n "__fish_openclaw_using_subcommand channel; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and not __fish_seen_subcommand_from ls show help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and not __fish_seen_subcommand_from ls show help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and not __fish_seen_subcommand_from ls show help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and not __fish_seen_subcommand_from ls show help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and not __fish_seen_subcommand_from ls show help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and not __fish_seen_subcommand_from ls show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and not __fish_seen_subcommand_from ls show help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and not __fish_seen_subcommand_from ls show help" -f -a "ls" -d 'List the canvases agents presented, newest change first.'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and not __fish_seen_subcommand_from ls show help" -f -a "show" -d 'Show one canvas: what it is, and its content as the agent wrote it.'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and not __fish_seen_subcommand_from ls show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from ls" -l agent -d 'Only this agent\'s canvases [default: every agent\'s]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from ls" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from ls" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from ls" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from show" -l agent -d 'Look only at this agent\'s canvases [default: every agent\'s]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from show" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from show" -l text -d 'Print the plain-text rendering instead of the content'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List the canvases agents presented, newest change first.'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one canvas: what it is, and its content as the agent wrote it.'
complete -c openclaw -n "__fish_openclaw_using_subcommand canvas; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and not __fish_seen_subcommand_from run ls approve rm invoke install-service help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and not __fish_seen_subcommand_from run ls approve rm invoke install-service help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and not __fish_seen_subcommand_from run ls approve rm invoke install-service help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and not __fish_seen_subcommand_from run ls approve rm invoke install-service help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and not __fish_seen_subcommand_from run ls approve rm invoke install-service help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and not __fish_seen_subcommand_from run ls approve rm invoke install-service help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and not __fish_seen_subcommand_from run ls approve rm invoke install-service help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and not __fish_seen_subcommand_from run ls approve rm invoke install-service help" -f -a "run" -d 'Run this machine as a node of a gateway.'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and not __fish_seen_subcommand_from run ls approve rm invoke install-service help" -f -a "ls" -d 'List paired nodes and pending pairing requests.'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and not __fish_seen_subcommand_from run ls approve rm invoke install-service help" -f -a "approve" -d 'Pair the node that asked with this code.'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and not __fish_seen_subcommand_from run ls approve rm invoke install-service help" -f -a "rm" -d 'Revoke a paired node, or reject a pending request.'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and not __fish_seen_subcommand_from run ls approve rm invoke install-service help" -f -a "invoke" -d 'Run one command on a connected node, through the gateway.'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and not __fish_seen_subcommand_from run ls approve rm invoke install-service help" -f -a "install-service" -d 'Write a systemd user unit that runs this machine as a node.'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and not __fish_seen_subcommand_from run ls approve rm invoke install-service help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from run" -l gateway -d 'The gateway, ws://HOST:PORT or wss://HOST[/PATH] (default: node.gateway)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from run" -l name -d 'The name to be paired as (default: node.name, else the host name)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from run" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from run" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from run" -l foreground -d 'Stay attached; log to stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from run" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from ls" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from ls" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from ls" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from approve" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from approve" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from approve" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from approve" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from approve" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from approve" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from rm" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from rm" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from rm" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from invoke" -l timeout -d 'Seconds to wait for the answer' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from invoke" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from invoke" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from invoke" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from invoke" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from invoke" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from invoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from invoke" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from install-service" -l gateway -d 'The gateway, ws://HOST:PORT or wss://HOST[/PATH] (default: node.gateway)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from install-service" -l name -d 'The name to be paired as (default: node.name, else the host name)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from install-service" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from install-service" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from install-service" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from install-service" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from install-service" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from install-service" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from install-service" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run this machine as a node of a gateway.'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List paired nodes and pending pairing requests.'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "approve" -d 'Pair the node that asked with this code.'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Revoke a paired node, or reject a pending request.'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "invoke" -d 'Run one command on a connected node, through the gateway.'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "install-service" -d 'Write a systemd user unit that runs this machine as a node.'
complete -c openclaw -n "__fish_openclaw_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and not __fish_seen_subcommand_from ls tools probe add rm help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and not __fish_seen_subcommand_from ls tools probe add rm help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and not __fish_seen_subcommand_from ls tools probe add rm help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and not __fish_seen_subcommand_from ls tools probe add rm help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and not __fish_seen_subcommand_from ls tools probe add rm help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and not __fish_seen_subcommand_from ls tools probe add rm help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and not __fish_seen_subcommand_from ls tools probe add rm help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and not __fish_seen_subcommand_from ls tools probe add rm help" -f -a "ls" -d 'List MCP servers: transport, state, tool count, restarts and last error.'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and not __fish_seen_subcommand_from ls tools probe add rm help" -f -a "tools" -d 'List the MCP tools an agent is offered: the names and descriptions the model sees.'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and not __fish_seen_subcommand_from ls tools probe add rm help" -f -a "probe" -d 'Connect to one MCP server now and report the handshake, or exactly why it failed.'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and not __fish_seen_subcommand_from ls tools probe add rm help" -f -a "add" -d 'Add an MCP server to gateway.json5, after checking that it answers.'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and not __fish_seen_subcommand_from ls tools probe add rm help" -f -a "rm" -d 'Remove an MCP server from gateway.json5.'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and not __fish_seen_subcommand_from ls tools probe add rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from ls" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from ls" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from ls" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from tools" -l agent -d 'The agent whose view to show [default: defaultAgent]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from tools" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from tools" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from tools" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from tools" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from tools" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from tools" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from tools" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from probe" -l agent -d 'Run it in this agent\'s workspace [default: defaultAgent]' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from probe" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from probe" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from probe" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from probe" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from probe" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from probe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from probe" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from add" -l url -d 'The URL of a remote server (http or https)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from add" -l transport -d 'How to talk to --url: streamable-http (default) or sse' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from add" -l header -d 'An HTTP header for --url, NAME=VALUE (repeatable; ${VAR} is kept for the gateway to fill)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from add" -l env -d 'An environment variable for the stdio server, NAME=VALUE (repeatable)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from add" -l cwd -d 'The stdio server\'s working directory, relative to the agent\'s workspace' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from add" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from add" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from add" -l no-probe -d 'Save without checking that the server answers'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from rm" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from rm" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from rm" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List MCP servers: transport, state, tool count, restarts and last error.'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from help" -f -a "tools" -d 'List the MCP tools an agent is offered: the names and descriptions the model sees.'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from help" -f -a "probe" -d 'Connect to one MCP server now and report the handshake, or exactly why it failed.'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an MCP server to gateway.json5, after checking that it answers.'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove an MCP server from gateway.json5.'
complete -c openclaw -n "__fish_openclaw_using_subcommand mcp; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and not __fish_seen_subcommand_from openclaw help" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and not __fish_seen_subcommand_from openclaw help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and not __fish_seen_subcommand_from openclaw help" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and not __fish_seen_subcommand_from openclaw help" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and not __fish_seen_subcommand_from openclaw help" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and not __fish_seen_subcommand_from openclaw help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and not __fish_seen_subcommand_from openclaw help" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and not __fish_seen_subcommand_from openclaw help" -f -a "openclaw" -d 'Bring a Node OpenClaw home over: config, sessions, workspaces, approvals, cron jobs.'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and not __fish_seen_subcommand_from openclaw help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and __fish_seen_subcommand_from openclaw" -l from -d 'The OpenClaw state directory [default: $OPENCLAW_STATE_DIR or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and __fish_seen_subcommand_from openclaw" -l agent -d 'Only this agent (repeatable)' -r
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and __fish_seen_subcommand_from openclaw" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and __fish_seen_subcommand_from openclaw" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and __fish_seen_subcommand_from openclaw" -l dry-run -d 'Print the full plan and change nothing'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and __fish_seen_subcommand_from openclaw" -l merge -d 'Import into an agent or session that exists already: what is here is kept, the rest added'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and __fish_seen_subcommand_from openclaw" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and __fish_seen_subcommand_from openclaw" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and __fish_seen_subcommand_from openclaw" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and __fish_seen_subcommand_from openclaw" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and __fish_seen_subcommand_from openclaw" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "openclaw" -d 'Bring a Node OpenClaw home over: config, sessions, workspaces, approvals, cron jobs.'
complete -c openclaw -n "__fish_openclaw_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand __complete" -l home -d 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]' -r -F
complete -c openclaw -n "__fish_openclaw_using_subcommand __complete" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c openclaw -n "__fish_openclaw_using_subcommand __complete" -l json -d 'Print one JSON document on stdout (JSON Lines for streams)'
complete -c openclaw -n "__fish_openclaw_using_subcommand __complete" -s q -l quiet -d 'Print only data and errors'
complete -c openclaw -n "__fish_openclaw_using_subcommand __complete" -s v -l verbose -d 'Print more detail on stderr'
complete -c openclaw -n "__fish_openclaw_using_subcommand __complete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c openclaw -n "__fish_openclaw_using_subcommand __complete" -s V -l version -d 'Print version'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "init" -d 'Create the home with a commented gateway.json5 and the agent `main`'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "agent" -d 'Create, list, inspect and remove agents'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "bind" -d 'Route channels, accounts, peers and groups to agents'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "session" -d 'List, show, reset and prune sessions'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "send" -d 'Run one agent turn and print the reply'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "memory" -d 'Search, show and append to agents\' memory'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "skills" -d 'List the skills in an agent\'s workspace'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "cron" -d 'Schedule agent turns and session resets: add, list, remove, run and inspect jobs'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "onboard" -d 'Set up a model provider (and a Telegram bot) in one step, checked with a real request'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "config" -d 'Inspect and change gateway.json5'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "doctor" -d 'Check the home, permissions, config and session stores; --fix repairs what is safe'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "completions" -d 'Print a shell completion script'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "gateway" -d 'Start, stop and inspect the gateway'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "pairing" -d 'List and approve senders asking to talk to the agents'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "channel" -d 'List channel accounts and their health; list and resend dead letters'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "canvas" -d 'List and show the canvases agents presented'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "node" -d 'Pair other machines as nodes and run commands on them; run this machine as a node'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "mcp" -d 'List MCP servers and the tools agents get from them; probe, add and remove servers'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "import" -d 'Bring another runtime\'s home over (a Node OpenClaw home)'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "__complete" -d 'Print completion candidates, one a line (used by the completion scripts)'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and not __fish_seen_subcommand_from init agent bind session send memory skills cron onboard config doctor completions gateway pairing channel canvas node mcp import __complete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "new" -d 'Create an agent with its own workspace, state and config entry.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "ls" -d 'List agents with their model, bindings and session count.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "show" -d 'Show one agent: paths, model, bindings, sessions and memory size.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "rm" -d 'Remove an agent: its config entry and its whole directory.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from bind" -f -a "add" -d 'Add a binding that routes matching messages to an agent'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from bind" -f -a "ls" -d 'List the bindings of every agent, or of one'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from bind" -f -a "rm" -d 'Remove one binding of an agent'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from bind" -f -a "explain" -d 'Show which agent would get a message, through which binding, in which session.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "ls" -d 'List sessions, newest first.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "show" -d 'Show a session\'s transcript.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "reset" -d 'Reset sessions: archive their transcripts and start new ones.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "prune" -d 'Delete archived transcripts older than a duration.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "kill" -d 'Stop a running sub-agent.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from memory" -f -a "grep" -d 'Search memory files with a regular expression'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from memory" -f -a "search" -d 'Rank memory by relevance to a query'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from memory" -f -a "show" -d 'Print a daily log or the long-term memory'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from memory" -f -a "append" -d 'Append a timestamped entry to today\'s daily log (or to MEMORY.md)'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from skills" -f -a "ls" -d 'List an agent\'s skills with their descriptions.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from cron" -f -a "add" -d 'Schedule a message to an agent, or a reset of its stale sessions.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from cron" -f -a "ls" -d 'List scheduled jobs.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from cron" -f -a "rm" -d 'Remove a scheduled job.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from cron" -f -a "run" -d 'Run a scheduled job now, in this process, and print the reply.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from cron" -f -a "runs" -d 'Show a job\'s run history, oldest first.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the path of gateway.json5'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the effective configuration as JSON'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "validate" -d 'Check gateway.json5 and report the first error and every warning'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Print one value of the effective configuration'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set one value in gateway.json5, keeping comments and layout'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "unset" -d 'Remove one key from gateway.json5, keeping comments and layout'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from gateway" -f -a "start" -d 'Start the gateway: channels, the web chat and the control API.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from gateway" -f -a "stop" -d 'Stop the running gateway.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from gateway" -f -a "status" -d 'Show whether the gateway runs, and how it is doing.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from gateway" -f -a "logs" -d 'Print the gateway\'s log (logs/gateway.log).'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from gateway" -f -a "install-service" -d 'Write a systemd user unit that runs the gateway.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from pairing" -f -a "ls" -d 'List pending pairing requests.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from pairing" -f -a "approve" -d 'Let the sender of a pairing request talk to the agents.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from channel" -f -a "ls" -d 'List channel accounts: kind, health, last error and restarts.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from channel" -f -a "dead-letters" -d 'List, resend or drop outbound messages that could not be delivered.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from canvas" -f -a "ls" -d 'List the canvases agents presented, newest change first.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from canvas" -f -a "show" -d 'Show one canvas: what it is, and its content as the agent wrote it.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "run" -d 'Run this machine as a node of a gateway.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "ls" -d 'List paired nodes and pending pairing requests.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "approve" -d 'Pair the node that asked with this code.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "rm" -d 'Revoke a paired node, or reject a pending request.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "invoke" -d 'Run one command on a connected node, through the gateway.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "install-service" -d 'Write a systemd user unit that runs this machine as a node.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from mcp" -f -a "ls" -d 'List MCP servers: transport, state, tool count, restarts and last error.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from mcp" -f -a "tools" -d 'List the MCP tools an agent is offered: the names and descriptions the model sees.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from mcp" -f -a "probe" -d 'Connect to one MCP server now and report the handshake, or exactly why it failed.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from mcp" -f -a "add" -d 'Add an MCP server to gateway.json5, after checking that it answers.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from mcp" -f -a "rm" -d 'Remove an MCP server from gateway.json5.'
complete -c openclaw -n "__fish_openclaw_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "openclaw" -d 'Bring a Node OpenClaw home over: config, sessions, workspaces, approvals, cron jobs.'

# Values from the home: agent ids, session keys, channel names, cron job ids.
complete -c openclaw -l agent -x -a "(openclaw __complete agents 2>/dev/null)"
complete -c openclaw -l session -x -a "(openclaw __complete sessions 2>/dev/null)"
complete -c openclaw -l channel -x -a "(openclaw __complete channels 2>/dev/null)"
complete -c openclaw -n "__fish_openclaw_using_subcommand cron; and __fish_seen_subcommand_from rm run runs" -f -a "(openclaw __complete cron 2>/dev/null)"
complete -c openclaw -n "__fish_openclaw_using_subcommand session; and __fish_seen_subcommand_from show kill" -f -a "(openclaw __complete sessions 2>/dev/null)"
