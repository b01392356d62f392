/* harness.h: the few macros closeout's unit tests need (OK, INT_EQ, STR_EQ, DONE). */
#ifndef CO_HARNESS_H
#define CO_HARNESS_H

#include <stdio.h>
#include <string.h>

static int	 harness_pass, harness_fail;

#define OK(e) do {							\
	if (e)								\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		printf("%s:%d: not true: %s\n", __FILE__, __LINE__, #e); \
	}								\
} while (0)

#define INT_EQ(got, want) do {						\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (g_ == w_)							\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		printf("%s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, \
		    #got, g_, w_);					\
	}								\
} while (0)

#define STR_EQ(got, want) do {						\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0)		\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		printf("%s:%d: %s is \"%s\", want \"%s\"\n", __FILE__,	\
		    __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	}								\
} while (0)

/* Two lengths in points equal to a hundredth of a point. */
#define PT_EQ(got, want) do {						\
	double g_ = (double)(got), w_ = (double)(want);			\
	if (g_ - w_ < 0.005 && w_ - g_ < 0.005)				\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		printf("%s:%d: %s is %.3f, want %.3f\n", __FILE__, __LINE__, \
		    #got, g_, w_);					\
	}								\
} while (0)

/* Prints the tally; the value to return from main(). */
#define DONE() (printf("%s: %d passed, %d failed\n", __FILE__,		\
    harness_pass, harness_fail), harness_fail ? 1 : 0)

#endif
