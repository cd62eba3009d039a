"""One process of the cross-process test (test_distributed_processes.py), run by `jthreading run`.

Usage: distributed_worker.py HOSTS RUN COUNTER_FILE INCREMENTS ROUNDS ROLE
ROLE "setter" sets the run's Event once every worker is connected; the others wait for it.
Then each increments the counter file under the run's Lock, logging (fencing token, value
written), and meets the others at the run's Barrier for ROUNDS rounds. The last line printed is
a JSON report; the Java worker (io.jthreading.testkit.DistributedWorker) does the same steps.
"""

import json
import sys

from jthreading.distributed import Coordinator

WAIT = 60  # seconds: every wait is bounded, so a lost wake-up fails instead of hanging


def main(hosts, run, counter_file, increments, rounds, role):
    report = {"language": "python", "role": role, "increments": [], "indices": []}
    with Coordinator(hosts) as coordinator:
        lock = coordinator.Lock(f"{run}/counter")
        go = coordinator.Event(f"{run}/go")
        actions = coordinator.Semaphore(f"{run}/actions", 0)
        barrier = coordinator.Barrier(f"{run}/rounds", 3, action=actions.release, timeout=WAIT)

        barrier.wait()  # everyone connected
        if role == "setter":
            go.set()
            report["woken"] = None
        else:
            report["set_before_wait"] = go.is_set()
            report["woken"] = go.wait(WAIT)

        for _ in range(increments):
            with lock:
                with open(counter_file, "r+") as counter:
                    value = int(counter.read() or 0) + 1
                    counter.seek(0)
                    counter.write(str(value))
                    counter.truncate()
                report["increments"].append([lock.fencing_token, value])

        for _ in range(rounds):
            report["indices"].append(barrier.wait())
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    hosts, run, counter_file, increments, rounds, role = sys.argv[1:7]
    main(hosts, run, counter_file, int(increments), int(rounds), role)
