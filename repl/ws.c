/* ws: the workspace of named things. */
#include "ws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ws_init(ws *w)
{
	memset(w, 0, sizeof *w);
}

ws_prob *ws_prob_new(prob *p, const char *def)
{
	ws_prob *wp = calloc(1, sizeof *wp);
	if (!wp)
		return NULL;
	wp->p = p;
	wp->def = strdup(def ? def : "");
	if (!wp->def) {
		free(wp);
		return NULL;
	}
	wp->refs = 1;
	wp->nconsts = -1;
	return wp;
}

void ws_prob_release(ws_prob *wp)
{
	if (!wp || --wp->refs > 0)
		return;
	prob_free(wp->p);
	free(wp->def);
	free(wp->consts);
	free(wp);
}

/* Releases what an item holds, not the item. */
static void release(ws_item *it)
{
	switch (it->kind) {
	case WS_CONST:
		free(it->u.c.def);
		break;
	case WS_PROBLEM:
		ws_prob_release(it->u.prob);
		break;
	case WS_SOLVER:
		break;
	case WS_DATA:
		free(it->u.d.v);
		free(it->u.d.def);
		break;
	case WS_RUN:
		run_free(it->u.run.r);
		ws_prob_release(it->u.run.prob);
		free(it->u.run.prob_name);
		free(it->u.run.solver_def);
		free(it->u.run.x0);
		free(it->u.run.start_def);
		free(it->u.run.bound);
		free(it->u.run.bound_args);
		free(it->u.run.label);
		free(it->u.run.work);
		break;
	}
	memset(&it->u, 0, sizeof it->u);
}

void ws_clear(ws *w)
{
	for (int i = 0; i < w->count; i++) {
		release(w->items[i]);
		free(w->items[i]);
	}
	free(w->items);
	ws_init(w);
}

static int find(const ws *w, const char *name)
{
	for (int i = 0; i < w->count; i++)
		if (strcmp(w->items[i]->name, name) == 0)
			return i;
	return -1;
}

ws_item *ws_get(ws *w, const char *name)
{
	int i = find(w, name);
	return i < 0 ? NULL : w->items[i];
}

ws_item *ws_get_kind(ws *w, const char *name, enum ws_kind kind)
{
	ws_item *it = ws_get(w, name);
	return it && it->kind == kind ? it : NULL;
}

const char *ws_kind_name(enum ws_kind kind)
{
	static const char *const names[] = {"constant", "problem", "solver", "run", "data vector"};
	return names[kind];
}

ws_item *ws_put(ws *w, const char *name, enum ws_kind kind)
{
	int i = find(w, name);
	if (i >= 0) {
		if (w->items[i]->kind != kind)
			return NULL;
		/* a redefinition moves to the end: save replays in order */
		ws_item *it = w->items[i];
		release(it);
		memmove(w->items + i, w->items + i + 1, (size_t)(w->count - i - 1) * sizeof *w->items);
		w->items[w->count - 1] = it;
		it->seq = w->next_seq++;
		return it;
	}
	if (w->count == w->cap) {
		int cap = w->cap ? 2 * w->cap : 16;
		ws_item **items = realloc(w->items, (size_t)cap * sizeof *items);
		if (!items)
			return NULL;
		w->items = items;
		w->cap = cap;
	}
	ws_item *it = calloc(1, sizeof *it);
	if (!it)
		return NULL;
	it->kind = kind;
	snprintf(it->name, sizeof it->name, "%s", name);
	it->seq = w->next_seq++;
	w->items[w->count++] = it;
	return it;
}

int ws_delete(ws *w, const char *name)
{
	int i = find(w, name);
	if (i < 0)
		return -1;
	release(w->items[i]);
	free(w->items[i]);
	memmove(w->items + i, w->items + i + 1, (size_t)(w->count - i - 1) * sizeof *w->items);
	w->count--;
	return 0;
}

int ws_consts(ws *w, expr_const *out, int cap)
{
	int n = 0;
	for (int i = 0; i < w->count && n < cap; i++)
		if (w->items[i]->kind == WS_CONST || w->items[i]->kind == WS_DATA) {
			const ws_item *it = w->items[i];
			int vec = it->kind == WS_DATA;
			out[n].name = it->name;
			out[n].value = vec ? 0 : it->u.c.value;
			out[n].vec = vec ? it->u.d.v : NULL;
			out[n].len = vec ? it->u.d.len : 0;
			n++;
		}
	return n;
}

const char *ws_run_label(const ws_item *it)
{
	return it->kind == WS_RUN && it->u.run.label ? it->u.run.label : it->name;
}

int ws_prob_capture(ws *w, ws_prob *wp)
{
	int n = 0;
	for (int i = 0; i < w->count; i++)
		n += w->items[i]->kind == WS_CONST;
	ws_const_val *c = n ? calloc((size_t)n, sizeof *c) : NULL;
	if (n && !c)
		return -1;
	n = 0;
	for (int i = 0; i < w->count; i++)
		if (w->items[i]->kind == WS_CONST) {
			memcpy(c[n].name, w->items[i]->name, WS_NAME_MAX);
			c[n++].value = w->items[i]->u.c.value;
		}
	free(wp->consts);
	wp->consts = c;
	wp->nconsts = n;
	return 0;
}

int ws_note_worklimit(ws *w, long old)
{
	for (int i = 0; i < w->count; i++) {
		if (w->items[i]->kind != WS_RUN)
			continue;
		ws_run *wr = &w->items[i]->u.run;
		long iter = run_iter(wr->r), from = wr->nwork ? wr->work[wr->nwork - 1].iter : 0;
		if (iter <= from) /* no step under old */
			continue;
		ws_work *k = realloc(wr->work, (size_t)(wr->nwork + 1) * sizeof *k);
		if (!k)
			return -1;
		wr->work = k;
		wr->work[wr->nwork++] = (ws_work){iter, old};
	}
	return 0;
}
