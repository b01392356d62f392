/*
 * qpdf_dl.h: libqpdf's C API, loaded when a PDF is finished (qpdf_dl.c,
 * pdf_archive.c).  Linked, libqpdf and what it brings (libstdc++'s part,
 * gnutls, p11-kit) cost every run 3 ms and 4 MB, the painting's peak
 * included; loaded after painting, only the finishing pays.  Included
 * after <qpdf/qpdf-c.h>, it turns each call into one through the table.
 */
#ifndef CO_QPDF_DL_H
#define CO_QPDF_DL_H

#include <qpdf/qpdf-c.h>

#define QPDF_DL_FUNCTIONS(X) \
	X(qpdf_cleanup) \
	X(qpdf_get_error) \
	X(qpdf_get_error_full_text) \
	X(qpdf_get_object_by_id) \
	X(qpdf_get_root) \
	X(qpdf_get_trailer) \
	X(qpdf_has_error) \
	X(qpdf_init) \
	X(qpdf_oh_append_item) \
	X(qpdf_oh_begin_dict_key_iter) \
	X(qpdf_oh_dict_more_keys) \
	X(qpdf_oh_dict_next_key) \
	X(qpdf_oh_get_array_item) \
	X(qpdf_oh_get_array_n_items) \
	X(qpdf_oh_get_int_value) \
	X(qpdf_oh_get_key) \
	X(qpdf_oh_get_name) \
	X(qpdf_oh_get_object_id) \
	X(qpdf_oh_get_stream_data) \
	X(qpdf_oh_get_utf8_value) \
	X(qpdf_oh_has_key) \
	X(qpdf_oh_is_array) \
	X(qpdf_oh_is_dictionary) \
	X(qpdf_oh_is_indirect) \
	X(qpdf_oh_is_name) \
	X(qpdf_oh_is_name_and_equals) \
	X(qpdf_oh_is_stream) \
	X(qpdf_oh_is_string) \
	X(qpdf_oh_new_array) \
	X(qpdf_oh_new_dictionary) \
	X(qpdf_oh_new_integer) \
	X(qpdf_oh_new_name) \
	X(qpdf_oh_new_string) \
	X(qpdf_oh_new_unicode_string) \
	X(qpdf_oh_parse) \
	X(qpdf_oh_release) \
	X(qpdf_oh_release_all) \
	X(qpdf_oh_remove_key) \
	X(qpdf_oh_replace_key) \
	X(qpdf_oh_unparse_resolved) \
	X(qpdf_oh_wrap_in_array) \
	X(qpdf_read_memory) \
	X(qpdf_replace_object) \
	X(qpdf_set_suppress_warnings) \
	X(qpdf_silence_errors)

struct qpdf_dl {
#define QPDF_DL_POINTER(f)	__typeof__(f) *f;
	QPDF_DL_FUNCTIONS(QPDF_DL_POINTER)
#undef QPDF_DL_POINTER
};

/*
 * The table, loading libqpdf the first time; NULL with *error set (g_free)
 * if it cannot be loaded.
 */
const struct qpdf_dl	*qpdf_dl_load(char **error);

#ifndef QPDF_DL_SELF
extern const struct qpdf_dl *qpdf_dl;
#define qpdf_cleanup	(qpdf_dl->qpdf_cleanup)
#define qpdf_get_error	(qpdf_dl->qpdf_get_error)
#define qpdf_get_error_full_text	(qpdf_dl->qpdf_get_error_full_text)
#define qpdf_get_object_by_id	(qpdf_dl->qpdf_get_object_by_id)
#define qpdf_get_root	(qpdf_dl->qpdf_get_root)
#define qpdf_get_trailer	(qpdf_dl->qpdf_get_trailer)
#define qpdf_has_error	(qpdf_dl->qpdf_has_error)
#define qpdf_init	(qpdf_dl->qpdf_init)
#define qpdf_oh_append_item	(qpdf_dl->qpdf_oh_append_item)
#define qpdf_oh_begin_dict_key_iter	(qpdf_dl->qpdf_oh_begin_dict_key_iter)
#define qpdf_oh_dict_more_keys	(qpdf_dl->qpdf_oh_dict_more_keys)
#define qpdf_oh_dict_next_key	(qpdf_dl->qpdf_oh_dict_next_key)
#define qpdf_oh_get_array_item	(qpdf_dl->qpdf_oh_get_array_item)
#define qpdf_oh_get_array_n_items	(qpdf_dl->qpdf_oh_get_array_n_items)
#define qpdf_oh_get_int_value	(qpdf_dl->qpdf_oh_get_int_value)
#define qpdf_oh_get_key	(qpdf_dl->qpdf_oh_get_key)
#define qpdf_oh_get_name	(qpdf_dl->qpdf_oh_get_name)
#define qpdf_oh_get_object_id	(qpdf_dl->qpdf_oh_get_object_id)
#define qpdf_oh_get_stream_data	(qpdf_dl->qpdf_oh_get_stream_data)
#define qpdf_oh_get_utf8_value	(qpdf_dl->qpdf_oh_get_utf8_value)
#define qpdf_oh_has_key	(qpdf_dl->qpdf_oh_has_key)
#define qpdf_oh_is_array	(qpdf_dl->qpdf_oh_is_array)
#define qpdf_oh_is_dictionary	(qpdf_dl->qpdf_oh_is_dictionary)
#define qpdf_oh_is_indirect	(qpdf_dl->qpdf_oh_is_indirect)
#define qpdf_oh_is_name	(qpdf_dl->qpdf_oh_is_name)
#define qpdf_oh_is_name_and_equals	(qpdf_dl->qpdf_oh_is_name_and_equals)
#define qpdf_oh_is_stream	(qpdf_dl->qpdf_oh_is_stream)
#define qpdf_oh_is_string	(qpdf_dl->qpdf_oh_is_string)
#define qpdf_oh_new_array	(qpdf_dl->qpdf_oh_new_array)
#define qpdf_oh_new_dictionary	(qpdf_dl->qpdf_oh_new_dictionary)
#define qpdf_oh_new_integer	(qpdf_dl->qpdf_oh_new_integer)
#define qpdf_oh_new_name	(qpdf_dl->qpdf_oh_new_name)
#define qpdf_oh_new_string	(qpdf_dl->qpdf_oh_new_string)
#define qpdf_oh_new_unicode_string	(qpdf_dl->qpdf_oh_new_unicode_string)
#define qpdf_oh_parse	(qpdf_dl->qpdf_oh_parse)
#define qpdf_oh_release	(qpdf_dl->qpdf_oh_release)
#define qpdf_oh_release_all	(qpdf_dl->qpdf_oh_release_all)
#define qpdf_oh_remove_key	(qpdf_dl->qpdf_oh_remove_key)
#define qpdf_oh_replace_key	(qpdf_dl->qpdf_oh_replace_key)
#define qpdf_oh_unparse_resolved	(qpdf_dl->qpdf_oh_unparse_resolved)
#define qpdf_oh_wrap_in_array	(qpdf_dl->qpdf_oh_wrap_in_array)
#define qpdf_read_memory	(qpdf_dl->qpdf_read_memory)
#define qpdf_replace_object	(qpdf_dl->qpdf_replace_object)
#define qpdf_set_suppress_warnings	(qpdf_dl->qpdf_set_suppress_warnings)
#define qpdf_silence_errors	(qpdf_dl->qpdf_silence_errors)
#endif

#endif
