"""Running service calls at the same moment from several threads, for tests of row locks.

Only PostgreSQL decides such races the way production does (row locks, SELECT ... FOR UPDATE). The test
suite's SQLite is in memory with a shared cache, where a second writer fails at once instead of waiting, so
tests that race are marked `@pytest.mark.postgres_only` and skipped there (see conftest.py); `make test`
always runs a PostgreSQL pass.
"""

import threading

from django.db import close_old_connections, connection


def run_together(*calls, timeout=60) -> list:
    """Start every call at the same moment, each in its own thread; return each result or raised exception."""
    assert connection.vendor == "postgresql", "a race test needs PostgreSQL: mark it @pytest.mark.postgres_only"
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait(timeout=timeout)
            results[index] = call()
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
