/* cmd_image: image problems (TV denoising) for the command language. */
#ifndef OPTLAB_CMD_IMAGE_H
#define OPTLAB_CMD_IMAGE_H

#include "lex.h"
#include "optlab.h"
#include "sess.h"

/* `tv("FILE.png" [, lambda = L] [, eps = E])` with the lexer on `tv`: the problem, or
 * NULL after reporting the error. */
prob *cmd_image_tv(sess *s, lex *l, const char *name);
/* image example | image save | image compare */
int cmd_image(sess *s, lex *l);

#endif
