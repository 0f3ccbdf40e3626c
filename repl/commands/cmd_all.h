/* The handlers of the command table, one group of commands a file. */
#ifndef OPTLAB_CMD_ALL_H
#define OPTLAB_CMD_ALL_H

#include "lex.h"
#include "sess.h"

/* cmd_session.c */
int cmd_help(sess *s, lex *l);
int cmd_quit(sess *s, lex *l);

/* cmd_define.c */
int cmd_problem(sess *s, lex *l);
int cmd_let(sess *s, lex *l);

/* cmd_vec.c */
int cmd_data(sess *s, lex *l);
int cmd_solver(sess *s, lex *l);
int cmd_run(sess *s, lex *l);
int cmd_label(sess *s, lex *l);
/* ws_put refused NAME: it belongs to another kind, or memory ran out (for defining
 * commands). */
int cmd_put_failed(sess *s, int col, const char *name);

/* cmd_step.c */
int cmd_step(sess *s, lex *l);
int cmd_until(sess *s, lex *l);

/* cmd_show.c */
int cmd_eval(sess *s, lex *l);
int cmd_show(sess *s, lex *l);
int cmd_list(sess *s, lex *l);
int cmd_describe(sess *s, lex *l);
int cmd_methods(sess *s, lex *l);
int cmd_problems(sess *s, lex *l);

/* cmd_file.c */
int cmd_load(sess *s, lex *l);
int cmd_save(sess *s, lex *l);
int cmd_export(sess *s, lex *l);
/* cmd_figure.c: the figure formats of export, after the file name */
int cmd_export_figure(sess *s, lex *l, const char *path, int path_col);
/* The PNG Source text: a script that rebuilds the workspace, then COMMAND (NULL
 * without memory; the caller frees it). */
char *cmd_figure_source(sess *s, const char *command);
/* `WxH` (or `W H`) after `size`, whole numbers within the figure limits; 0, or -1 after
 * a message. */
int cmd_figure_size(sess *s, lex *l, int *width, int *height);

/* cmd_set.c */
int cmd_set(sess *s, lex *l);
int cmd_unset(sess *s, lex *l);
int cmd_delete(sess *s, lex *l);
int cmd_reset(sess *s, lex *l);
/* The names `set` and `unset` take, NULL-terminated (for completion). */
const char *const *cmd_setting_names(void);

/* cmd_teach.c, cmd_teach_bound.c */
int cmd_assert(sess *s, lex *l);
int cmd_explain(sess *s, lex *l);
int cmd_bound(sess *s, lex *l);

/* cmd_profile.c */
int cmd_profile(sess *s, lex *l);
/* cmd_campaign.c */
int cmd_campaign(sess *s, lex *l);
/* cmd_sweep.c */
int cmd_sweep(sess *s, lex *l);

/* cmd_lesson.c */
int cmd_lesson(sess *s, lex *l);

/* cmd_check.c */
int cmd_check(sess *s, lex *l);

/* cmd_view.c */
int cmd_view(sess *s, lex *l);
int cmd_render(sess *s, lex *l);

#endif
