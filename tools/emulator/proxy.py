"""A proxy in front of the emulator that counts AWS API calls and can inject AWS's transient faults.

    python tools/emulator/proxy.py --upstream http://127.0.0.1:5005 --port 5006 [--fault-rate 0.1] [--seed 7]

Point AWS_ENDPOINT_URL at the proxy. Every request is classified by service (from the SigV4 credential
scope) and operation (X-Amz-Target, the query Action, or the REST method and path), and counted as a read or
a mutation. With --fault-rate, that share of requests is answered, before reaching the emulator, with what AWS
sends under load: a throttling error in the service's protocol, or a 503. Clients must retry them.

    GET  /_tickr/stats   the counts as JSON
    POST /_tickr/reset   zero the counts
"""

import argparse
import http.client
import http.server
import json
import random
import re
import threading
import urllib.parse
from collections import Counter

READ_PREFIXES = ("Describe", "Get", "List", "Head", "Lookup", "Search", "Batch Get", "Check", "Validate", "Filter")
CREDENTIAL_SCOPE = re.compile(r"Credential=[^/]+/\d{8}/[^/]+/([^/]+)/aws4_request")
# Query-protocol services answer throttling with these codes; EC2 has its own envelope.
QUERY_THROTTLE = "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>" \
                 "<RequestId>tickr-fault</RequestId></ErrorResponse>"
EC2_THROTTLE = "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error>" \
               "</Errors><RequestID>tickr-fault</RequestID></Response>"
S3_SLOWDOWN = "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>tickr-fault</RequestId></Error>"
JSON_THROTTLE = json.dumps({"__type": "ThrottlingException", "message": "Rate exceeded"})
# And a 503 in each protocol's envelope, as AWS's front ends send it.
UNAVAILABLE = {
    "json": (json.dumps({"__type": "ServiceUnavailableException", "message": "Service unavailable"}), "application/x-amz-json-1.1"),
    "ec2": (EC2_THROTTLE.replace("RequestLimitExceeded", "Unavailable").replace("Request limit exceeded.", "Service unavailable"),
            "application/xml"),
    "rest": (S3_SLOWDOWN.replace("SlowDown", "ServiceUnavailable").replace("Please reduce your request rate.", "Service unavailable"),
             "application/xml"),
    "query": (QUERY_THROTTLE.replace("<Type>Sender</Type>", "<Type>Receiver</Type>").replace("Throttling", "ServiceUnavailable")
              .replace("Rate exceeded", "Service unavailable"), "text/xml"),
}


def classify(method, path, headers, body):
    """Return (service, operation, protocol) of one AWS request."""
    match = CREDENTIAL_SCOPE.search(headers.get("Authorization", ""))
    service = match.group(1) if match else "unknown"
    target = headers.get("X-Amz-Target")
    if target:
        return service, target.rsplit(".", 1)[-1], "json"
    if method == "POST" and "x-www-form-urlencoded" in headers.get("Content-Type", ""):
        action = urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("Action", ["Unknown"])[0]
        return service, action, "ec2" if service == "ec2" else "query"
    path_only = urllib.parse.urlsplit(path).path
    # REST-JSON services named by their path (X-Ray: POST /GetSamplingRules).
    named = re.fullmatch(r"/([A-Z][A-Za-z]+)", path_only)
    if named:
        return service, named.group(1), "rest"
    route = re.sub(r"/[0-9a-zA-Z_.:%-]{12,}", "/{id}", path_only)
    return service, f"{method} {route}", "rest"


def is_read(operation):
    if " " in operation:
        return operation.split(" ", 1)[0] in ("GET", "HEAD")
    return operation.startswith(READ_PREFIXES)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with getattr(self, "lock", threading.Lock()):
            self.calls = Counter()
            self.mutations = Counter()
            self.faults = 0

    def record(self, service, operation):
        with self.lock:
            self.calls[f"{service}:{operation}"] += 1
            if not is_read(operation):
                self.mutations[f"{service}:{operation}"] += 1

    def snapshot(self):
        with self.lock:
            return {
                "total": sum(self.calls.values()),
                "mutating": sum(self.mutations.values()),
                "faults_injected": self.faults,
                "calls": dict(sorted(self.calls.items())),
                "mutations": dict(sorted(self.mutations.items())),
            }


def make_handler(upstream, stats, fault_rate, rng):
    target = urllib.parse.urlsplit(upstream)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # the emulator keeps the log
            pass

        def _reply(self, status, body, content_type="application/xml", extra=None):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def _fault(self, protocol):
            stats.faults += 1
            if rng.random() < 0.5:
                return self._reply(503, *UNAVAILABLE[protocol])
            if protocol == "json":
                return self._reply(400, JSON_THROTTLE, "application/x-amz-json-1.1")
            if protocol == "ec2":
                return self._reply(503, EC2_THROTTLE)
            if protocol == "rest":
                return self._reply(503, S3_SLOWDOWN)
            return self._reply(400, QUERY_THROTTLE, "text/xml")

        def _handle(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if self.path.startswith("/_tickr/"):
                if self.path == "/_tickr/reset":
                    stats.reset()
                return self._reply(200, json.dumps(stats.snapshot()), "application/json")
            service, operation, protocol = classify(self.command, self.path, self.headers, body)
            if not self.path.startswith("/moto-api"):
                if fault_rate and rng.random() < fault_rate:
                    return self._fault(protocol)
                stats.record(service, operation)
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=300)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "transfer-encoding")}
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            self.send_response(resp.status)
            for key, value in resp.getheaders():
                if key.lower() not in ("connection", "transfer-encoding", "content-length", "server", "date"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
            conn.close()
            return None

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _handle

    return Handler


def serve(upstream, port, fault_rate=0.0, seed=None):
    stats = Stats()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), make_handler(upstream, stats, fault_rate, random.Random(seed)))
    server.daemon_threads = True
    return server, stats


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--fault-rate", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    server, _stats = serve(args.upstream, args.port, args.fault_rate, args.seed)
    server.serve_forever()


if __name__ == "__main__":
    main()
