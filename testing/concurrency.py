"""Running service calls at the same moment from several threads, for tests of row locks.

On PostgreSQL the threads really race and the row locks decide. The SQLite test database is in memory
with a shared cache, where a second writer fails at once ("database table is locked") instead of
waiting as a file database would; there the thread bodies take turns, which is what SQLite's own
database lock does to concurrent writers in production.
"""

import threading

from django.db import close_old_connections, connection

_SQLITE_WRITE_LOCK = threading.Lock()


def _one_writer_at_a_time(call):
    if connection.vendor != "sqlite":
        return call()
    with _SQLITE_WRITE_LOCK:
        return call()


def run_together(*calls, timeout=60) -> list:
    """Start every call at the same moment, each in its own thread; return each result or raised exception."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait(timeout=timeout)
            results[index] = _one_writer_at_a_time(call)
        except Exception as error:  # the test inspects what each thread met
            results[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread is still waiting on the database"
    return results
