#!/bin/bash
# Submits the encode array, then the merge job with a dependency on the whole array succeeding.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p logs
array=$(sbatch --parsable encode.sbatch)
sbatch --dependency="afterok:${array}" merge.sbatch
