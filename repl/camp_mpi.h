/* camp_mpi: a campaign across the ranks of an MPI job (`mpirun -np N optlab FILE.opl`).
 * Every rank runs the same script; at a campaign, rank 0 hands out cases one at a time
 * to ranks 1 .. N-1 as they ask (dynamic scheduling) and alone writes the file, through
 * the same ordered publisher as the threads, so the file is the one a single machine
 * writes. Ranks other than 0 print nothing. Without MPI (or with one rank) each
 * function is the single-machine one. */
#ifndef OPTLAB_CAMP_MPI_H
#define OPTLAB_CAMP_MPI_H

#include <stddef.h>

#include "campaign.h"

/* At start: joins the MPI job when built with MPI and launched by mpirun (with more
 * than one rank), silencing the standard output of ranks other than 0. */
void camp_mpi_init(int *argc, char ***argv);
void camp_mpi_finalize(void);
int camp_mpi_size(void); /* 1 without MPI */

/* camp_file_new on rank 0, its result on every rank. */
int camp_mpi_file_new(const char *path, const char *text, char *err, size_t cap);
/* camp_file_open on rank 0, its definition and row count on every rank. */
int camp_mpi_file_open(const char *path, char **text, long *rows, char *err, size_t cap);
/* camp_run, or the ranks' division of it: the cases in the file (rank 0's count on
 * every rank), or -1 with a message. */
long camp_mpi_run(const camp_spec *sp, long first, const char *path, char *err, size_t cap);

#endif
