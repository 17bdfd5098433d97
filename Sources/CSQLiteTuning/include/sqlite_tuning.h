// SQLite settings that Swift cannot make itself: sqlite3_config and
// sqlite3_db_config are C variadic functions.
#ifndef ANNALS_SQLITE_TUNING_H
#define ANNALS_SQLITE_TUNING_H

#include <sqlite3.h>

/// Turns off SQLite's memory statistics, whose global mutex every
/// allocation takes. Effective only before SQLite is first used in the
/// process; returns SQLite's result code (SQLITE_MISUSE after that).
int annals_sqlite_disable_memory_statistics(void);

/// Gives a connection `count` lookaside slots of `size` bytes: the small
/// allocations of preparing and running statements come from them instead
/// of malloc. Returns SQLite's result code.
int annals_sqlite_set_lookaside(sqlite3 *db, int size, int count);

#endif
