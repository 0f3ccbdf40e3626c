/* libFuzzer target: the command language on any bytes, with files and the
 * terminal switched off (the sandbox). Every command that parses runs, so
 * problems, runs and steps are fuzzed too; step counts are capped so that an
 * input cannot ask for hours of work. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sess.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	FILE *null = fopen("/dev/null", "w");
	sess s;
	sess_init(&s, null, null, 0);
	s.sandbox = 1;
	s.set.maxsteps = 200;
	s.set.steplimit = 200;
	s.set.worklimit = 1000000; /* an evaluation of about a millisecond; the sandbox keeps it */
	expr_set_work_limit(s.set.worklimit);
	sess_run_text(&s, text, "fuzz");
	sess_free(&s);
	fclose(null);
	free(text);
	return 0;
}
