/* lesson: guided lessons, plain text files with a small markup, played in a
 * session: paragraphs, the commands shown before they run, pauses (go on, back,
 * quit), and questions whose answers are checked against the runs.
 *
 * The markup, a line at a time:
 *   # ...          a comment for the lecturer, never shown
 *   = TITLE        the lesson's title (the first line that is not a comment)
 *   > COMMAND      a command: shown after the prompt, then run (a `\` at the end
 *                  continues it on the next line, which starts with `>` too)
 *   ---            a pause: the student goes on, goes back a page or quits
 *   ? QUESTION     a question (more `?` lines continue it), then its check:
 *   ! least COLUMN: RUN = ANSWER, RUN = ANSWER, ...
 *                  the answer is the one whose run has the least COLUMN (iter, f,
 *                  gnorm, gap = f - f*, dist = |x - x*|, or a method's own such as
 *                  coverr) at its latest row; `most` the largest
 *   ! yes if RUN CONDITION
 *                  the answer is yes when the run meets the condition (as in
 *                  `until` and `assert`), else no
 *   ! value RUN COLUMN [within R]
 *                  the answer is a number within R (relative, default 0.1) of the run's
 *   anything else  text, shown as written; a blank line ends a paragraph
 *
 * Ownership: lesson_parse returns a lesson the caller frees with lesson_free. */
#ifndef OPTLAB_LESSON_H
#define OPTLAB_LESSON_H

#include <stddef.h>

#include "sess.h"

typedef struct lesson lesson;

/* A lesson compiled into the binary (lessons_data.c, made from repl/lessons/,
 * in the course's order). */
typedef struct lesson_builtin {
	const char *name, *text;
} lesson_builtin;
extern const lesson_builtin lesson_builtins[]; /* ends with {NULL, NULL} */

/* Parses TEXT (SOURCE names it in messages). NULL with "SOURCE:LINE: message" in ERR. */
lesson *lesson_parse(const char *text, const char *source, char *err, size_t cap);
void lesson_free(lesson *ls);
const char *lesson_title(const lesson *ls);

/* The student's next line after showing PROMPT (a new string), or NULL at the
 * end of input (the lesson then stops as on quit). */
typedef char *(*lesson_input_fn)(void *ctx, const char *prompt);

/* Plays the lesson in S. With IN, a student answers: pauses wait, questions are
 * asked (two tries, then the answer is shown). Without IN, a scripted run: no
 * pauses, `view` skipped, each question answered with what the runs say. 0, or -1
 * when a command failed or a question's answer could not be measured (reported). */
int lesson_play(sess *s, const lesson *ls, lesson_input_fn in, void *ctx);

#endif
