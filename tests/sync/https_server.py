#!/usr/bin/env python3
"""A UWLR server for the tests: HTTPS on 127.0.0.1 (http.server + ssl from the standard library) answering
HaalLeerlinggegevens with a SOAP envelope around an EDEXML document.

Usage: https_server.py CERT KEY EDEX_FILE KEY_FILE PORTFILE LOGDIR
  binds a free port, writes it to PORTFILE, and serves for SERVER_SECONDS (default 600).
The path of the request chooses the answer:
  /ok        the leerlinggegevens (after checking the request: POST, SOAPAction, schooljaar, brincode, key)
  /slow      the same, after SLOW_SECONDS (default 5): for the client's time-out
  /500       HTTP 500 with an HTML page, as a broken proxy sends it
  /fault     HTTP 500 with a SOAP 1.1 Fault, as a UWLR server answers a refused request
  /redirect  HTTP 302 to another host
  /otherschool  a well-formed answer for another school (BRIN 11AA), which the importer must refuse
A request with the wrong autorisatiesleutel gets a SOAP Fault too. Every request body is kept in
LOGDIR/request-N.xml, so a test can check what the client sent.
"""
import http.server
import os
import socket
import ssl
import sys
import threading
import time
import xml.etree.ElementTree as ET

NS = "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens"
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"


def answer_from(edex_path):
    """The EDEXML document as a UWLR answer: its root renamed to leerlinggegevens_antwoord in the UWLR
    namespace (so every element inside is namespaced, as in a real answer), inside a SOAP envelope."""
    with open(edex_path, encoding="utf-8") as f:
        doc = f.read()
    if doc.startswith("<?xml"):
        doc = doc[doc.index("?>") + 2:]
    start, end = doc.index("<EDEX"), doc.rindex("</EDEX>")
    inner = doc[doc.index(">", start) + 1:end]
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenv="{SOAP}">'
            f'<soapenv:Header/><soapenv:Body><leerlinggegevens_antwoord xmlns="{NS}">{inner}'
            f'</leerlinggegevens_antwoord></soapenv:Body></soapenv:Envelope>\n').encode("utf-8")


def fault(text):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenv="{SOAP}"><soapenv:Body>'
            f'<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>{text}</faultstring>'
            f'</soapenv:Fault></soapenv:Body></soapenv:Envelope>\n').encode("utf-8")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.path, fmt % args))

    def send(self, status, body, ctype="text/xml; charset=utf-8", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def check_request(self, body):
        """None when the request is a proper HaalLeerlinggegevens, else the fault text."""
        if self.headers.get("SOAPAction", "").strip('"') != "HaalLeerlinggegevens":
            return "SOAPAction ontbreekt"
        try:
            root = ET.fromstring(body)
        except ET.ParseError:
            return "geen XML"
        req = root.find(f"{{{SOAP}}}Body/{{{NS}}}leerlinggegevens_verzoek")
        if req is None:
            return "geen leerlinggegevens_verzoek"
        fields = {child.tag.split("}")[1]: (child.text or "") for child in req}
        if fields.get("brincode") != "99ZZ" or len(fields.get("schooljaar", "")) != 9:
            return "onbekende school of schooljaar"
        if fields.get("autorisatiesleutel") != self.server.key:
            return "Ongeldige autorisatiesleutel"
        return None

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        self.server.count += 1
        with open(os.path.join(self.server.logdir, f"request-{self.server.count}.xml"), "wb") as f:
            f.write(body)
        mode = self.path.rstrip("/").rsplit("/", 1)[-1]
        if mode == "500":
            return self.send(500, b"<html><body>Internal Server Error</body></html>", "text/html")
        if mode == "fault":
            return self.send(500, fault("De school heeft de koppeling met klassenmap niet geactiveerd"))
        if mode == "redirect":
            return self.send(302, b"", extra=[("Location", "https://elders.example/uwlr")])
        problem = self.check_request(body)
        if problem:
            return self.send(500, fault(problem))
        if mode == "slow":
            time.sleep(float(os.environ.get("SLOW_SECONDS", "5")))
        if mode == "otherschool":
            return self.send(200, self.server.answer.replace(b">99ZZ<", b">11AA<"))
        self.send(200, self.server.answer)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def finish_request(self, request, client_address):
        # The TLS handshake runs in the request's thread: a client that gives up on the certificate
        # never holds up the next one.
        try:
            tls = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as e:
            sys.stderr.write(f"handshake: {e}\n")
            return
        try:
            self.RequestHandlerClass(tls, client_address, self)
        finally:
            tls.close()


def main():
    cert, key, edex, key_file, portfile, logdir = sys.argv[1:7]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = Server(("127.0.0.1", 0), Handler)
    server.context = context
    server.answer = answer_from(edex)
    with open(key_file, encoding="utf-8") as f:
        server.key = f.readline().strip()
    server.logdir, server.count = logdir, 0
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with open(portfile + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    try:
        time.sleep(float(os.environ.get("SERVER_SECONDS", "600")))
    except KeyboardInterrupt:
        pass
    server.shutdown()


main()
