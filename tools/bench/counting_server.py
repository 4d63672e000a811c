"""The emulator (tools/emulator/server.py) counting the AWS API calls it answers, in its own process.

tools/emulator/proxy.py counts the same way, but as a hop of its own it adds tens of milliseconds to every call on a
loaded machine (a new thread and upstream connection per request): seconds on a run of a few hundred calls. Counted
here, inside moto's WSGI application, a call costs what it costs without counting, so the timed runs are not slowed.
The counts are the proxy's (its classify and Stats), at the proxy's paths:

    GET  /_tickr/stats   the counts as JSON
    POST /_tickr/reset   zero the counts

    python tools/bench/counting_server.py -H 127.0.0.1 -p 5005    # server.py's options
"""

import io
import json
import sys
from pathlib import Path

EMULATOR = Path(__file__).resolve().parents[2] / "tools" / "emulator"
sys.path.insert(0, str(EMULATOR))

import moto.server  # noqa: E402
import server  # noqa: E402  (the emulator with its patches)
from proxy import Stats, classify  # noqa: E402  (the proxy's classification, not a copy)

STATS = Stats()


class CountingApplication(moto.server.DomainDispatcherApplication):
    """moto's application, recording each request's service and operation before answering it."""

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith("/_tickr/"):
            if path == "/_tickr/reset":
                STATS.reset()
            body = json.dumps(STATS.snapshot()).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        if not path.startswith("/moto-api"):
            headers = {"Authorization": environ.get("HTTP_AUTHORIZATION", ""), "Content-Type": environ.get("CONTENT_TYPE", "")}
            if environ.get("HTTP_X_AMZ_TARGET"):
                headers["X-Amz-Target"] = environ["HTTP_X_AMZ_TARGET"]
            body = b""
            # Only the query protocol names its operation in the body; it is read once and handed on to moto.
            if environ.get("REQUEST_METHOD") == "POST" and "x-www-form-urlencoded" in headers["Content-Type"] and "X-Amz-Target" not in headers:
                body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
                environ["wsgi.input"] = io.BytesIO(body)
            query = environ.get("QUERY_STRING")
            service, operation, _protocol = classify(environ["REQUEST_METHOD"], path + (f"?{query}" if query else ""), headers, body)
            STATS.record(service, operation)
        return super().__call__(environ, start_response)


if __name__ == "__main__":
    moto.server.DomainDispatcherApplication = CountingApplication
    server.main()
