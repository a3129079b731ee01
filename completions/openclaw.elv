
use builtin;
use str;

set edit:completion:arg-completer[openclaw] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'openclaw'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'openclaw'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Placeholder'
            cand agent 'The agent commands'
            cand bind 'The bind commands'
            cand session 'The session commands'
            cand memory 'The memory commands'
            cand config 'The config commands'
            cand doctor 'Placeholder'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;init'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;agent'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand todo 'Not implemented yet'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;agent;todo'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;agent;help'= {
            cand todo 'Not implemented yet'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;agent;help;todo'= {
        }
        &'openclaw;agent;help;help'= {
        }
        &'openclaw;bind'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand explain 'Show which agent would get a message, through which binding, in which session.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;bind;explain'= {
            cand --channel 'Channel the message arrives on, e.g. telegram'
            cand --account 'Channel account (bot) that receives it'
            cand --peer 'Sender id (peer globs match it)'
            cand --peer-name 'Sender display name (peer globs match it too)'
            cand --group 'Group or channel id the message is posted in (omit for a direct message)'
            cand --thread 'Thread id within the group'
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;bind;help'= {
            cand explain 'Show which agent would get a message, through which binding, in which session.'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;bind;help;explain'= {
        }
        &'openclaw;bind;help;help'= {
        }
        &'openclaw;session'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand todo 'Not implemented yet'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;session;todo'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;session;help'= {
            cand todo 'Not implemented yet'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;session;help;todo'= {
        }
        &'openclaw;session;help;help'= {
        }
        &'openclaw;memory'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand todo 'Not implemented yet'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;memory;todo'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;memory;help'= {
            cand todo 'Not implemented yet'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;memory;help;todo'= {
        }
        &'openclaw;memory;help;help'= {
        }
        &'openclaw;config'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand todo 'Not implemented yet'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;config;todo'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;config;help'= {
            cand todo 'Not implemented yet'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;config;help;todo'= {
        }
        &'openclaw;config;help;help'= {
        }
        &'openclaw;doctor'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;completions'= {
            cand --home 'The openclaw home directory [default: $OPENCLAW_HOME or ~/.openclaw]'
            cand --color 'When to use colour'
            cand --json 'Print one JSON document on stdout (JSON Lines for streams)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'openclaw;help'= {
            cand init 'Placeholder'
            cand agent 'The agent commands'
            cand bind 'The bind commands'
            cand session 'The session commands'
            cand memory 'The memory commands'
            cand config 'The config commands'
            cand doctor 'Placeholder'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'openclaw;help;init'= {
        }
        &'openclaw;help;agent'= {
            cand todo 'Not implemented yet'
        }
        &'openclaw;help;agent;todo'= {
        }
        &'openclaw;help;bind'= {
            cand explain 'Show which agent would get a message, through which binding, in which session.'
        }
        &'openclaw;help;bind;explain'= {
        }
        &'openclaw;help;session'= {
            cand todo 'Not implemented yet'
        }
        &'openclaw;help;session;todo'= {
        }
        &'openclaw;help;memory'= {
            cand todo 'Not implemented yet'
        }
        &'openclaw;help;memory;todo'= {
        }
        &'openclaw;help;config'= {
            cand todo 'Not implemented yet'
        }
        &'openclaw;help;config;todo'= {
        }
        &'openclaw;help;doctor'= {
        }
        &'openclaw;help;completions'= {
        }
        &'openclaw;help;help'= {
        }
    ]
    $completions[$command]
}
