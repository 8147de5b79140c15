"""A tiny reverse proxy for tests: it listens on 127.0.0.1, forwards every request to an
upstream server and appends the connecting client's address to X-Forwarded-For, the way the
shipped nginx does (`proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`).

Clients connect from different loopback addresses (Linux routes all of 127.0.0.0/8 to lo), so
several «people» can sit behind one proxy on one machine.
"""

import contextlib
import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"}


def _handler(upstream_host: str, upstream_port: int):
    class Forward(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def _forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            seen = self.headers.get("X-Forwarded-For")
            client = self.client_address[0]
            headers["X-Forwarded-For"] = f"{seen}, {client}" if seen else client
            headers.pop("Host", None)
            headers["Host"] = self.headers.get("Host", "localhost")
            upstream = http.client.HTTPConnection(
                upstream_host, upstream_port, timeout=30, source_address=("127.0.0.1", 0)
            )
            try:
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
            finally:
                upstream.close()
            self.send_response(answer.status)
            for key, value in answer.getheaders():
                if key.lower() not in HOP_BY_HOP | {"content-length"}:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_HEAD = _forward

        def log_message(self, *args):  # keep test output clean
            pass

    return Forward


@contextlib.contextmanager
def reverse_proxy(upstream_url: str):
    """Run a proxy to `upstream_url` in a thread; yields its (host, port)."""
    target = urlsplit(upstream_url)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(target.hostname, target.port))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[:2]
    finally:
        server.shutdown()
        server.server_close()


def get(host: str, port: int, path: str, *, source: str, headers: dict | None = None) -> int:
    """GET `path` from (host, port) over a socket bound to the loopback address `source`;
    returns the status code."""
    connection = http.client.HTTPConnection(host, port, timeout=30, source_address=(source, 0))
    try:
        connection.request("GET", path, headers={"Host": "localhost", **(headers or {})})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()
