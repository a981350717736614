"""The threads of a running kernel JVM, read from /proc (Linux): each thread's CPU time, its time waiting for a core
(run queue) and its minor page faults. Used by run.py --tail and versus.py."""
import os


def times(pid, tid):
    """(CPU ms, waiting ms, minor page faults) of thread tid of process pid."""
    with open(f"/proc/{pid}/task/{tid}/schedstat") as q, open(f"/proc/{pid}/task/{tid}/stat") as s:
        cpu, wait = (int(x) / 1e6 for x in q.read().split()[:2])
        return cpu, wait, int(s.read().rsplit(")", 1)[1].split()[7])


def threads(pid):
    """{"NAME:TID": times} for every thread of pid (a thread that ends while being read is left out)."""
    seen = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as c:
                seen[f"{c.read().strip()}:{tid}"] = times(pid, tid)
        except OSError:
            pass
    return seen


def cell_thread(pid):
    """The tid of the thread that runs cells: jjava-jupyter's Shell-0."""
    for name in threads(pid):
        if name.startswith("Shell-0:"):
            return name.split(":")[1]
    raise SystemExit("no Shell-0 thread (jjava-jupyter's cell thread) in the kernel")
