"""Scheduled tasks run once across nodes.

Every node may run a Huey consumer with its scheduler on (one per app node, or a pool of worker nodes): each
scheduler wakes every minute and enqueues the periodic tasks due that minute. With several schedulers the same
task would be enqueued once per node. `ClusterRedisHuey` makes the schedulers claim each (task, minute) in Redis
first (SET NX with an expiry): the first scheduler to claim it enqueues it, the others skip it. Tasks that must
not overlap with a slow previous run also hold Huey's own `lock_task` where they are defined.
"""

import datetime

from huey import RedisHuey

CLAIM_SECONDS = 3600  # longer than any gap between two schedulers' clocks


class ClusterRedisHuey(RedisHuey):
    def claim_key(self, task, timestamp: datetime.datetime) -> str:
        return f"{self.name}.periodic-claim.{task.name}.{timestamp:%Y%m%d%H%M}"

    def read_periodic(self, timestamp):
        if timestamp is None:
            timestamp = self._get_timestamp()
        due = super().read_periodic(timestamp)
        client = self.storage.conn
        return [task for task in due if client.set(self.claim_key(task, timestamp), b"1", nx=True, ex=CLAIM_SECONDS)]
