/* env.h: what the run takes from its environment: the data directory and SOURCE_DATE_EPOCH (all of the core). */
#ifndef CO_ENV_H
#define CO_ENV_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The time the outputs are dated, in seconds since 1970 (UTC):
 * SOURCE_DATE_EPOCH when it is set (reproducible builds), else false.
 */
bool	 env_source_date(int64_t *t);

#endif
