#!/usr/bin/env python3
"""A real SMTP server for the tests (aiosmtpd): every message it receives is written to DIR as N.eml.
Usage: smtp_sink.py DIR PORTFILE — binds a free port on 127.0.0.1 and writes it to PORTFILE."""
import asyncio, os, socket, sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder, self.n = folder, 0

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        path = os.path.join(self.folder, f"{self.n}.eml")
        with open(path + ".tmp", "wb") as f:
            f.write(f"X-Rcpt: {','.join(envelope.rcpt_tos)}\n".encode() + envelope.content)
        os.rename(path + ".tmp", path)
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    folder, portfile = sys.argv[1:3]
    port = free_port()
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    with open(portfile + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(portfile + ".tmp", portfile)
    try:
        asyncio.get_event_loop().run_until_complete(asyncio.sleep(float(os.environ.get("SINK_SECONDS", "600"))))
    except KeyboardInterrupt:
        pass
    controller.stop()


main()
