# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# bash completion for galley(1): commands, the options of each command (read
# from `galley help COMMAND`, so it never falls behind the option table),
# and files: *.md and folders for inputs, *.yaml for build, *.txt for
# import, and the right kind of file for options that take one.
# Installed as $(PREFIX)/share/bash-completion/completions/galley.

_galley()
{
	local cur prev cmd words cword
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi

	local commands="pdf epub build import dump help"
	if [ "$cword" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
		return
	fi
	cmd=${words[1]}

	case $prev in
	-o|--output|--pdf|--epub|--css)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--cover)
		COMPREPLY=($(compgen -f -X '!*.@(png|jpg|jpeg|PNG|JPG|JPEG)' -- "$cur") \
		           $(compgen -d -- "$cur")); return ;;
	--fonts|--resource-path)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--paper)
		COMPREPLY=($(compgen -W "a4 a5 b5 letter 6x9in" -- "$cur")); return ;;
	--sort)
		COMPREPLY=($(compgen -W "date title input" -- "$cur")); return ;;
	--columns)
		COMPREPLY=($(compgen -W "1 2" -- "$cur")); return ;;
	--toc-depth)
		COMPREPLY=($(compgen -W "1 2 3 4 5 6" -- "$cur")); return ;;
	--title|--subtitle|--editor|--issue|--date|--since|--until|--tag|--lang|\
	--margin|--font-size|--leading|-j|--jobs|--fetch-timeout)
		return ;;
	esac

	if [ "$cmd" = help ]; then
		[ "$cword" -eq 2 ] && COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		return
	fi
	if [[ $cur == -* ]]; then
		local opts
		opts=$(galley help "$cmd" 2>/dev/null | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	case $cmd in
	build)  COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur")) ;;
	import) COMPREPLY=($(compgen -f -X '!*.txt' -- "$cur") $(compgen -d -- "$cur")) ;;
	*)      COMPREPLY=($(compgen -f -X '!*.@(md|markdown)' -- "$cur") $(compgen -d -- "$cur")) ;;
	esac
}
shopt -s extglob 2>/dev/null
complete -o filenames -F _galley galley
