# bash completion for closeout(1): commands, options, their values, template
# names and report files.  Installed as share/bash-completion/completions/closeout;
# or source it from ~/.bashrc.
#
# The commands and each one's options are read from `closeout --help` and
# `closeout COMMAND --help`, so a command added to main.c's table completes
# with no change here; what an option's value is, is said below.

# Prints the words of `closeout ARGS --help`: the commands with "commands",
# else the options.
_closeout_help_words()
{
	local prog=$1 what=$2
	shift 2
	"$prog" "$@" --help 2> /dev/null | while IFS= read -r line; do
		case $what in
		commands)
			# "Commands:" to the next blank line: "  render     write …".
			case $line in
			Commands:) what=in-commands ;;
			esac
			;;
		in-commands)
			[ -z "$line" ] && break
			line=${line#"${line%%[![:space:]]*}"}
			printf '%s\n' "${line%%[[:space:]]*}"
			;;
		options)
			# "  -o, --output=FILE   write …" gives -o and --output.
			case $line in
			"  -"*)
				line=${line#  }
				line=${line%%  *}
				line=${line%%=*}
				case $line in
				*", "*) printf '%s\n%s\n' "${line%%, *}" "${line#*, }" ;;
				*) printf '%s\n' "$line" ;;
				esac
				;;
			esac
			;;
		esac
	done
}

# The directory of closeout's templates/, found as closeout finds it:
# CLOSEOUT_DATADIR, ../share/closeout from the binary, the source tree the
# binary was built in (build/..), or beside this file when installed.
_closeout_datadir()
{
	local prog=$1 bin dir
	bin=$(type -P -- "$prog" 2> /dev/null)
	for dir in "${CLOSEOUT_DATADIR:-}" \
	    ${bin:+"${bin%/*}/../share/closeout"} ${bin:+"${bin%/*}/.."} \
	    "${BASH_SOURCE[0]%/*}/../../closeout"; do
		if [ -n "$dir" ] && [ -f "$dir/templates/default.yaml" ]; then
			printf '%s\n' "$dir"
			return 0
		fi
	done
	return 1
}

_closeout_templates()
{
	local dir f
	dir=$(_closeout_datadir "$1") || return
	for f in "$dir"/templates/*.yaml; do
		[ -f "$f" ] || continue
		f=${f##*/}
		printf '%s\n' "${f%.yaml}"
	done
}

# Directories and the files whose names end in one of the extensions given.
_closeout_files()
{
	local cur=$1 f ext
	shift
	compgen -d -- "$cur"
	compgen -f -- "$cur" | while IFS= read -r f; do
		[ -d "$f" ] && continue
		for ext in "$@"; do
			case $f in
			*."$ext") printf '%s\n' "$f"; break ;;
			esac
		done
	done
}

# Sets COMPREPLY to the values of option $2 that start with $3; false
# if $2 takes none (or is no option).
_closeout_value()
{
	local prog=$1 opt=$2 cur=$3
	local IFS=$'\n'
	case $opt in
	--template)
		mapfile -t COMPREPLY < <(compgen -W "$(_closeout_templates "$prog")" -- "$cur") ;;
	-t | --dump)
		mapfile -t COMPREPLY < <(compgen -W $'tree\nlayout\nxml' -- "$cur") ;;
	--pdf-standard)
		mapfile -t COMPREPLY < <(compgen -W $'a-1b\na-2b\na-3b\nnone' -- "$cur") ;;
	--diagnostics)
		mapfile -t COMPREPLY < <(compgen -W $'text\njson' -- "$cur") ;;
	--lang)
		mapfile -t COMPREPLY < <(compgen -W $'fi\nsv\nen' -- "$cur") ;;
	-o | --output)
		mapfile -t COMPREPLY < <(_closeout_files "$cur" pdf)
		compopt -o filenames 2> /dev/null ;;
	--xml)
		mapfile -t COMPREPLY < <(_closeout_files "$cur" xml)
		compopt -o filenames 2> /dev/null ;;
	--summary)
		mapfile -t COMPREPLY < <(_closeout_files "$cur" csv)
		compopt -o filenames 2> /dev/null ;;
	--out)
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		compopt -o filenames 2> /dev/null ;;
	-j | --jobs)
		COMPREPLY=() ;;
	*)
		return 1 ;;
	esac
	return 0
}

_closeout()
{
	local cur prev prog cmd i word opt pre
	local IFS=$'\n'
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=''
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	prog=${COMP_WORDS[0]}
	COMPREPLY=()

	# "--template=com": bash splits at '=' unless COMP_WORDBREAKS lacks it.
	opt='' pre=''
	if [ "$cur" = "=" ]; then
		opt=$prev
		cur=
	elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		pre=$opt=
		cur=${cur#*=}
	elif [[ $prev == -* ]]; then
		opt=$prev
	fi

	# The command: the first word that names one (options may come before it).
	local commands
	commands=$(_closeout_help_words "$prog" commands)
	[ -z "$commands" ] && commands=$'check\nrender'
	cmd=''
	for ((i = 1; i < COMP_CWORD; i++)); do
		word=${COMP_WORDS[i]}
		if [ "$word" = help ] || [[ $'\n'"$commands"$'\n' == *$'\n'"$word"$'\n'* ]]; then
			cmd=$word
			break
		fi
	done

	# The value of the option before the cursor.
	if _closeout_value "$prog" "$opt" "$cur"; then
		[ -n "$pre" ] && COMPREPLY=("${COMPREPLY[@]/#/$pre}")
		return 0
	fi

	if [[ $cur == -* ]]; then
		if [ -z "$cmd" ] || [ "$cmd" = help ]; then
			mapfile -t COMPREPLY < <(compgen -W $'-h\n--help\n-V\n--version' -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$(_closeout_help_words "$prog" options "$cmd")" -- "$cur")
		fi
		return 0
	fi
	case $cmd in
	"")
		mapfile -t COMPREPLY < <(compgen -W "$commands"$'\nhelp' -- "$cur") ;;
	help)
		mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur") ;;
	new)
		mapfile -t COMPREPLY < <(_closeout_files "$cur" yaml)
		compopt -o filenames 2> /dev/null ;;
	*)
		# REPORT: a YAML report or closeout's XML (batch also takes folders).
		mapfile -t COMPREPLY < <(_closeout_files "$cur" yaml yml xml)
		compopt -o filenames 2> /dev/null ;;
	esac
	return 0
}

complete -F _closeout closeout
