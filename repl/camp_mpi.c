/* camp_mpi: cases across MPI ranks, or the single-machine functions without MPI. */
#include "camp_mpi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef OPTLAB_MPI
#include <fcntl.h>
#include <mpi.h>
#include <time.h>
#include <unistd.h>

static int rank, size = 1;

enum { TAG_READY = 1, TAG_CASE = 2 };

void camp_mpi_init(int *argc, char ***argv)
{
	/* only under a launcher: a plain `optlab` never touches MPI */
	if (!getenv("OMPI_COMM_WORLD_SIZE") && !getenv("PMI_SIZE") && !getenv("PMIX_RANK"))
		return;
	int provided;
	if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
		return;
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	if (rank != 0) { /* one voice: rank 0's */
		int fd = open("/dev/null", O_WRONLY);
		if (fd >= 0) {
			fflush(stdout);
			dup2(fd, STDOUT_FILENO);
			close(fd);
		}
	}
}

void camp_mpi_finalize(void)
{
	int on = 0, off = 0;
	MPI_Initialized(&on);
	if (on)
		MPI_Finalized(&off);
	if (on && !off)
		MPI_Finalize();
}

int camp_mpi_size(void)
{
	return size;
}

/* rank 0's rc and message to every rank */
static int share_rc(int rc, char *err, size_t cap)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s", rc ? err : "");
	MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
	MPI_Bcast(buf, sizeof buf, MPI_CHAR, 0, MPI_COMM_WORLD);
	if (rc)
		snprintf(err, cap, "%s", buf);
	return rc;
}

int camp_mpi_file_new(const char *path, const char *text, char *err, size_t cap)
{
	if (size == 1)
		return camp_file_new(path, text, err, cap);
	int rc = rank == 0 ? camp_file_new(path, text, err, cap) : 0;
	return share_rc(rc, err, cap);
}

int camp_mpi_file_open(const char *path, char **text, long *rows, char *err, size_t cap)
{
	if (size == 1)
		return camp_file_open(path, text, rows, err, cap);
	int rc = rank == 0 ? camp_file_open(path, text, rows, err, cap) : 0;
	if (share_rc(rc, err, cap))
		return -1;
	long len = rank == 0 ? (long)strlen(*text) : 0;
	MPI_Bcast(&len, 1, MPI_LONG, 0, MPI_COMM_WORLD);
	MPI_Bcast(rows, 1, MPI_LONG, 0, MPI_COMM_WORLD);
	if (rank != 0 && !(*text = calloc((size_t)len + 1, 1)))
		MPI_Abort(MPI_COMM_WORLD, 1); /* a rank without a few bytes cannot take part */
	MPI_Bcast(*text, (int)len, MPI_CHAR, 0, MPI_COMM_WORLD);
	return 0;
}

/* A message: the case's index (-1: none), then its row ("" when interrupted). */
typedef struct msg {
	long i;
	char row[CAMP_ROW_MAX + 2];
} msg;

/* Rank 0: answers each ready rank with the next case, or -1 when none is left. */
static long coordinate(const camp_spec *sp, long first, const char *path, char *err,
                       size_t cap)
{
	long n = camp_ncases(sp), next = first;
	camp_writer *w = camp_writer_open(path, first, n, err, cap);
	int ok = w != NULL, active = size - 1;
	while (active > 0) {
		int flag = 0;
		MPI_Status st;
		MPI_Iprobe(MPI_ANY_SOURCE, TAG_READY, MPI_COMM_WORLD, &flag, &st);
		if (!flag) { /* poll gently: rank 0 shares a machine with workers */
			nanosleep(&(struct timespec){0, 200000}, NULL);
			continue;
		}
		msg in;
		MPI_Recv(&in, (int)sizeof in, MPI_BYTE, st.MPI_SOURCE, TAG_READY, MPI_COMM_WORLD,
		         MPI_STATUS_IGNORE);
		if (in.i >= 0 && ok) {
			char *row = in.row[0] ? malloc(CAMP_ROW_MAX + 2) : NULL;
			if (row)
				memcpy(row, in.row, CAMP_ROW_MAX + 2);
			camp_writer_put(w, in.i, row);
		}
		int stop = !ok || next >= n || (sp->interrupt && *sp->interrupt);
		long give = stop ? -1 : next++;
		MPI_Send(&give, 1, MPI_LONG, st.MPI_SOURCE, TAG_CASE, MPI_COMM_WORLD);
		if (give < 0)
			active--;
		if (sp->progress && sp->progress_ctx)
			sp->progress(sp->progress_ctx, (int)(next - first), (int)(n - first));
	}
	return ok ? camp_writer_close(w, err, cap) : (camp_writer_close(w, NULL, 0), -1);
}

/* Ranks 1 .. N-1: ask, run, answer, until told to stop. */
static void serve(const camp_spec *sp)
{
	msg *m = calloc(1, sizeof *m);
	if (!m)
		MPI_Abort(MPI_COMM_WORLD, 1);
	m->i = -1;
	for (;;) {
		MPI_Send(m, (int)sizeof *m, MPI_BYTE, 0, TAG_READY, MPI_COMM_WORLD);
		long i;
		MPI_Recv(&i, 1, MPI_LONG, 0, TAG_CASE, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
		if (i < 0)
			break;
		char *row = camp_case_row(sp, i, sp->probs[camp_case_problem(sp, i)].p);
		m->i = i;
		snprintf(m->row, sizeof m->row, "%s", row ? row : "");
		free(row);
	}
	free(m);
}

long camp_mpi_run(const camp_spec *sp, long first, const char *path, char *err, size_t cap)
{
	if (size == 1)
		return camp_run(sp, first, path, err, cap);
	long done = 0;
	int rc = 0;
	if (rank == 0) {
		done = coordinate(sp, first, path, err, cap);
		rc = done < 0;
	} else {
		serve(sp);
	}
	if (share_rc(rc, err, cap))
		return -1;
	MPI_Bcast(&done, 1, MPI_LONG, 0, MPI_COMM_WORLD);
	return done;
}

#else /* no MPI: one machine */

void camp_mpi_init(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
}

void camp_mpi_finalize(void)
{
}

int camp_mpi_size(void)
{
	return 1;
}

int camp_mpi_file_new(const char *path, const char *text, char *err, size_t cap)
{
	return camp_file_new(path, text, err, cap);
}

int camp_mpi_file_open(const char *path, char **text, long *rows, char *err, size_t cap)
{
	return camp_file_open(path, text, rows, err, cap);
}

long camp_mpi_run(const camp_spec *sp, long first, const char *path, char *err, size_t cap)
{
	return camp_run(sp, first, path, err, cap);
}

#endif
