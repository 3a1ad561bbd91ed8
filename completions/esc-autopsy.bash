# bash completion for esc-autopsy                              -*- shell-script -*-
# Subcommands, options and format names; cause codes come from the active
# taxonomy (`esc-autopsy taxonomy show --format codes`).

_esc_autopsy_codes() {
  local taxonomy=()
  local i
  for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
    [[ ${COMP_WORDS[i]} == --taxonomy ]] && taxonomy=(--taxonomy "${COMP_WORDS[i + 1]}")
  done
  "${COMP_WORDS[0]}" "${taxonomy[@]}" taxonomy show --format codes 2>/dev/null
}

_esc_autopsy() {
  local cur prev words cword
  _init_completion || return

  local commands="validate report graph taxonomy new review import schema help"
  local global="--taxonomy --config --color --max-file-size -j --jobs -q --quiet --version -h --help"
  local command="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --taxonomy | --config | --color | --max-file-size | -j | --jobs) ((i++)) ;;
      -*) ;;
      *) command=${words[i]}; break ;;
    esac
  done

  case $prev in
    --taxonomy | --config | --template | --answers | --map)
      _filedir '@(yaml|yml|mustache)'; return ;;
    --accounts)
      _filedir '@(csv|CSV|tsv|txt)'; return ;;
    --preset | --print-map)
      COMPREPLY=($(compgen -W "salesforce-cases zendesk-tickets jira-issues gainsight-ctas" -- "$cur")); return ;;
    --delimiter)
      COMPREPLY=($(compgen -W ", ; tab |" -- "$cur")); return ;;
    --baseline)
      _filedir json; return ;;
    -o | --output)
      _filedir; return ;;
    --color)
      COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --fail-on)
      COMPREPLY=($(compgen -W "error warning never" -- "$cur")); return ;;
    --table)
      COMPREPLY=($(compgen -W "causes links chains pairs accounts departments fixes watchlist actions cases" -- "$cur")); return ;;
    -f | --format)
      case $command in
        validate | import) COMPREPLY=($(compgen -W "text json github junit sarif" -- "$cur")) ;;
        report) COMPREPLY=($(compgen -W "text json markdown html csv" -- "$cur")) ;;
        graph) COMPREPLY=($(compgen -W "dot mermaid graphml json" -- "$cur")) ;;
        taxonomy) COMPREPLY=($(compgen -W "tree yaml json markdown codes" -- "$cur")) ;;
      esac
      return ;;
    --cause)
      COMPREPLY=($(compgen -W "$(_esc_autopsy_codes)" -- "$cur")); return ;;
    --since | --until | --as-of | --opened | --segment | --account | --tag | --min-accounts | --id | --name \
      | --arr | --title | --max-file-size | -j | --jobs)
      return ;;
  esac

  if [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "$commands $global" -- "$cur"))
    return
  fi

  local options=""
  case $command in
    validate) options="--format --strict --fail-on --allow-empty" ;;
    report) options="--format --output --force --since --until --segment --account --tag --cause --as-of \
--min-accounts --baseline --table --template --redact --strict" ;;
    graph) options="--format --output --force --since --until --segment --account --tag --cause --min-accounts" ;;
    taxonomy) options="--format --strict" ;;
    new) options="--account --name --segment --arr --title --opened --id --output --force --template" ;;
    review) options="--answers --dry-run --document --force" ;;
    import) options="--map --preset --output --accounts --delimiter --dry-run --format --print-map" ;;
    schema) options="--output --force" ;;
    help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options $global -h --help" -- "$cur"))
  elif [[ $command == taxonomy && ${words[cword - 1]} == taxonomy ]]; then
    COMPREPLY=($(compgen -W "show check" -- "$cur"))
  elif [[ $command == taxonomy && ${words[cword - 1]} == check ]]; then
    _filedir '@(yaml|yml)'
  elif [[ $command == taxonomy ]]; then
    :
  elif [[ $command == import ]]; then
    _filedir '@(csv|CSV|tsv|txt)'
  else
    _filedir '@(yaml|yml)'
  fi
} &&
  complete -F _esc_autopsy esc-autopsy
