#!/usr/bin/env python3
"""A strict UWLR 2.2 server for the tests: HTTPS on 127.0.0.1 (http.server + ssl from the standard library)
answering HaalLeerlinggegevens as a supplier's UWLR library does, with the school of an EDEXML file.

Usage: https_server.py CERT KEY EDEX_FILE KEY_FILE PORTFILE LOGDIR
  binds a free port, writes it to PORTFILE, and serves for SERVER_SECONDS (default 600).
Environment:
  UWLR_XSD        the schema wrapper (UWLR_DIR/all.xsd) every request is validated against with xmllint; empty or
                  absent: no schema validation, and each request's check file says "skipped"
  UWLR_KLANTCODE  the klantcode this server knows (default KM-TEST)
  CLIENT_CA       when set, the TLS handshake requires a client certificate issued by this CA (mutual TLS)
  SLOW_SECONDS    the delay of /slow (default 5)

Every request is checked the way a real server checks it, and refused with a SOAP 1.1 fault (HTTP 500) of the
standard form (faultcode, faultstring, detail):
  POST with Content-Type text/xml             else HTTP 415
  SOAPAction "HaalLeerlinggegevens"           else soapenv:Client            (the WSDL's soapAction)
  well-formed XML, a SOAP 1.1 envelope        else soapenv:Client
  the autorisatie header is there             else Client.AutorisatieOngeldig
  klantcode and klantnaam not empty           else Client.OngeldigeKlantIdentificatie
  valid against the schema (UWLR_XSD)         else Client.OngeldigBericht (detail: xmllint's first error)
  the autorisatiesleutel of KEY_FILE          else Client.AutorisatieOngeldig
  the klantcode UWLR_KLANTCODE                else Client.OngeldigeKlantIdentificatie
  xsdversie 2.2                               else Client.XsdVersieOngeldig
  brincode 99ZZ, dependancecode 00 (or none)  else the answer geengegevens
The last part of the path chooses the answer to a request that passes:
  /ok         leerlinggegevens with a default namespace (soapenv: prefix for the envelope)
  /prefixed   every element with a prefix (SOAP-ENV:, lg:)
  /mixed      extra SOAP headers, the answer element prefixed and the data in a default namespace declared lower
  /latin1     the /ok answer in ISO-8859-1, declared in the XML declaration and the Content-Type
  /latin1http the same without an XML declaration: only the Content-Type says ISO-8859-1
  /geenwijzigingen, /geengegevens   those answers
  /eckid      two leerlingen in the UWLR 2.3 manner: an eckid and no key
  /fault      Client.AutorisatieOngeldig with a detail, as for a koppeling the school has not activated
  /serverfault  soapenv:Server, as for a failure on the server's side
  /xsd23      a server that only delivers xsdversie 2.3: Client.XsdVersieOngeldig
  /slow       the /ok answer after SLOW_SECONDS: for the client's time-out
  /500        HTTP 500 with an HTML page, as a broken proxy sends it
  /redirect   HTTP 302 to another host
  /otherschool  a well-formed answer for another school (BRIN 11AA), which the importer must refuse
Every request is kept in LOGDIR as request-N.xml (body), request-N.meta (path, SOAPAction, Content-Type) and
request-N.check ("valid", "invalid: …" or "skipped: …"); every answer as answer-N.xml.
"""
import http.server
import os
import re
import ssl
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET

NS = "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens"
AUT = "http://www.edustandaard.nl/leerresultaten/2/autorisatie"
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
ACTION = "HaalLeerlinggegevens"


class Refusal(Exception):
    """A request the server refuses: the fault it answers with."""

    def __init__(self, code, text, detail=""):
        super().__init__(text)
        self.code, self.text, self.detail = code, text, detail


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def edex_inner(edex_path):
    """The children of the EDEXML root, as text: the content of leerlinggegevens."""
    with open(edex_path, encoding="utf-8") as f:
        doc = f.read()
    if doc.startswith("<?xml"):
        doc = doc[doc.index("?>") + 2:]
    start, end = doc.index("<EDEX"), doc.rindex("</EDEX>")
    return doc[doc.index(">", start) + 1:end]


def prefixed(inner, prefix):
    """Every element of inner with the prefix (the attributes stay unqualified, as the schema has them)."""
    return re.sub(r"<(/?)([A-Za-z_][\w.-]*)", lambda m: f"<{m.group(1)}{prefix}:{m.group(2)}", inner)


def envelope(body, soap="soapenv", headers="", decl="UTF-8"):
    return (f'<?xml version="1.0" encoding="{decl}"?>\n<{soap}:Envelope xmlns:{soap}="{SOAP}">'
            f'<{soap}:Header>{headers}</{soap}:Header><{soap}:Body>{body}</{soap}:Body></{soap}:Envelope>\n')


def answers(inner):
    """The answer of each layout, as text (encoded when sent)."""
    ok = envelope(f'<leerlinggegevens_antwoord xmlns="{NS}"><leerlinggegevens>{inner}</leerlinggegevens>'
                  f'</leerlinggegevens_antwoord>')
    lg = prefixed(inner, "lg")
    extra = ('<wsa:Action xmlns:wsa="http://www.w3.org/2005/08/addressing">HaalLeerlinggegevensResponse</wsa:Action>'
             '<t:trace xmlns:t="urn:example:trace" id="4711">klassenmap-test</t:trace>')
    eckid = re.sub(r'<leerling key="(100[23])">',
                   lambda m: f'<leerling eckid="https://id.example.nl/LL/{m.group(1)}abcdef">', inner)
    return {
        "ok": ok,
        "prefixed": envelope(f'<lg:leerlinggegevens_antwoord xmlns:lg="{NS}"><lg:leerlinggegevens>{lg}'
                             f'</lg:leerlinggegevens></lg:leerlinggegevens_antwoord>', soap="SOAP-ENV"),
        "mixed": envelope(f'<a:leerlinggegevens_antwoord xmlns:a="{NS}"><leerlinggegevens xmlns="{NS}">{inner}'
                          f'</leerlinggegevens></a:leerlinggegevens_antwoord>', soap="s", headers=extra),
        "latin1": ok.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'),
        "latin1http": ok[ok.index("?>") + 2:].lstrip(),
        "geenwijzigingen": envelope(f'<leerlinggegevens_antwoord xmlns="{NS}"><geenwijzigingen/>'
                                    f'</leerlinggegevens_antwoord>'),
        "geengegevens": envelope(f'<leerlinggegevens_antwoord xmlns="{NS}"><geengegevens/>'
                                 f'</leerlinggegevens_antwoord>'),
        "eckid": ok.replace(inner, eckid),
    }


def fault(code, text, detail=""):
    d = f"<detail><uwlr:melding xmlns:uwlr=\"{NS}\">{esc(detail)}</uwlr:melding></detail>" if detail else ""
    return envelope(f"<soapenv:Fault><faultcode>soapenv:{code}</faultcode><faultstring>{esc(text)}</faultstring>"
                    f"{d}</soapenv:Fault>")


def schema_check(body):
    """("valid" | "invalid: first error" | "skipped: why") by xmllint against UWLR_XSD."""
    xsd = os.environ.get("UWLR_XSD", "")
    if not xsd:
        return "skipped: no UWLR_XSD"
    p = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", xsd, "-"], input=body, capture_output=True)
    if p.returncode == 0:
        return "valid"
    lines = [line for line in p.stderr.decode("utf-8", "replace").splitlines() if "error" in line]
    return "invalid: " + (lines[0] if lines else "xmllint exit %d" % p.returncode)


def text_of(parent, path):
    node = parent.find(path)
    return None if node is None else (node.text or "")


def check_request(handler, body):
    """The request's verzoek element, or Refusal."""
    action = handler.headers.get("SOAPAction")
    if action is None or action.strip().strip('"') != ACTION:
        raise Refusal("Client", "Onbekende of ontbrekende SOAPAction", f"verwacht \"{ACTION}\", gekregen {action!r}")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as e:
        raise Refusal("Client", "Het bericht is geen XML", str(e))
    if root.tag != f"{{{SOAP}}}Envelope":
        raise Refusal("Client", "Het bericht is geen SOAP 1.1-envelop", root.tag)
    aut = root.find(f"{{{SOAP}}}Header/{{{AUT}}}autorisatie")
    if aut is None:
        raise Refusal("Client.AutorisatieOngeldig", "Autorisatie ontbreekt", "geen autorisatie in de SOAP-header")
    klantcode, klantnaam = text_of(aut, f"{{{AUT}}}klantcode"), text_of(aut, f"{{{AUT}}}klantnaam")
    if not klantcode or not klantnaam:
        raise Refusal("Client.OngeldigeKlantIdentificatie", "Klantidentificatie ontbreekt",
                      "klantcode en klantnaam zijn verplicht")
    check = handler.check
    if check.startswith("invalid"):
        raise Refusal("Client.OngeldigBericht", "Het bericht voldoet niet aan het schema", check[len("invalid: "):])
    if text_of(aut, f"{{{AUT}}}autorisatiesleutel") != handler.server.key:
        raise Refusal("Client.AutorisatieOngeldig", "Autorisatie is ongeldig")
    if klantcode != handler.server.klantcode:
        raise Refusal("Client.OngeldigeKlantIdentificatie", "Onbekende klant", f"klantcode {klantcode}")
    req = root.find(f"{{{SOAP}}}Body/{{{NS}}}leerlinggegevens_verzoek")
    if req is None:
        raise Refusal("Client.OngeldigBericht", "Geen leerlinggegevens_verzoek in de Body")
    return req


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.path, fmt % args))

    def send(self, status, body, ctype="text/xml; charset=utf-8", extra=(), encoding="utf-8"):
        data = body.encode(encoding, "xmlcharrefreplace") if isinstance(body, str) else body
        with open(os.path.join(self.server.logdir, f"answer-{self.n}.xml"), "wb") as f:
            f.write(data)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def keep(self, body, mode):
        with self.server.lock:
            self.server.count += 1
            self.n = self.server.count
        self.logbase = os.path.join(self.server.logdir, f"request-{self.n}.")
        self.check = schema_check(body)
        with open(self.logbase + "xml", "wb") as f:
            f.write(body)
        with open(self.logbase + "meta", "w", encoding="utf-8") as f:
            f.write(f"path: {self.path}\nSOAPAction: {self.headers.get('SOAPAction')}\n"
                    f"Content-Type: {self.headers.get('Content-Type')}\n")
        with open(self.logbase + "check", "w", encoding="utf-8") as f:
            f.write(self.check + "\n")

    def answer(self, mode, req):
        if mode == "xsd23" or text_of(req, f"{{{NS}}}xsdversie") != "2.2":
            return self.send(500, fault("Client.XsdVersieOngeldig", "XSD-versie wordt niet ondersteund",
                                        "deze koppeling levert xsdversie 2.3"))
        school = (text_of(req, f"{{{NS}}}brincode"), text_of(req, f"{{{NS}}}dependancecode") or "00")
        if school != ("99ZZ", "00"):
            mode = "geengegevens"
        if mode == "fault":
            return self.send(500, fault("Client.AutorisatieOngeldig", "Autorisatie is ongeldig",
                                        "De school heeft de koppeling met klassenmap niet geactiveerd"))
        if mode == "serverfault":
            return self.send(500, fault("Server", "Interne fout", "database niet bereikbaar"))
        if mode == "slow":
            time.sleep(float(os.environ.get("SLOW_SECONDS", "5")))
        if mode == "otherschool":
            return self.send(200, self.server.answers["ok"].replace(">99ZZ<", ">11AA<"))
        if mode in ("latin1", "latin1http"):
            return self.send(200, self.server.answers[mode], "text/xml; charset=ISO-8859-1", encoding="iso-8859-1")
        self.send(200, self.server.answers.get(mode, self.server.answers["ok"]))

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        mode = self.path.rstrip("/").rsplit("/", 1)[-1]
        self.keep(body, mode)
        if mode == "500":
            return self.send(500, b"<html><body>Internal Server Error</body></html>", "text/html")
        if mode == "redirect":
            return self.send(302, b"", extra=[("Location", "https://elders.example/uwlr")])
        if not (self.headers.get("Content-Type") or "").startswith("text/xml"):
            return self.send(415, b"", "text/plain")
        try:
            req = check_request(self, body)
        except Refusal as r:
            return self.send(500, fault(r.code, r.text, r.detail))
        self.answer(mode, req)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def finish_request(self, request, client_address):
        # The TLS handshake runs in the request's thread: a client that gives up on the certificate
        # never holds up the next one.
        tls = self.context.wrap_socket(request, server_side=True, do_handshake_on_connect=False)
        try:
            tls.do_handshake()
        except (ssl.SSLError, OSError) as e:
            sys.stderr.write(f"handshake: {e}\n")
            # The alert (e.g. TLS 1.3's "certificate required") is on its way; closing at once could make the
            # client's first write fail before it reads the alert, and the client could not say what happened.
            time.sleep(0.3)
            tls.close()
            return
        try:
            self.RequestHandlerClass(tls, client_address, self)
        finally:
            tls.close()


def main():
    cert, key, edex, key_file, portfile, logdir = sys.argv[1:7]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    if os.environ.get("CLIENT_CA"):
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(os.environ["CLIENT_CA"])
    server = Server(("127.0.0.1", 0), Handler)
    server.context = context
    server.answers = answers(edex_inner(edex))
    with open(key_file, encoding="utf-8") as f:
        server.key = f.readline().strip()
    server.klantcode = os.environ.get("UWLR_KLANTCODE", "KM-TEST")
    server.logdir, server.count, server.lock = logdir, 0, threading.Lock()
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
