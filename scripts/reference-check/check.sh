#!/usr/bin/env bash
# Runs the open model's own code and `lac forecast --mode reference` on the two shared datasets and
# compares them state by state and month by month (docs/method/forecast.md, "Measured figures").
#
#   scripts/reference-check/check.sh MODEL_CHECKOUT [--write-fixture]
#
# MODEL_CHECKOUT: a checkout of github.com/SocialFinanceDigitalLabs/cs-demand-model-regional at the
# commit reference mode follows (docs/forecast-reference.md), e.g.
#   git clone https://github.com/SocialFinanceDigitalLabs/cs-demand-model-regional model
#   git -C model checkout 03e04a06324a01a4f291ed6182599be4b16a1d5c
# PYTHON (environment): a Python ≥ 3.11 with pandas 3 and python-dateutil; default python3.
# SHARED (environment): the shared data folder; default ../shared/data beside the repository.
# --write-fixture also rewrites test/fixtures/open-model-reference.json from the model's runs.
# Builds dist/node first (npm run build:node). Exits 1 when a comparison is outside its tolerance.
set -euo pipefail

model=${1:?usage: check.sh MODEL_CHECKOUT [--write-fixture]}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-python3}
shared=${SHARED:-$repo/../shared/data}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

(cd "$repo" && npm run --silent build:node)

status=0
# name | data folder | YEAR to add (none: the data has its own) | window start | window end | start | months | fixture dates
while IFS='|' read -r name folder year from to start months dates; do
  echo "== $name: window $from to $to, $months months from $start"
  yearArgs=()
  [ -n "$year" ] && yearArgs=(--year "$year")
  "$python" "$here/run_open_model.py" --model "$model" --data "$shared/$folder" "${yearArgs[@]}" \
    --reference-start "$from" --reference-end "$to" --start "$start" --months "$months" \
    --forecast-out "$out/$name-model.csv" --costs-out "$out/$name-model-costs.csv" > "$out/$name-model.log"
  node "$repo/dist/node/cli/main.js" forecast --mode reference \
    --episodes "$shared/$folder/episodes.csv" --children "$shared/$folder/header.csv" \
    --reference-start "$from" --reference-end "$to" --start "$start" --months "$months" \
    --out "$out/$name-ours.csv" --costs-out "$out/$name-ours-costs.csv" > "$out/$name-ours.log"
  node "$here/compare.js" "$out/$name-model.csv" "$out/$name-ours.csv" "$out/$name-model-costs.csv" "$out/$name-ours-costs.csv" || status=1
  fixtureRuns+=("$name:$out/$name-model.csv:$out/$name-model-costs.csv:$dates")
done <<'RUNS'
sf|ssda903-sf-sample||2016-04-01|2022-03-31|2022-03-31|24|2022-04-01,2023-03-31,2023-04-01,2024-03-31
d2i|ssda903-d2i-fake|2018|2017-04-01|2018-03-31|2018-03-31|24|2018-04-01,2019-03-31,2019-04-01,2020-03-31
RUNS

if [ "${2:-}" = "--write-fixture" ]; then
  commit=$(git -C "$model" rev-parse HEAD 2>/dev/null || echo "unknown (not a git checkout)")
  pandas=$("$python" -c "import pandas; print(pandas.__version__)")
  node "$here/fixture.js" "$repo/test/fixtures/open-model-reference.json" \
    "scripts/reference-check/check.sh MODEL_CHECKOUT --write-fixture; model commit $commit; pandas $pandas; d2i given YEAR 2018 and LA (run_open_model.py --year)" \
    "${fixtureRuns[@]}"
fi
exit $status
