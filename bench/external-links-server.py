#!/usr/bin/env python3
"""The external-links benchmark's server: one HTTP/1.1 server per address 127.0.0.1 .. 127.0.0.N
(each a distinct host), all on one port, answering every HEAD and GET with 200 after a fixed delay,
and counting requests in flight per host. On SIGTERM it writes the requests served and each host's
largest number of requests in flight at once to the stats file, as JSON.

usage: external-links-server.py PORT HOSTS DELAY_MS STATS_FILE
Binds loopback addresses only."""
import json, signal, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, hosts, delay, stats_file = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) / 1000, sys.argv[4]
lock = threading.Lock()
in_flight, most, served = {}, {}, [0]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real hosts do

    def answer(self, body):
        host = self.server.server_address[0]
        with lock:
            in_flight[host] = in_flight.get(host, 0) + 1
            most[host] = max(most.get(host, 0), in_flight[host])
            served[0] += 1
        try:
            time.sleep(delay)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        finally:
            with lock:
                in_flight[host] -= 1

    def do_HEAD(self):
        self.answer(False)

    def do_GET(self):
        self.answer(True)

    def log_message(self, *args):
        pass


servers = []
for i in range(1, hosts + 1):
    server = ThreadingHTTPServer((f"127.0.0.{i}", port), Handler)
    server.daemon_threads = True
    servers.append(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()


def stop(*_):
    with open(stats_file, "w") as f:
        json.dump({"served": served[0], "max_in_flight": most}, f)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
print("ready", flush=True)
while True:
    time.sleep(1)
