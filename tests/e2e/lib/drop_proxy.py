#!/usr/bin/env python3
"""A TCP proxy on loopback that drops connections part-way, for tests.

    drop_proxy.py PORT_FILE TARGET_PORT DIRECTION LIMIT

Listens on a free 127.0.0.1 port (written to PORT_FILE once listening) and
forwards every connection to 127.0.0.1:TARGET_PORT. DIRECTION is `down`
(server to client) or `up` (client to server): once more than LIMIT bytes
went that way on a connection, both sides are closed abruptly, as a dropped
network would. LIMIT -1 never drops. Runs until killed.
"""
import os
import select
import socket
import sys
import threading


def relay(client, target_port, direction, limit):
    server = socket.create_connection(("127.0.0.1", target_port))
    sent = {"up": 0, "down": 0}
    pairs = {client: (server, "up"), server: (client, "down")}
    try:
        while True:
            readable, _, _ = select.select(list(pairs), [], [])
            for source in readable:
                data = source.recv(65536)
                if not data:
                    return
                sink, way = pairs[source]
                if way == direction and limit >= 0 and sent[way] + len(data) > limit:
                    sink.sendall(data[: max(0, limit - sent[way])])
                    return
                sink.sendall(data)
                sent[way] += len(data)
    except OSError:
        pass
    finally:
        for sock in (client, server):
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                sock.close()
            except OSError:
                pass


def main():
    port_file, target_port, direction, limit = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(listener.getsockname()[1]))
    os.rename(port_file + ".tmp", port_file)
    while True:
        client, _ = listener.accept()
        threading.Thread(target=relay, args=(client, target_port, direction, limit), daemon=True).start()


if __name__ == "__main__":
    main()
