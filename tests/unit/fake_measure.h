/* fake_measure.h: a measurer with fixed advances, standing in for Pango in tests. */
#ifndef CO_FAKE_MEASURE_H
#define CO_FAKE_MEASURE_H

#include "measure.h"

/*
 * Every character (a space too) is half the font size wide; a line is the
 * leading times the size high (1.2 times without a leading), its baseline
 * at 0.8 of it.  Lines break at spaces, words longer than a line by
 * characters, and at '\n'.  No hyphenation.
 */
#define FAKE_ADVANCE(size)	((size) * 0.5)
#define FAKE_PITCH(size, leading) ((leading) > 0 ? (leading) * (size) : 1.2 * (size))

struct measurer	*fake_measure_new(void);

#endif
