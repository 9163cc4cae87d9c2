#!/usr/bin/env bash
# The published test vectors the project copied into its tests must stay byte-identical to their
# originals in ../shared/vectors (CI has that folder beside the clone; a user's clone does not,
# so this is a CI step and not a test).
set -euo pipefail
cd "$(dirname "$0")/.."
shared="../shared/vectors"
if [[ ! -d "$shared" ]]; then
  echo "vectors-check: no $shared beside this clone; nothing to compare"
  exit 0
fi
compared=0 differ=0
while IFS= read -r copy; do
  original="$shared/$(basename "$copy")"
  [[ -f "$original" ]] || continue
  compared=$((compared + 1))
  if ! cmp -s "$original" "$copy"; then
    echo "vectors-check: $copy differs from $original" >&2
    differ=$((differ + 1))
  fi
done < <(git ls-files '*/src/test/resources/vectors/*')
if ((compared == 0)); then
  echo "vectors-check: no copied vector matched a file in $shared" >&2
  exit 1
fi
if ((differ)); then
  exit 1
fi
echo "vectors-check: $compared copied vectors identical to $shared"
