"""Pages through gunicorn with 1, 4 and 16 clients at once: requests per second and latency
percentiles, with the load average beside each figure.

The load comes from `wrk` (Debian: `apt-get install wrk`) when it is installed, else from a
small threaded client of our own (`http.client`, one connection per client, the same
measures); the result says which. gunicorn runs as production does (`config.wsgi`, 3 workers,
DEBUG off) on 127.0.0.1, with a verified advisor's session cookie on every request.
"""

import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

CLIENTS = (1, 4, 16)
WORKERS = 3
# wrk's Lua hook: one line the bench reads, latencies in microseconds.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.status))
end
"""


def _wait_for(port: int, process: subprocess.Popen[bytes], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped before it served")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/konto/login/")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer")


def gunicorn_start(env: dict[str, str], port: int, root: Path) -> subprocess.Popen[bytes]:
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--timeout",
        "120",
    ]
    process = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _wait_for(port, process)
    return process


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _wrk(url: str, cookie: str, clients: int, seconds: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        done = subprocess.run(
            [
                "wrk",
                f"-t{min(clients, 2)}",
                f"-c{clients}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                "-H",
                f"Cookie: {cookie}",
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(script.name)
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("RESULT "))
    count, duration, p50, p95, p99, bad = (int(x) for x in line.split()[1:])
    return {
        "rps": count / (duration / 1e6),
        "p50_ms": p50 / 1000,
        "p95_ms": p95 / 1000,
        "p99_ms": p99 / 1000,
        "requests": count,
        "non_2xx": bad,
    }


def _own_client(url: str, cookie: str, clients: int, seconds: int) -> dict[str, Any]:
    host_port, path = url.removeprefix("http://").split("/", 1)
    host, port = host_port.split(":")
    timings: list[float] = []
    bad = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def run() -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        while time.monotonic() < stop:
            started = time.perf_counter()
            conn.request("GET", "/" + path, headers={"Cookie": cookie})
            response = conn.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                timings.append(elapsed)
                bad[0] += response.status >= 300
        conn.close()

    threads = [threading.Thread(target=run) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    duration = time.perf_counter() - started
    return {
        "rps": len(timings) / duration,
        "p50_ms": _percentile(timings, 0.50),
        "p95_ms": _percentile(timings, 0.95),
        "p99_ms": _percentile(timings, 0.99),
        "mean_ms": statistics.fmean(timings) if timings else 0.0,
        "requests": len(timings),
        "non_2xx": bad[0],
    }


def _status(url: str, cookie: str) -> int:
    host_port, path = url.removeprefix("http://").split("/", 1)
    host, port = host_port.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("GET", "/" + path, headers={"Cookie": cookie})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def load_run(url: str, cookie: str, clients: int, seconds: int) -> dict[str, Any]:
    """One run of `clients` clients for `seconds` against `url` (which must answer 200 with
    the cookie: wrk itself counts only 4xx and 5xx, so a redirect to the log-in would pass)."""
    status = _status(url, cookie)
    if status != 200:
        raise RuntimeError(f"{url} answered {status}, not 200")
    tool = "wrk" if shutil.which("wrk") else "own client"
    run = _wrk if tool == "wrk" else _own_client
    result = run(url, cookie, clients, seconds)
    result.update(tool=tool, clients=clients, load=os.getloadavg()[0])
    return result


def run_measured(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, float, float]:
    """Run a command; its exit code, wall seconds and peak resident memory in MB."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux.
    return process.returncode, time.perf_counter() - started, usage.ru_maxrss / 1024
