#!/bin/bash
# A benchmark campaign as a Slurm job: the script's campaign runs on every rank of the
# allocation; rank 0 hands the cases out as ranks finish (dynamic scheduling) and
# alone writes the results file, the same file one machine writes.
#
#   sbatch examples/campaign_slurm.sh [SCRIPT.opl]    (default examples/campaign_mgh.opl)
#
# optlab must be built where CMake finds MPI (Debian: libopenmpi-dev openmpi-bin). If
# the job is cut short (time limit, preemption), resubmit a script that says
# `campaign NAME resume`: it runs the missing cases only.
#SBATCH --job-name=optlab-campaign
#SBATCH --nodes=2
#SBATCH --ntasks-per-node=32
#SBATCH --cpus-per-task=1
#SBATCH --time=01:00:00
#SBATCH --output=optlab-campaign-%j.out
set -euo pipefail
script=${1:-examples/campaign_mgh.opl}
# Open MPI's mpirun reads the allocation from Slurm; `srun --mpi=pmix optlab ...`
# works as well where Slurm was built with PMIx.
mpirun -np "${SLURM_NTASKS}" optlab "$script"
