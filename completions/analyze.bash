# bash completion for analyze(1): its options, their values, stage names (asked of
# `analyze --list-stages`, so they follow the binary) and file names. Installed as
# share/bash-completion/completions/analyze; plain bash, no helper of the bash-completion package.

_analyze_options='-h --help --version --files-from -0 --null -f --format --input-format --stages
  --list-stages -j --jobs --output-dir --target --glob --gazetteer --topics-lexicon --stance-model
  --max-article-size --date --color --progress --no-progress'

# Completes the last name of a comma-separated --stages list.
_analyze_stages() {
  local cur=$1 done=''
  [[ $cur == *,* ]] && done=${cur%,*},
  local stages
  stages=$("${COMP_WORDS[0]}" --list-stages 2>/dev/null | awk '/ requires: / { print $1 }')
  COMPREPLY=($(compgen -P "$done" -W "$stages" -- "${cur##*,}"))
  compopt -o nospace 2>/dev/null
}

_analyze() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  # `--format=js`: bash splits the word at '='.
  if [[ $cur == = ]]; then
    cur=''
  elif [[ $prev == = ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  case $prev in
    -f | --format) COMPREPLY=($(compgen -W 'jsonl json table' -- "$cur")); return ;;
    --input-format) COMPREPLY=($(compgen -W 'text jsonl html' -- "$cur")); return ;;
    --stance-model) COMPREPLY=($(compgen -W 'model lexicon' -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W 'auto always never' -- "$cur")); return ;;
    --stages) _analyze_stages "$cur"; return ;;
    --output-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --files-from | --gazetteer | --topics-lexicon) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    -j | --jobs | --max-article-size | --target | --glob | --date) return ;;  # the user's own value
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$_analyze_options" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}

complete -o filenames -F _analyze analyze
