/*
 * layout_figure.c: figures: the image centred at its width (a share of the
 * text's, or its own size at 96 dpi), never taller than most of a page, its
 * numbered caption under it on the same page.  An image that cannot be
 * shown leaves a framed box with its alt text, never a silent gap.
 */
#include <glib.h>
#include <string.h>

#include "i18n.h"
#include "image.h"
#include "layout_int.h"

#define PX	0.75		/* a pixel at 96 dpi, in points */

/* The figure's image, opened once (its problems said at the figure's line), or NULL. */
static struct co_image *
open_image(struct flow *f, const struct co_node *fig)
{
	struct co_image	*img;
	char		*dir;

	/* validate.c found the file and said what was wrong with it. */
	if (fig->as.figure.sha256 == NULL)
		return NULL;
	/* A second pass finds it opened. */
	if (g_hash_table_lookup_extended(f->out->image_of, fig, NULL, (gpointer *)&img))
		return img;
	dir = g_path_get_dirname(f->doc->path);
	img = image_open(f->diags, dir, fig->as.figure.file, fig->pos, CO_DIAG_W_FIGURE);
	g_free(dir);
	if (img != NULL)
		g_ptr_array_add(f->out->images, img);
	g_hash_table_insert(f->out->image_of, (gpointer)fig, img);
	return img;
}

/* "Kuva 3. " and the caption, centred under the image. */
static struct lay_text *
caption_text(struct flow *f, const struct co_node *fig, double width)
{
	struct rich	 r;
	char		*label;

	rich_init(&r);
	label = g_strdup_printf("%s %d.", i18n_label(CO_LABEL_FIGURE, f->doc->lang),
	    fig->as.figure.number);
	rich_raw(&r, label);
	rich_span(&r, 0, MS_BOLD);
	g_free(label);
	if (fig->first != NULL) {
		rich_raw(&r, " ");
		rich_inline(f, &r, fig, false);
	}
	return rich_measure(f, &r, &f->tpl->caption, 1.25, width, MEASURE_CENTER, &f->tpl->text);
}

void
flow_figure(struct flow *f, const struct co_node *fig)
{
	const struct tpl	*t = f->tpl;
	struct co_image		*img = open_image(f, fig);
	struct lay_text		*cap, *box = NULL;
	struct lay_item		*it;
	double			 w, h, gap = 5, maxh = (f->page_bottom - f->top) * 0.62;
	char			*s;

	/* Its width: the author's share of the text, or its own size, at most the text's. */
	if (fig->as.figure.width > 0)
		w = fig->as.figure.width * f->width;
	else if (img != NULL && img->width > 0)
		w = MIN(img->width * PX, f->width);
	else
		w = f->width * 0.8;
	w = MIN(w, f->width);
	if (img != NULL && img->width > 0 && img->height > 0)
		h = w * img->height / img->width;
	else
		h = img != NULL ? w * 0.6 : 3 * t->body.size * t->leading;
	/* Never taller than most of a page: narrower instead. */
	if (h > maxh) {
		w *= maxh / h;
		h = maxh;
	}
	if (img == NULL) {
		/* No image to show: a framed box saying so, and what it showed. */
		s = g_strdup_printf("%s: %s%s%s", i18n_label(CO_LABEL_IMAGE_MISSING, f->doc->lang),
		    fig->as.figure.file, fig->as.figure.alt != NULL ? " \xe2\x80\x94 " : "",
		    fig->as.figure.alt != NULL ? fig->as.figure.alt : "");
		box = plain_text(f, s, &t->caption, 1.25, w - 16, MEASURE_CENTER, &t->muted);
		g_free(s);
		h = MAX(h, box->height + 16);
	}
	cap = caption_text(f, fig, f->width);
	ensure(f, h + gap + cap->height);
	it = add_item(f, LAY_DEST);
	it->dest = target_dest(f, fig);
	it->x = f->left;
	it->y = f->y;
	g_hash_table_insert(f->target_page, (gpointer)fig, GINT_TO_POINTER(f->pages->len));
	tag_begin_attr(f, "Figure", fig->as.figure.alt != NULL ? fig->as.figure.alt :
	    fig->as.figure.file);
	if (img != NULL) {
		it = add_item(f, LAY_IMAGE);
		it->image = img;
		it->x = f->left + (f->width - w) / 2;
		it->y = f->y;
		it->w = w;
		it->h = h;
	} else {
		it = add_item(f, LAY_RECT);
		it->x = f->left + (f->width - w) / 2;
		it->y = f->y;
		it->w = w;
		it->h = h;
		it->colour = &t->stripe_fill;
		place_lines(f, box, 0, box->nlines, it->x + 8, f->y + (h - box->height) / 2);
	}
	f->fresh = false;
	tag_end(f);
	f->y += h + gap;
	tag_begin(f, "Caption");
	place_lines(f, cap, 0, cap->nlines, f->left, f->y);
	tag_end(f);
	f->y += cap->height + t->para_space * 1.5;
}
